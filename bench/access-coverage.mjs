#!/usr/bin/env node
/**
 * Coverage benchmark: the whole territory of Mali, Burkina Faso and Niger at 0.1° (≈ 23 000
 * cells), 6 real satellites with the Kanopus-V PSS sensor (40° field of regard, sun ≥ 10°), 30
 * days. Measures the full pipeline as `sahelsat coverage` runs it (grid, tracks, plan, windows
 * and revisit statistics) on worker threads and in one thread, and compares ours with the
 * independent brute-force kernel (scripts/access/bruteforce-lib.mjs, 1-s sampling) on the same
 * sample of cells: time and results.
 *
 * Usage (after `npm run build`):
 *   node --expose-gc bench/access-coverage.mjs [REFERENCE_DIR] [--runs 3] [--sample 12]
 * Writes bench/results/access-coverage.json and prints a summary.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { twoline2satrec } from 'satellite.js';
import { bruteForceWindowsMulti } from '../scripts/access/bruteforce-lib.mjs';
import {
  coverageChunk,
  gridCells,
  planCoverage,
  revisitStats,
  sampleTrack,
} from '../dist/access/index.js';
import { runCoverage } from '../dist/cli/parallel-coverage.js';
import { loadBundledSensors, parseTle, resolveBundledAoi } from '../dist/io/index.js';
import { createPropagator } from '../dist/orbit/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const refDir =
  args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? resolve(ROOT, '../shared/reference');
const RUNS = opt('--runs', 3);
const SAMPLE = opt('--sample', 12);

const START = Date.parse('2026-03-19T00:00:00Z');
const DAYS = 30;
const END = START + DAYS * 86_400_000;
const NAMES = [
  'KANOPUS-V 3',
  'KANOPUS-V 4',
  'KANOPUS-V 5',
  'KANOPUS-V 6',
  'KANOPUS-V-IK',
  'ALSAT-2A',
];

const tleText = readFileSync(resolve(refDir, 'tle/sahel-eo-leo-50.tle'), 'utf8');
const entries = parseTle(tleText, { fileName: 'sahel-eo-leo-50.tle' }).entries;
const elements = NAMES.map((n) => entries.find((e) => e.elements.name.trim() === n).elements);
const sensor = loadBundledSensors().find((s) => s.id === 'kanopus-v-pss');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => globalThis.gc?.();

async function pipeline(threads) {
  const t0 = performance.now();
  const region = resolveBundledAoi('AES');
  const cells = gridCells(region.geometry, 0.1);
  const tracks = elements.map((el) => sampleTrack(createPropagator(el), START, END));
  const plan = planCoverage(
    cells,
    tracks.map((track) => ({ track, sensor })),
    { startMs: START, endMs: END },
  );
  const stats = await runCoverage(plan, { threads });
  return { ms: performance.now() - t0, cells, stats };
}

const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  runs: [],
};
let last;
for (const threads of [2, 1]) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    const load = loadavg()[0];
    const cpu0 = process.cpuUsage();
    last = await pipeline(threads);
    const cpu = process.cpuUsage(cpu0);
    times.push(last.ms);
    results.runs.push({
      threads,
      run: r + 1,
      wallS: last.ms / 1000,
      mainThreadCpuS: (cpu.user + cpu.system) / 1e6,
      load1: load,
    });
    process.stdout.write(
      `threads=${threads} run ${r + 1}: ${(last.ms / 1000).toFixed(2)} s (load ${load.toFixed(1)})\n`,
    );
  }
  results[`medianWallS_threads${threads}`] = median(times) / 1000;
}
results.cells = last.cells.length;
results.peakRssMB = process.resourceUsage().maxRSS / 1024;

// Same sample of cells: ours (tracks + windows for just these cells) vs the brute-force kernel.
const step = Math.floor(last.cells.length / SAMPLE);
const sample = last.cells.filter((_, i) => i % step === 0).slice(0, SAMPLE);
const lines = tleText.split(/\r?\n/);
gc();
let t0 = performance.now();
const tracks = elements.map((el) => sampleTrack(createPropagator(el), START, END));
const plan = planCoverage(
  sample,
  tracks.map((track) => ({ track, sensor })),
  { startMs: START, endMs: END },
);
const oursSample = coverageChunk(plan, 0, sample.length);
const oursSampleS = (performance.now() - t0) / 1000;
gc();
t0 = performance.now();
const bfWindows = sample.map(() => []);
const targets = sample.map((c, i) => ({
  id: String(i),
  latitudeDeg: c.latDeg,
  longitudeDeg: c.lonDeg,
  altitudeKm: 0,
}));
for (const el of elements) {
  const i = lines.findIndex((l) => l.startsWith(`1 ${String(el.catalogNumber).padStart(5, '0')}`));
  const satrec = twoline2satrec(lines[i], lines[i + 1]);
  const res = bruteForceWindowsMulti(satrec, [sensor], targets, START, END, 1000)[0];
  sample.forEach((_, k) =>
    bfWindows[k].push(...res[String(k)].map((w) => ({ startMs: w.start, endMs: w.end }))),
  );
}
const bfS = (performance.now() - t0) / 1000;
const bfStats = bfWindows.map((w) => revisitStats(w, START));
let countsEqual = 0;
let worstGapDiffS = 0;
sample.forEach((_, k) => {
  if (oursSample[k].accessCount === bfStats[k].accessCount) countsEqual++;
  if (bfStats[k].maxGapH !== null && oursSample[k].maxGapH !== null)
    worstGapDiffS = Math.max(
      worstGapDiffS,
      Math.abs(oursSample[k].maxGapH - bfStats[k].maxGapH) * 3600,
    );
});
// the full grid's stats on the same cells equal the sample run's
const fullIdx = sample.map((c) => last.cells.indexOf(c));
const fullEqual = fullIdx.every((i, k) => last.stats[i].accessCount === oursSample[k].accessCount);
results.sample = {
  cells: sample.length,
  oursS: oursSampleS,
  bruteForceS: bfS,
  ratio: bfS / oursSampleS,
  bruteForcePerCellS: bfS / sample.length,
  extrapolatedBruteForceWholeGridS: (bfS / sample.length) * last.cells.length,
  ratioWholeGrid: ((bfS / sample.length) * last.cells.length) / results.medianWallS_threads2,
  countsEqual: `${countsEqual}/${sample.length}`,
  worstMaxGapDiffS: worstGapDiffS,
  fullGridAgreesWithSampleRun: fullEqual,
  meanAccessesPerCell: oursSample.reduce((s, x) => s + x.accessCount, 0) / sample.length,
};
mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  resolve(ROOT, 'bench/results/access-coverage.json'),
  `${JSON.stringify(results, null, 1)}\n`,
);
process.stdout.write(
  `${JSON.stringify({ cells: results.cells, medianWallS_threads2: results.medianWallS_threads2, medianWallS_threads1: results.medianWallS_threads1, peakRssMB: results.peakRssMB, sample: results.sample }, null, 1)}\n`,
);
