/**
 * Webhooks against a real local HTTP receiver (node:http) that fails the first attempts: signed
 * deliveries, back-off, bounded attempts, permanent refusals, visibility per nation, and a
 * restart in the middle of the retries — on both backends.
 */
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { testBackends } from '../support/backends.js';
import { capProblems } from '../support/cap-schema.js';
import {
  ADMIN_PASSWORD,
  type TestServer,
  bearer,
  createUsers,
  startServer,
} from '../support/server.js';

const backends = await testBackends();
const SECRET = 'a webhook secret of some length';

interface Received {
  readonly at: number;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver answering `plan(path, attemptOfThisDelivery)` and recording every request. */
async function receiver(plan: (path: string, attempt: number) => number) {
  const got: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['x-sahelsat-delivery']);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      got.push({
        at: Date.now(),
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = plan(req.url ?? '', n);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const until = async <T>(f: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const alertBody = (releasability: 'nation' | 'alliance') => ({
  event: { en: 'Flood', fr: 'Inondation' },
  headline: { en: 'River Niger rising at Mopti', fr: 'Crue du Niger à Mopti' },
  description: { en: 'Water rising.', fr: 'Les eaux montent.' },
  severity: 'Moderate',
  urgency: 'Expected',
  certainty: 'Likely',
  category: 'Met',
  area: { description: 'Mopti' },
  releasability,
});

describe.each(backends)('webhooks on $name', (backend) => {
  let s: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  const tok = (name: string) => bearer(users.get(name)!.token);
  const call = (who: string, method: string, url: string, payload?: unknown) =>
    s.app.inject({
      method: method as 'GET',
      url,
      headers: tok(who),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async (who: string, method: string, url: string, payload?: unknown) => {
    const r = await call(who, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const deliveries = (who: string, hook: string) =>
    ok(who, 'GET', `/api/v1/webhooks/${hook}/deliveries`).then(
      (r) =>
        r.items as Array<{
          status: string;
          attempts: number;
          format: string;
          lastStatusCode: number | null;
          lastError: string | null;
          alertId: string;
        }>,
    );

  beforeAll(async () => {
    s = await startServer(backend, {
      alerts: {
        capSender: 'sahelsat@aes.example',
        webhooks: { pollMs: 50, backoff: { baseMs: 100, maxMs: 1000, maxAttempts: 4 } },
      },
    });
    users = await createUsers(s);
  });
  afterAll(() => s?.close());

  it('registration: validated, per nation, secret never shown, audited', async () => {
    const body = { url: 'http://127.0.0.1:9/hook', secret: SECRET, formats: ['json'] };
    expect((await call('analyst-ml', 'POST', '/api/v1/webhooks', body)).statusCode).toBe(403);
    expect((await call('viewer-ml', 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    const bad = await call('operator-ml', 'POST', '/api/v1/webhooks', {
      url: 'ftp://x/y',
      secret: 'short',
      formats: ['json', 'json'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['body.formats', 'body.secret', 'body.url']);
    const w = await ok('operator-ml', 'POST', '/api/v1/webhooks', body);
    expect(w).toMatchObject({ url: body.url, formats: ['json'], ownerNation: 'ML' });
    expect(JSON.stringify(await ok('admin-ml', 'GET', '/api/v1/webhooks'))).not.toContain(SECRET);
    expect((await ok('operator-bf', 'GET', '/api/v1/webhooks')).total).toBe(0);
    expect((await call('operator-bf', 'DELETE', `/api/v1/webhooks/${w.id}`)).statusCode).toBe(404);
    expect(
      (await call('operator-bf', 'GET', `/api/v1/webhooks/${w.id}/deliveries`)).statusCode,
    ).toBe(404);
    await ok('operator-ml', 'DELETE', `/api/v1/webhooks/${w.id}`);
    const audit = await ok('admin-ml', 'GET', `/api/v1/audit?entityId=${w.id}`);
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual([
      'webhook.create',
      'webhook.delete',
    ]);
  });

  it('delivers signed CAP and JSON after two failures, with back-off; nations get what they may see', async () => {
    const r = await receiver((path, n) => (n <= 2 ? 503 : 200));
    try {
      const ml = await ok('operator-ml', 'POST', '/api/v1/webhooks', {
        url: `${r.base}/ml`,
        secret: SECRET,
        formats: ['cap-xml', 'json'],
      });
      const bf = await ok('operator-bf', 'POST', '/api/v1/webhooks', {
        url: `${r.base}/bf`,
        secret: `${SECRET} for BF`,
        formats: ['json'],
      });
      const secret = await ok('operator-ml', 'POST', '/api/v1/alerts', alertBody('nation'));
      const shared = await ok('operator-ml', 'POST', '/api/v1/alerts', alertBody('alliance'));
      const mlDone = await until(
        () => deliveries('operator-ml', ml.id),
        (d) => d.length === 4 && d.every((x) => x.status === 'delivered'),
      );
      for (const d of mlDone) expect(d).toMatchObject({ attempts: 3, lastStatusCode: 200 });
      const bfDone = await until(
        () => deliveries('admin-bf', bf.id),
        (d) => d.length === 1 && d[0]!.status === 'delivered',
      );
      expect(bfDone[0]!.alertId).toBe(shared.id); // never the ML nation alert
      expect(r.got.filter((g) => g.path === '/bf').every((g) => !g.body.includes(secret.id))).toBe(
        true,
      );

      for (const g of r.got) {
        const key = g.path === '/ml' ? SECRET : `${SECRET} for BF`;
        const hmac = createHmac('sha256', key).update(g.body).digest('hex');
        expect(g.headers['x-sahelsat-signature']).toBe(`sha256=${hmac}`);
        expect(Math.abs(Number(g.headers['x-sahelsat-timestamp']) * 1000 - g.at)).toBeLessThan(
          5000,
        );
        if (String(g.headers['content-type']).startsWith('application/cap+xml'))
          expect(capProblems(g.body)).toEqual([]);
        else expect(JSON.parse(g.body).headline.en).toBe('River Niger rising at Mopti');
      }
      // Back-off: the third attempt of a delivery comes ≥ 0.8·(100 + 200) ms after the first.
      const byDelivery = new Map<string, number[]>();
      for (const g of r.got) {
        const id = String(g.headers['x-sahelsat-delivery']);
        byDelivery.set(id, [...(byDelivery.get(id) ?? []), g.at]);
      }
      for (const times of byDelivery.values()) {
        expect(times).toHaveLength(3);
        expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(75);
        expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(235);
      }
    } finally {
      await r.close();
    }
  });

  it('gives up after the last attempt, and at once on a refusal (410)', async () => {
    const r = await receiver((path) => (path === '/gone' ? 410 : 500));
    try {
      const down = await ok('operator-ne', 'POST', '/api/v1/webhooks', {
        url: `${r.base}/down`,
        secret: SECRET,
        formats: ['json'],
      });
      const gone = await ok('operator-ne', 'POST', '/api/v1/webhooks', {
        url: `${r.base}/gone`,
        secret: SECRET,
        formats: ['json'],
      });
      await ok('operator-ne', 'POST', '/api/v1/alerts', alertBody('nation'));
      const d1 = await until(
        () => deliveries('operator-ne', down.id),
        (d) => d[0]?.status === 'failed',
      );
      expect(d1[0]).toMatchObject({ attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500' });
      const d2 = await until(
        () => deliveries('operator-ne', gone.id),
        (d) => d[0]?.status === 'failed',
      );
      expect(d2[0]).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    } finally {
      await r.close();
    }
  });

  it('a restart in the middle of the retries continues the schedule', async () => {
    const fresh = await backend.fresh();
    const r = await receiver((_path, n) => (n === 1 ? 503 : 200));
    const opts = (baseMs: number) => ({
      storage: fresh.config,
      adminPassword: ADMIN_PASSWORD,
      jobs: { threads: 0 },
      alerts: { webhooks: { pollMs: 50, backoff: { baseMs, maxMs: 5000, maxAttempts: 5 } } },
    });
    try {
      const a = await buildServer(opts(1500));
      await a.ready();
      const login = async (app: typeof a) =>
        bearer(
          (
            await app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'admin', password: ADMIN_PASSWORD },
            })
          ).json().token,
        );
      const h = await login(a);
      const hook = (
        await a.inject({
          method: 'POST',
          url: '/api/v1/webhooks',
          headers: h,
          payload: { url: `${r.base}/aes`, secret: SECRET, formats: ['cap-xml'] },
        })
      ).json();
      await a.inject({
        method: 'POST',
        url: '/api/v1/alerts',
        headers: h,
        payload: alertBody('alliance'),
      });
      const list = async (app: typeof a, hd: Record<string, string>) =>
        (await app.inject({ url: `/api/v1/webhooks/${hook.id}/deliveries`, headers: hd })).json()
          .items as Array<{ status: string; attempts: number }>;
      await until(
        () => list(a, h),
        (d) => d[0]?.attempts === 1,
      );
      await a.close(); // stopped between the first and the second attempt
      expect(r.got).toHaveLength(1);
      const b = await buildServer(opts(100));
      try {
        await b.ready();
        const hb = await login(b);
        const done = await until(
          () => list(b, hb),
          (d) => d[0]?.status === 'delivered',
        );
        expect(done[0]!.attempts).toBe(2);
        expect(r.got).toHaveLength(2);
        expect(r.got[1]!.at - r.got[0]!.at).toBeGreaterThanOrEqual(1500 * 0.8);
      } finally {
        await b.close();
      }
    } finally {
      await r.close();
      await fresh.cleanup();
    }
  });
});
