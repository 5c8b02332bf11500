#!/usr/bin/env node
// Benchmark: the availability map through the API (job `availability-map`, 0.1° over Mali,
// Burkina Faso and Niger, ≈ 23 000 sites), against two peers measured in the same process and
// run, alternating: the library's margin-only map (`availabilityGrid`, the case of
// bench/telecom-availability-map.mjs) and the job's own computation called directly
// (`prepareLinkMap` over the same grid and mask, no server). The API time runs from the POST to
// the PNG and GeoJSON in hand (polling every 100 ms). In-process server on SQLite, one job thread.
// Needs `npm run build` first.
//
//   node --expose-gc bench/telecom-availability-map-api.mjs [REFERENCE_DIR] [--runs 3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maskTest, parseMaskPolygons } from '../dist/io/availability-map.js';
import { openMapDirectory, readOxygenHeightTable } from '../dist/io/itur-maps.js';
import { buildServer } from '../dist/server/index.js';
import { availabilityGrid, prepareLinkMap } from '../dist/telecom/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsIdx = args.indexOf('--runs');
const RUNS = runsIdx >= 0 ? Number(args[runsIdx + 1]) : 3;
const ref =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ??
  process.env.SAHELSAT_REFERENCE_DIR ??
  resolve(REPO, '../shared/reference');
const mapsDir = resolve(ref, 'itur/maps-sahel');
const link = JSON.parse(readFileSync(join(REPO, 'docs/examples/link-budget.json'), 'utf8'))
  .links[0];
link.modcod = '16APSK 2/3'; // the downlink limits the south: not a flat map
const countriesFile = join(REPO, 'data/aoi/countries.geojson');
const include = maskTest(parseMaskPolygons(readFileSync(countriesFile, 'utf8'), countriesFile));
const grid = { latMin: 9.4, latMax: 25, lonMin: -12.3, lonMax: 16, stepDeg: 0.1 };
const sources = () => ({
  maps: openMapDirectory(mapsDir),
  oxygenHeight: readOxygenHeightTable(mapsDir),
});

const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-availmap-'));
const app = await buildServer({
  dataDir,
  adminPassword: 'benchmark admin password',
  seedDemoData: false,
  iturMapsDir: mapsDir,
  jobs: { threads: 1, pollMs: 100 },
});
await app.ready();
const token = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'benchmark admin password' },
  })
).json().token;
const auth = { authorization: `Bearer ${token}` };

/** CPU seconds of the whole process (every thread: the job's worker included) since `c0`. */
const cpuS = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

async function viaApi() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/telecom/availability-maps',
    headers: auth,
    payload: { link, resolutionDeg: 0.1 },
  });
  if (r.statusCode !== 202) throw new Error(`POST: ${r.statusCode} ${r.body}`);
  const accepted = performance.now() - t0;
  const id = r.json().id;
  let v;
  for (;;) {
    v = (
      await app.inject({ url: `/api/v1/telecom/availability-maps/${id}`, headers: auth })
    ).json();
    if (['succeeded', 'failed', 'cancelled'].includes(v.status)) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  if (v.status !== 'succeeded') throw new Error(`job ${v.status}: ${JSON.stringify(v.error)}`);
  const done = performance.now() - t0;
  const jobCpuS = cpuS(c0);
  const png = await app.inject({ url: v.result.png.webMercatorUrl, headers: auth });
  const gj = await app.inject({ url: v.result.geojson.url, headers: auth });
  return {
    s: (performance.now() - t0) / 1000,
    cpuS: cpuS(c0),
    jobCpuS,
    acceptedMs: accepted,
    jobDoneS: done / 1000,
    pngKb: png.rawPayload.length / 1024,
    geojsonMb: gj.rawPayload.length / 1e6,
    sites: v.result.sites,
  };
}

function direct() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const site = prepareLinkMap(link, 'receiver', sources());
  let n = 0;
  const rows = Math.round((grid.latMax - grid.latMin) / grid.stepDeg) + 1;
  const cols = Math.round((grid.lonMax - grid.lonMin) / grid.stepDeg) + 1;
  for (let i = 0; i < rows; i++) {
    const lat = grid.latMax - i * grid.stepDeg;
    for (let j = 0; j < cols; j++) {
      const lon = grid.lonMin + j * grid.stepDeg;
      if (!include(lat, lon)) continue;
      site(lat, lon);
      n++;
    }
  }
  return { s: (performance.now() - t0) / 1000, cpuS: cpuS(c0), sites: n };
}

function library() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = availabilityGrid(
    grid,
    {
      satelliteLongitudeDeg: -5,
      frequencyGhz: 19.7,
      marginDb: 6,
      antennaDiameterM: 1.2,
      efficiency: 0.65,
      tauDeg: 45,
    },
    sources(),
    include,
  );
  return {
    s: (performance.now() - t0) / 1000,
    cpuS: cpuS(c0),
    sites: r.mask.reduce((a, x) => a + x, 0),
  };
}

const out = { api: [], direct: [], library: [], load: [] };
for (let r = 0; r < RUNS; r++) {
  out.load.push(loadavg()[0]);
  globalThis.gc?.();
  out.library.push(library());
  globalThis.gc?.();
  out.direct.push(direct());
  globalThis.gc?.();
  out.api.push(await viaApi());
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const m = {
  api_s: median(out.api.map((x) => x.s)),
  api_job_done_s: median(out.api.map((x) => x.jobDoneS)),
  api_cpu_s: median(out.api.map((x) => x.cpuS)),
  api_job_cpu_s: median(out.api.map((x) => x.jobCpuS)),
  direct_s: median(out.direct.map((x) => x.s)),
  direct_cpu_s: median(out.direct.map((x) => x.cpuS)),
  library_s: median(out.library.map((x) => x.s)),
  library_cpu_s: median(out.library.map((x) => x.cpuS)),
};
console.log(
  JSON.stringify(
    {
      runs: out,
      medians: m,
      api_over_direct: m.api_s / m.direct_s,
      direct_over_library: m.direct_s / m.library_s,
      api_over_direct_cpu: m.api_cpu_s / m.direct_cpu_s,
      direct_over_library_cpu: m.direct_cpu_s / m.library_cpu_s,
      peak_rss_mb: process.memoryUsage().rss / 1e6,
    },
    null,
    1,
  ),
);
