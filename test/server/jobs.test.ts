import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmst1982 } from '../../src/core/earth-rotation.js';
import { temeToItrfPositionAt } from '../../src/core/frames.js';
import { itrfToGeodetic } from '../../src/core/geodetic.js';
import { formatIsoUtc } from '../../src/core/time.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { findPasses } from '../../src/passes/index.js';
import { buildServer } from '../../src/server/index.js';
import type { StoreConfig } from '../../src/store/index.js';
import { testBackends } from '../support/backends.js';
import { REPO_DIR, referencePath } from '../support/reference.js';
import { ADMIN_PASSWORD, bearer } from '../support/server.js';

const backends = await testBackends();
const TLE = readFileSync(referencePath('tle', 'sahel-eo-leo-50.tle'), 'utf8');
const STATIONS = JSON.parse(readFileSync(`${REPO_DIR}/data/stations.json`, 'utf8')).stations;
// The jobs below run without the demo constellation, so results compare with the reference TLEs alone.
const START = '2026-03-19T00:00:00Z';

type App = Awaited<ReturnType<typeof buildServer>>;

async function boot(
  storage: StoreConfig,
  threads = 1,
  leaseMs = 1500,
): Promise<{ app: App; token: string }> {
  const app = await buildServer({
    storage,
    adminPassword: ADMIN_PASSWORD,
    seedDemoData: false,
    jobs: { threads, pollMs: 100, leaseMs, graceMs: 5000 },
  });
  await app.ready();
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: ADMIN_PASSWORD },
  });
  return { app, token: r.json().token };
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(backends)('jobs on $name', (backend) => {
  let storage: StoreConfig;
  let cleanup: () => Promise<void>;
  let app: App;
  let token: string;
  const job = (id: string) =>
    app.inject({ url: `/api/v1/jobs/${id}`, headers: bearer(token) }).then((r) => r.json());
  const submit = async (type: string, params: object) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(token),
      payload: { type, params },
    });
    expect(r.statusCode, r.body).toBe(202);
    return r.json().id as string;
  };

  beforeAll(async () => {
    const fresh = await backend.fresh();
    storage = fresh.config;
    cleanup = fresh.cleanup;
    ({ app, token } = await boot(storage));
    const imp = await app.inject({
      method: 'POST',
      url: '/api/v1/satellites/import',
      headers: bearer(token),
      payload: { format: 'tle', text: TLE },
    });
    expect(imp.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  it('runs an ephemeris job in a worker thread and stores its result', async () => {
    const sat = (await app.inject({ url: '/api/v1/satellites', headers: bearer(token) })).json()[0];
    const id = await submit('ephemeris', {
      satellite: sat.id,
      start: START,
      end: '2026-03-19T02:00:00Z',
      stepS: 60,
    });
    const done = await waitFor('ephemeris job', async () => {
      const j = await job(id);
      return j.status === 'succeeded' || j.status === 'failed' ? j : null;
    });
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.result.latitudeDeg).toHaveLength(121);
    // Independent check of one point: propagate the same element set here.
    const el = parseTle(TLE).entries.find(
      (e) => e.elements.catalogNumber === sat.catalogNumber,
    )!.elements;
    const t = Date.parse(START) + 30 * 60_000;
    const s = createPropagator(el).at(t);
    if (!s.ok) throw new Error('propagation failed');
    const g = itrfToGeodetic(temeToItrfPositionAt(s.positionKm, gmst1982(t)));
    expect(done.result.latitudeDeg[30]).toBeCloseTo(g.latitudeDeg, 4);
    expect(done.result.longitudeDeg[30]).toBeCloseTo(g.longitudeDeg, 4);
  });

  it('rejects bad parameters with the path of each bad field', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(token),
      payload: { type: 'passes', params: { start: 'soon', hours: 0, stations: ['gao'] } },
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['body.params.hours', 'body.params.start']);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(token),
      payload: { type: 'teleport', params: {} },
    });
    expect(unknown.json().error.issues[0].path).toBe('body.type');
  });

  it('reports progress and stops a running job on cancellation', async () => {
    const id = await submit('passes', { start: START, hours: 24 * 31 });
    await waitFor('progress', async () => (await job(id)).progress > 0.05);
    const c = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: bearer(token),
    });
    expect(c.statusCode).toBe(200);
    const end = await waitFor(
      'cancellation',
      async () => {
        const j = await job(id);
        return j.status !== 'running' && j.status !== 'queued' ? j : null;
      },
      20_000,
    );
    expect(end.status).toBe('cancelled');
    expect(end.progress).toBeLessThan(1);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: bearer(token),
    });
    expect(again.statusCode).toBe(409);
  });

  it('checkpoints a running job at shutdown and resumes it after a restart, with the same result', async () => {
    // Progress reaches the store only with the lease heartbeat (a third of the lease): a short
    // lease and a month over the three stations (about 1 s on an idle machine) make the stop land
    // mid-job.
    await app.close();
    ({ app, token } = await boot(storage, 1, 450));
    const hours = 24 * 31;
    const id = await submit('passes', { start: START, hours });
    await waitFor('progress', async () => (await job(id)).progress > 0.1);
    await app.close(); // graceful: the job must go back to the queue with its checkpoint
    ({ app, token } = await boot(storage, 0));
    const parked = await job(id);
    expect(parked).toMatchObject({ status: 'queued', attempts: 0 });
    expect(parked.progress).toBeGreaterThan(0.1);
    const row = await app.sahelsat.store.jobs.getAny(id);
    expect((row!.checkpoint as { next: number }).next).toBeGreaterThan(0);
    await app.close();
    ({ app, token } = await boot(storage, 1));
    const done = await waitFor('resumed job', async () => {
      const j = await job(id);
      return j.status === 'succeeded' || j.status === 'failed' ? j : null;
    });
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(1);
    // The resumed run found exactly the passes of an uninterrupted search.
    const startMs = Date.parse(START);
    const stations = STATIONS;
    const expected = parseTle(TLE).entries.flatMap(
      (e) =>
        findPasses(createPropagator(e.elements), stations, {
          startMs,
          endMs: startMs + hours * 3600_000,
        }).passes,
    );
    expect(done.result.count).toBe(expected.length);
    const key = (p: { catalogNumber: number; stationId: string; aos: string }) =>
      `${p.catalogNumber}/${p.stationId}/${p.aos}`;
    expect(new Set(done.result.passes.map(key))).toEqual(
      new Set(expected.map((p) => key({ ...p, aos: formatIsoUtc(p.aosMs) }))),
    );
  });

  it.runIf(backend.name === 'postgres')(
    'lets several servers share one queue: each job runs exactly once',
    async () => {
      const other = await boot(storage, 2);
      try {
        const sat = (
          await app.inject({ url: '/api/v1/satellites', headers: bearer(token) })
        ).json()[1];
        const ids: string[] = [];
        for (let i = 0; i < 8; i++)
          ids.push(
            await submit('ephemeris', {
              satellite: sat.id,
              start: START,
              end: '2026-03-19T06:00:00Z',
              stepS: 10 + i,
            }),
          );
        const done = await Promise.all(
          ids.map((id) =>
            waitFor('shared job', async () => {
              const j = await job(id);
              return j.status === 'succeeded' || j.status === 'failed' ? j : null;
            }),
          ),
        );
        expect(done.map((j) => [j.status, j.attempts])).toEqual(ids.map(() => ['succeeded', 1]));
      } finally {
        await other.app.close();
      }
    },
  );
});
