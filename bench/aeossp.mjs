// aeossp_standard benchmark (AstroReason-Bench): our solver on every public case (train and
// test_easy), each plan re-checked by our checker, one case after the other in one process;
// then, outside the solver's time, the Lagrangian upper bound of each case (no valid plan can
// complete more weight).
// Usage (after `npm run build`):
//   node bench/aeossp.mjs [--ref DIR] [--time-limit-s 120] [--seed 1] [--only train/case_0001]
//                         [--bound-iterations 1500] (0: no bound)
// Prints a Markdown table on stdout and writes bench/results/aeossp.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lagrangianBound } from '../dist/planner/aeossp/bound.js';
import { checkAeossp } from '../dist/planner/aeossp/check.js';
import { loadAeosspCase } from '../dist/planner/aeossp/load.js';
import { solveAeossp } from '../dist/planner/aeossp/solve.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const casesDir = resolve(
  arg('ref', process.env.SAHELSAT_REFERENCE_DIR ?? resolve(here, '../../shared/reference')),
  'astro-reason/aeossp_standard/cases',
);
const limitS = Number(arg('time-limit-s', 120));
const seed = Number(arg('seed', 1));
const only = arg('only', '')?.split(',').filter(Boolean);
const boundIterations = Number(arg('bound-iterations', 1500));

const dirs = ['train', 'test_easy'].flatMap((split) =>
  readdirSync(join(casesDir, split))
    .sort()
    .map((c) => `${split}/${c}`),
);
const rows = [];
for (const dir of dirs) {
  if (only?.length && !only.includes(dir)) continue;
  const c = loadAeosspCase(join(casesDir, dir));
  const load = loadavg()[0];
  const t0 = performance.now();
  const r = await solveAeossp(c, { timeLimitS: limitS, seed });
  const wallS = (performance.now() - t0) / 1000;
  const check = checkAeossp(c, r.solution); // independent of the solver's own final check
  const row = {
    case: dir,
    satellites: c.satellites.length,
    tasks: c.tasks.length,
    valid: check.valid,
    WCR: check.metrics.WCR,
    CR: check.metrics.CR,
    TAT: check.metrics.TAT,
    PC: check.metrics.PC,
    greedyWCR: r.greedyWeight / r.totalWeight,
    observations: r.solution.actions.length,
    searchMoves: r.iterations,
    timeS: wallS,
    load1: load,
  };
  if (boundIterations > 0) {
    const total = c.tasks.reduce((a, t) => a + t.weight, 0);
    const tb = performance.now();
    const b = lagrangianBound(c, { target: row.WCR * total, iterations: boundIterations });
    row.boundWCR = b.bound / total;
    row.boundIterations = b.iterations;
    row.boundS = (performance.now() - tb) / 1000;
  }
  rows.push(row);
  process.stderr.write(
    `${dir}: WCR ${row.WCR.toFixed(4)} bound ${row.boundWCR?.toFixed(4)} valid ${row.valid} ${wallS.toFixed(1)} s\n`,
  );
}
const mean = (k) => rows.reduce((a, r) => a + (r[k] ?? 0), 0) / rows.length;
const fmt = (x, d) => (x === null || x === undefined ? '–' : x.toFixed(d));
const lines = [
  `| case | sats | tasks | valid | WCR | CR | TAT s | PC Wh | greedy WCR | obs | time s | bound WCR |`,
  `| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ...rows.map(
    (r) =>
      `| ${r.case} | ${r.satellites} | ${r.tasks} | ${r.valid ? 'yes' : 'NO'} | ${fmt(r.WCR, 4)} | ${fmt(r.CR, 4)} | ${fmt(r.TAT, 0)} | ${fmt(r.PC, 0)} | ${fmt(r.greedyWCR, 4)} | ${r.observations} | ${fmt(r.timeS, 1)} | ${fmt(r.boundWCR, 4)} |`,
  ),
  `| **mean** | | | ${rows.every((r) => r.valid) ? 'all' : 'NOT all'} | **${fmt(mean('WCR'), 4)}** | ${fmt(mean('CR'), 4)} | ${fmt(mean('TAT'), 0)} | ${fmt(mean('PC'), 0)} | ${fmt(mean('greedyWCR'), 4)} | | ${fmt(mean('timeS'), 1)} | ${boundIterations > 0 ? fmt(mean('boundWCR'), 4) : '–'} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(resolve(here, 'results'), { recursive: true });
writeFileSync(
  resolve(here, 'results/aeossp.json'),
  `${JSON.stringify({ limitS, seed, date: new Date().toISOString(), rows }, null, 1)}\n`,
);
