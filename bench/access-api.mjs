#!/usr/bin/env node
// Latency of one GET /api/v1/access call (in process, SQLite, demo constellation: 3 imagers),
// 24 h window, never served from the answer cache (each call starts one minute later). Peer in
// the same run: GET /api/v1/passes for Bamako, 24 h, also uncached (a new 10-minute bucket each
// call). Needs `npm run build` first.
//
//   node bench/access-api.mjs [--runs 7] [--areas Gao,MLI,point:16.27,-0.04]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../dist/server/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('runs', '7'));
const AREAS = opt('areas', 'Gao,MLI,point:16.27,-0.04').split(/,(?![-\d.]+$)(?=[A-Za-z])/);
const T0 = Date.parse('2026-01-20T00:00:00Z');

const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-access-'));
const app = await buildServer({
  dataDir,
  adminPassword: 'benchmark admin password',
  jobs: { threads: 0 },
  clock: () => T0,
});
await app.ready();
const token = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'benchmark admin password' },
  })
).json().token;
const time = async (url) => {
  const t = performance.now();
  const r = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const ms = performance.now() - t;
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return { ms, n: (r.json().windows ?? r.json().passes).length };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const iso = (k, stepMs) => new Date(T0 + k * stepMs).toISOString();
const cases = [
  ...AREAS.map((a) => ({
    name: `access ${a}`,
    url: (k) =>
      `/api/v1/access?${a.startsWith('point:') ? `point=${a.slice(6)}` : `area=${encodeURIComponent(a)}`}&hours=24&start=${iso(k, 60_000)}`,
  })),
  {
    name: 'passes bamako (peer)',
    url: (k) => `/api/v1/passes?station=bamako&hours=24&start=${iso(k, 600_000)}`,
  },
];
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
await time(cases[0].url(1000)); // warm-up (propagators, bundled layers)
for (const c of cases) {
  const runs = [];
  let n = 0;
  for (let k = 0; k < RUNS; k++) {
    const r = await time(c.url(k));
    runs.push(r.ms);
    n = r.n;
  }
  console.log(
    `${c.name}: median ${median(runs).toFixed(1)} ms (min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)}), ${n} items; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
