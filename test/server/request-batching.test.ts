/**
 * Request creations are group-committed: many concurrent POST /requests share transactions.
 * Through the whole HTTP stack, on both backends: every 201 is stored with its history and its
 * audit entry, an invalid request among them gets its own 400 while the others succeed, the
 * audit chain verifies — and a session is refused at once after a logout through this server,
 * but only after the shared-state cache delay through another one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { testBackends } from '../support/backends.js';
import {
  ADMIN_PASSWORD,
  type TestServer,
  bearer,
  requestBody,
  startServer,
} from '../support/server.js';

const backends = await testBackends();

describe.each(backends)('request creation under concurrency on $name', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(backend);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('stores every acknowledged request with its history and audit entry; an invalid one gets its own 400', async () => {
    const before = (
      await s.app.inject({ url: '/api/v1/audit/verify', headers: bearer(s.adminToken) })
    ).json<{ ok: boolean; count: number }>();
    expect(before.ok).toBe(true);
    const N = 60;
    const BAD = new Set([7, 31]);
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        s.app.inject({
          method: 'POST',
          url: '/api/v1/requests',
          headers: bearer(s.adminToken),
          payload: requestBody({
            title: `Concurrent request ${i}`,
            releasability: i % 2 ? 'nation' : 'alliance',
            // The window of the bad ones ends before it starts.
            ...(BAD.has(i)
              ? { window: { start: '2026-03-22T06:00:00Z', end: '2026-03-20T06:00:00Z' } }
              : {}),
          }),
        }),
      ),
    );
    for (const [i, a] of answers.entries()) {
      expect(a.statusCode, a.body).toBe(BAD.has(i) ? 400 : 201);
      if (BAD.has(i)) {
        expect(a.json().error.issues[0].path).toBe('body.window.end');
        continue;
      }
      const created = a.json<{ id: string; title: string }>();
      expect(created.title).toBe(`Concurrent request ${i}`);
      const got = await s.app.inject({
        url: `/api/v1/requests/${created.id}`,
        headers: bearer(s.adminToken),
      });
      expect(got.statusCode).toBe(200);
      expect(got.json().history.map((h: { to: string }) => h.to)).toEqual(['draft']);
    }
    const ids = answers.filter((_, i) => !BAD.has(i)).map((a) => a.json<{ id: string }>().id);
    const audit = (
      await s.app.inject({
        url: '/api/v1/audit?action=request.create&limit=500',
        headers: bearer(s.adminToken),
      })
    ).json<Array<{ entityId: string; seq: number }>>();
    expect(new Set(audit.map((e) => e.entityId))).toEqual(new Set(ids));
    const after = (
      await s.app.inject({ url: '/api/v1/audit/verify', headers: bearer(s.adminToken) })
    ).json();
    expect(after).toMatchObject({ ok: true, count: before.count + N - BAD.size });
  });

  it('refuses a logged-out session at once here, and within the cache delay on another server', async () => {
    // A second server on the same database stands for another process.
    const other = await buildServer({
      storage: s.storage,
      adminPassword: ADMIN_PASSWORD,
      jobs: { threads: 0 },
      sharedStateCacheMs: 300,
    });
    try {
      const token = await s.login('admin', ADMIN_PASSWORD);
      const me = (app: typeof s.app) =>
        app.inject({ url: '/api/v1/auth/me', headers: bearer(token) }).then((r) => r.statusCode);
      expect(await me(s.app)).toBe(200);
      expect(await me(other)).toBe(200); // now cached by the other server
      const out = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: bearer(token),
      });
      expect(out.statusCode).toBe(200);
      expect(await me(s.app)).toBe(401);
      await new Promise((r) => setTimeout(r, 350));
      expect(await me(other)).toBe(401);
    } finally {
      await other.close();
    }
  });
});
