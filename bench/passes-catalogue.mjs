#!/usr/bin/env node
/**
 * Benchmark: ground-station passes of a whole catalogue (issue 2's speed goal: 14 710 objects ×
 * 3 stations × 7 days under 60 s and 2 GB on 2 cores), against Skyfield measured on a subset in
 * the same run, plus the raw SGP4 propagation rate against a plain satellite.js loop.
 *
 *   npm run build && node bench/passes-catalogue.mjs [--days 7] [--every 98] [--runs 3] [--engines js,wasm]
 *
 * Prints a Markdown report (paste into BENCHMARKS.md) and writes bench/results/passes.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as satellite from 'satellite.js';
import {
  createBulkSampler,
  createPropagator,
  findPassesBatch,
  loadBundledStations,
  parseTle,
} from '../dist/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    every: { type: 'string', default: '98' },
    runs: { type: 'string', default: '3' },
    catalogue: {
      type: 'string',
      default: resolve(HERE, '../../shared/reference/tle/active-2026-03-19.txt'),
    },
    engines: { type: 'string', default: 'js,wasm' },
  },
});
const DAYS = Number(args.days);
const EVERY = Number(args.every);
const RUNS = Number(args.runs);
const START = Date.UTC(2026, 2, 19);
const END = START + DAYS * 86_400_000;
const MIN_EL = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const text = readFileSync(args.catalogue, 'utf8');
const t0 = performance.now();
const catalogue = parseTle(text, { fileName: args.catalogue });
const parseMs = performance.now() - t0;
const elements = catalogue.entries.map((e) => e.elements);
const stations = loadBundledStations().map((s) => ({ ...s, minElevationDeg: MIN_EL }));
const report = {
  machine: `${cpus().length} × ${cpus()[0]?.model}`,
  node: process.version,
  days: DAYS,
  satellites: elements.length,
  parseMs,
};

// 1. The whole catalogue through the CLI, as a user runs it (worker threads, CSV to /dev/null),
//    one process per run so that GNU time reports each run's own peak memory.
report.catalogue = {};
const engines = args.engines.split(',');
const runsByEngine = Object.fromEntries(engines.map((e) => [e, []]));
// Engines alternate run by run, so that a change of load on this shared machine hits both.
for (let r = 0; r < RUNS; r++) {
  for (const engine of engines) {
    const cli = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%e %M',
        process.execPath,
        resolve(HERE, '../bin/sahelsat.js'),
        'passes',
        '--tle',
        args.catalogue,
        '--start',
        new Date(START).toISOString(),
        '--days',
        String(DAYS),
        '--min-el',
        String(MIN_EL),
        '--format',
        'csv',
        '--engine',
        engine,
      ],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
    );
    if (cli.status !== 0) throw new Error(`passes CLI failed: ${cli.stderr.slice(-500)}`);
    const [wallS, maxKb] = cli.stderr.trim().split('\n').pop().split(' ').map(Number);
    runsByEngine[engine].push({
      wallS,
      peakMb: maxKb / 1024,
      passes: cli.stdout.split('\n').length - 2,
    });
  }
}
for (const engine of engines) {
  const runs = runsByEngine[engine];
  report.catalogue[engine] = {
    medianS: median(runs.map((x) => x.wallS)),
    medianPeakMb: median(runs.map((x) => x.peakMb)),
    runs,
    passes: runs[0].passes,
  };
}
report.loadAverage = loadavg();

// 2. Skyfield on a subset (every EVERY-th object), and ours on the same subset, single thread.
const subset = elements.filter((_, i) => i % EVERY === 0);
const a = performance.now();
const sampler = await createBulkSampler();
const ours = findPassesBatch(subset, stations, { startMs: START, endMs: END }, sampler);
const oursSubsetS = (performance.now() - a) / 1000;
const py = spawnSync(
  '/usr/bin/python3',
  [
    resolve(HERE, 'peers/skyfield_passes.py'),
    args.catalogue,
    String(EVERY),
    String(DAYS),
    String(MIN_EL),
  ],
  { encoding: 'utf8' },
);
if (py.status !== 0) throw new Error(`skyfield peer failed: ${py.stderr}`);
const sky = JSON.parse(py.stdout.trim().split('\n').pop());
report.subset = {
  satellites: subset.length,
  oursS: oursSubsetS,
  oursPasses: ours.passes.length,
  skyfieldS: sky.seconds,
  skyfieldRises: sky.rises,
  ratio: sky.seconds / oursSubsetS,
  skyfieldScaledToCatalogueS: (sky.seconds / subset.length) * elements.length,
};

// 3. Raw propagation rate: 500 objects × 2 000 instants, ours vs plain satellite.js vs WASM bulk.
const rateSats = elements.slice(0, 500);
const nT = 2000;
const times = new Float64Array(nT).map((_, k) => START + k * 60_000);
const rate = { ours: [], plain: [], wasm: [] };
for (let rep = 0; rep < 5; rep++) {
  let s = performance.now();
  for (const el of rateSats) {
    const p = createPropagator(el);
    for (let k = 0; k < nT; k++) p.at(times[k]);
  }
  rate.ours.push((rateSats.length * nT) / ((performance.now() - s) / 1000));
  const recs = rateSats.map((el) => createPropagator(el).satrec);
  s = performance.now();
  for (const rec of recs) {
    for (let k = 0; k < nT; k++)
      satellite.sgp4(rec, (times[k] / 86_400_000 + 2_440_587.5 - rec.jdsatepoch) * 1440);
  }
  rate.plain.push((rateSats.length * nT) / ((performance.now() - s) / 1000));
  s = performance.now();
  sampler.sample(recs, times);
  rate.wasm.push((rateSats.length * nT) / ((performance.now() - s) / 1000));
}
report.propagationPerS = {
  ours: median(rate.ours),
  plainSatelliteJs: median(rate.plain),
  wasmBulkItrf: median(rate.wasm),
};
sampler.dispose();

mkdirSync(resolve(HERE, 'results'), { recursive: true });
writeFileSync(resolve(HERE, 'results/passes.json'), `${JSON.stringify(report, null, 1)}\n`);
const f = (x, d = 1) => x.toFixed(d);
console.log(`## Passes over the whole catalogue (${report.machine}, Node ${report.node})

Command: \`npm run build && node bench/passes-catalogue.mjs --days ${DAYS} --every ${EVERY} --runs ${RUNS} --engines ${args.engines}\` (load average after the catalogue runs: ${report.loadAverage.map((x) => x.toFixed(1)).join(', ')})

| work | time | notes |
| --- | --- | --- |
| parse 14 710-object TLE file | ${f(parseMs, 0)} ms | |
${Object.entries(report.catalogue)
  .map(
    ([e, r]) =>
      `| \`sahelsat passes\` on ${elements.length} objects × 3 stations × ${DAYS} d, CSV, coarse grid on ${e} | ${f(r.medianS)} s (median of ${r.runs.length}: ${r.runs.map((x) => f(x.wallS)).join(', ')}) | ${r.passes} passes; peak memory ${f(r.medianPeakMb, 0)} MB |`,
  )
  .join('\n')}
| subset of ${subset.length} objects (every ${EVERY}th), ours, 1 thread | ${f(oursSubsetS, 2)} s | ${ours.passes.length} passes |
| same subset, Skyfield ${'find_events'} | ${f(sky.seconds, 2)} s | ${sky.rises} rises; **ours ${f(report.subset.ratio)}× faster** |
| Skyfield scaled to the whole catalogue | ${f(report.subset.skyfieldScaledToCatalogueS, 0)} s | per satellite-station-week |

| SGP4 propagation rate (500 objects × 2 000 instants, median of 5) | states/s |
| --- | --- |
| ours (\`createPropagator().at\`, TEME) | ${f(report.propagationPerS.ours / 1e6, 2)} M |
| plain satellite.js \`sgp4\` loop | ${f(report.propagationPerS.plainSatelliteJs / 1e6, 2)} M |
| satellite.js WebAssembly bulk, Earth-fixed | ${f(report.propagationPerS.wasmBulkItrf / 1e6, 2)} M |
`);
