#!/usr/bin/env node
// Benchmark of planning on the server (in process, SQLite): N submitted requests of the three
// nations on real areas (data/aoi: towns, regions, border strips; chosen by a seeded generator),
// the demo constellation; times a `planning` job end to end (queued → committed version), an
// emergency repair (POST /plans/:id/emergency, the route's own latency) and a draft's feasibility.
// The server's clock is set to 2026-01-20 (the demo element sets date from 2026-01-01).
// Needs `npm run build` first.
//
//   node bench/planning-server.mjs [--requests 300] [--time-limit-s 10] [--seed 1]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../dist/server/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt('requests', '300'));
const TIME_LIMIT_S = Number(opt('time-limit-s', '10'));
let seed = Number(opt('seed', '1'));
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const START = '2026-01-20T00:00:00Z';
const END = '2026-01-21T00:00:00Z';
const layer = (n) =>
  JSON.parse(readFileSync(join(REPO, 'data/aoi', `${n}.geojson`), 'utf8')).features;
const NATION_OF = { MLI: 'ML', BFA: 'BF', NER: 'NE' };
const areas = [
  ...layer('towns').map((f) => ({ f, nation: NATION_OF[f.properties.country] })),
  ...layer('regions').map((f) => ({ f, nation: NATION_OF[f.properties.country] })),
  ...layer('border-strips').map((f) => ({ f, nation: NATION_OF[f.properties.side] })),
].filter((a) => a.nation);

const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-plan-'));
const t0 = Date.now();
const app = await buildServer({
  dataDir,
  adminPassword: 'benchmark admin password',
  jobs: { threads: 1, pollMs: 100 },
  clock: () => Date.parse(START) + (Date.now() - t0),
});
await app.ready();
const call = async (token, method, url, payload) => {
  const r = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
};
const login = async (username, password) =>
  (
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })
  ).json().token;
try {
  const admin = await login('admin', 'benchmark admin password');
  const tokens = {};
  for (const n of ['ML', 'BF', 'NE']) {
    const username = `analyst-${n.toLowerCase()}`;
    await call(admin, 'POST', '/api/v1/users', {
      username,
      password: 'benchmark password',
      role: 'analyst',
      nation: n,
    });
    tokens[n] = await login(username, 'benchmark password');
  }
  for (let i = 0; i < N; i++) {
    const a = pick(areas);
    const r = await call(tokens[a.nation], 'POST', '/api/v1/requests', {
      title: a.f.properties.name,
      aoi: a.f.geometry,
      priority: 1 + Math.floor(rand() * 5),
      window: { start: START, end: END },
      sensorType: pick(['optical', 'sar', 'any']),
      releasability: rand() < 0.3 ? 'nation' : 'alliance',
    });
    await call(tokens[a.nation], 'POST', `/api/v1/requests/${r.id}/transitions`, {
      to: 'submitted',
    });
  }
  const load = loadavg()[0];
  let t = performance.now();
  const job = await call(admin, 'POST', '/api/v1/jobs', {
    type: 'planning',
    params: { reason: 'benchmark', start: START, horizonH: 24, timeLimitS: TIME_LIMIT_S, seed: 1 },
  });
  let j = job;
  while (j.status === 'queued' || j.status === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    j = await call(admin, 'GET', `/api/v1/jobs/${job.id}`);
  }
  const planningS = (performance.now() - t) / 1000;
  if (j.status !== 'succeeded')
    throw new Error(`planning job ${j.status}: ${JSON.stringify(j.error)}`);
  const mopti = layer('towns').find((f) => f.properties.name === 'Mopti');
  const urgent = await call(tokens.ML, 'POST', '/api/v1/requests', {
    title: 'Flood at Mopti',
    aoi: mopti.geometry,
    priority: 1,
    window: { start: START, end: END },
    sensorType: 'any',
    releasability: 'alliance',
  });
  await call(tokens.ML, 'POST', `/api/v1/requests/${urgent.id}/transitions`, { to: 'submitted' });
  t = performance.now();
  const repaired = await call(admin, 'POST', `/api/v1/plans/${j.result.planId}/emergency`, {
    requestId: urgent.id,
    reason: 'benchmark',
  });
  const emergencyS = (performance.now() - t) / 1000;
  t = performance.now();
  const f = await call(tokens.BF, 'POST', '/api/v1/feasibility', {
    aoi: layer('regions').find((x) => x.properties.id === 'BF-03').geometry,
    window: { start: START, end: END },
    sensorType: 'any',
    priority: 2,
  });
  const feasibilityS = (performance.now() - t) / 1000;
  const urgentServed = repaired.acquisitions.some((a) => a.requestId === urgent.id);
  const out = {
    requests: N,
    timeLimitS: TIME_LIMIT_S,
    loadAverage1m: Number(load.toFixed(2)),
    planningJobS: Number(planningS.toFixed(2)),
    value: j.result.value,
    bound: j.result.bound,
    gapPercent: j.result.bound
      ? Number((100 * (1 - j.result.value / j.result.bound)).toFixed(2))
      : null,
    acquisitions: j.result.acquisitions,
    outcomes: j.result.requests,
    nations: j.result.nations,
    emergencyS: Number(emergencyS.toFixed(2)),
    urgentServed,
    displaced: repaired.version.details.displaced.length,
    feasibilityS: Number(feasibilityS.toFixed(2)),
    feasible: f.feasible,
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
