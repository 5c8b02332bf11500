// SPOT5 benchmark: our portfolio (greedy + tabu search + HiGHS MILP in a worker) against HiGHS
// alone on the same 0-1 model with the same time limit, one instance after the other in one run.
// Every answer is checked by the independent verifier. Usage (after `npm run build`):
//   node bench/spot5.mjs [--ref DIR] [--single-s 60] [--multi-s 120] [--only 54,404] [--seed 1]
// Prints a Markdown table on stdout and writes bench/results/spot5.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpot5 } from '../dist/io/spot5.js';
import { startMilpThread } from '../dist/planner/selection/milp-thread.js';
import { solveSpot5 } from '../dist/planner/spot5/solve.js';
import { verifySpot5 } from '../dist/planner/verify-spot5.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const refDir = resolve(
  arg('ref', process.env.SAHELSAT_REFERENCE_DIR ?? resolve(here, '../../shared/reference')),
  'spot5',
);
const singleS = Number(arg('single-s', 60));
const multiS = Number(arg('multi-s', 120));
const seed = Number(arg('seed', 1));
const only = arg('only', '')?.split(',').filter(Boolean);

// Reference values from the README of the data folder (Bensana et al. 1999 and later work).
// `held` marks the instances the README says are kept aside for independent evaluation: they
// were not run during development and are reported separately.
const INSTANCES = [
  { file: '8', name: '8', ref: 10, proven: true },
  { file: '54', name: '54', ref: 70, proven: true },
  { file: '29', name: '29', ref: 12032, proven: true },
  { file: '404', name: '404', ref: 49, proven: true },
  { file: '503', name: '503', ref: 9096, proven: true },
  { file: '42', name: '42', ref: 108067, proven: true },
  { file: '28', name: '28', ref: 56053, proven: true },
  { file: '5', name: '5', ref: 115, proven: true },
  { file: '408', name: '408', ref: 3082, proven: true },
  { file: '505', name: '505', ref: 13100, proven: true },
  { file: '509', name: '509', ref: 19125, proven: true },
  { file: '11', name: '414 (11)', ref: 22120, proven: true },
  { file: '1502', name: '1502', ref: 61158, proven: true, multi: true },
  { file: '1401', name: '1401', ref: 176056, proven: false, multi: true },
  { file: '1405', name: '1405', ref: 176179, proven: false, multi: true },
  { file: '1506', name: '1506', ref: 168247, proven: false, multi: true },
  { file: '412', name: '412', ref: 16102, proven: true, held: true },
  { file: '507', name: '507', ref: 15137, proven: true, held: true },
  { file: '1403', name: '1403', ref: 176137, proven: false, multi: true, held: true },
  { file: '1021', name: '1407 (1021)', ref: 176246, proven: false, multi: true, held: true },
  { file: '1504', name: '1504', ref: 124243, proven: false, multi: true, held: true },
];

async function run(inst, text, limitS, peer) {
  const instance = parseSpot5(text, { fileName: `${inst.file}.spot` });
  let peakRss = process.memoryUsage().rss;
  const r = await solveSpot5(instance, {
    timeLimitS: limitS,
    seed,
    now: () => performance.now(),
    exact: startMilpThread,
    localSearch: !peer,
    onProgress: () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
    progressEveryMs: 500,
  });
  const check = verifySpot5(text, { value: r.value, selected: r.selected });
  if (!check.ok)
    throw new Error(`${inst.file}: verifier rejects the answer: ${check.violations[0].message}`);
  return {
    value: r.value,
    bound: r.bound,
    timeS: r.timeS,
    timeToBestS: r.details.timeToBestS,
    source: r.details.source,
    optimal: r.details.optimal,
    peakRssMb: peakRss / 2 ** 20,
  };
}

const rows = [];
for (const inst of INSTANCES) {
  if (only && only.length && !only.includes(inst.file)) continue;
  const text = readFileSync(resolve(refDir, `${inst.file}.spot`), 'utf8');
  const limitS = inst.multi && !inst.proven ? multiS : singleS;
  const ours = await run(inst, text, limitS, false);
  const peer = await run(inst, text, limitS, true);
  rows.push({ ...inst, limitS, ours, peer });
  process.stderr.write(
    `${inst.name}: ours ${ours.value} in ${ours.timeToBestS.toFixed(2)} s (stop ${ours.timeS.toFixed(2)} s), HiGHS ${peer.value} in ${peer.timeToBestS.toFixed(2)} s (stop ${peer.timeS.toFixed(2)} s)\n`,
  );
}

const f = (x, d = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
const gap = (v, ref) => `${(((ref - v) / ref) * 100).toFixed(3)} %`;
const table = (list) => {
  const out = [
    '| instance | optimum / best known | ours: value | gap | time to value (s) | stop (s) | bound | HiGHS alone: value | time to value (s) | stop (s) | bound | limit (s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of list) {
    out.push(
      `| ${r.name} | ${r.ref}${r.proven ? '*' : ''} | ${r.ours.value} | ${gap(r.ours.value, r.ref)} | ${f(r.ours.timeToBestS)} | ${f(r.ours.timeS)} | ${r.ours.bound ?? '–'} | ${r.peer.value} | ${f(r.peer.timeToBestS)} | ${f(r.peer.timeS)} | ${r.peer.bound ?? '–'} | ${r.limitS} |`,
    );
  }
  return out.join('\n');
};
const ratios = rows
  .filter((r) => r.ours.value >= r.ref && r.peer.value >= r.ref)
  .map((r) => r.peer.timeToBestS / Math.max(r.ours.timeToBestS, 1e-3))
  .sort((a, b) => a - b);
const median = ratios.length ? ratios[Math.floor(ratios.length / 2)] : null;
console.log('### Development set\n');
console.log(table(rows.filter((r) => !r.held)));
if (rows.some((r) => r.held)) {
  console.log('\n### Held-out instances (never run during development)\n');
  console.log(table(rows.filter((r) => r.held)));
}
console.log(
  `\nMedian ratio HiGHS-alone / ours of the time to reach the reference value, over instances both reach: ${median === null ? '–' : median.toFixed(1)} (n = ${ratios.length}).`,
);
console.log(
  `Peak RSS of the benchmark process: ${f(Math.max(...rows.map((r) => Math.max(r.ours.peakRssMb, r.peer.peakRssMb))), 0)} MB (main thread; the HiGHS worker shares the process).`,
);
mkdirSync(resolve(here, 'results'), { recursive: true });
writeFileSync(
  resolve(here, 'results/spot5.json'),
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, seed, singleS, multiS, rows },
    null,
    2,
  ),
);
