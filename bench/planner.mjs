// Planner benchmark: seeded scenarios from the generator (6 satellites over Mali, Burkina Faso
// and Niger), planned with a time limit; each plan checked by the independent verifier.
// Reports the total time (model + search + bound), the value against the Lagrangian bound,
// and the nations' shares. Usage (after `npm run build`):
//   node bench/planner.mjs [--sizes 500,1000,2000,5000] [--time-limit-s 10] [--seed 1]
// Prints a Markdown table on stdout and writes bench/results/planner.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGeneratorInputs } from '../dist/io/planner-inputs.js';
import { generateScenario } from '../dist/planner/plan/generator.js';
import { planScenario } from '../dist/planner/plan/plan.js';
import { modelOf } from '../dist/planner/plan/cache.js';
import { minUtilityBound } from '../dist/planner/plan/fairness-bound.js';
import { targetShares } from '../dist/planner/plan/objective.js';
import { verifyPlan } from '../dist/planner/verify-plan/verify.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('sizes', '500,1000,2000,5000').split(',').map(Number);
const limitS = Number(arg('time-limit-s', 10));
const seed = Number(arg('seed', 1));
const inputs = loadGeneratorInputs();

const runs = [
  ...sizes.map((n) => ({ requests: n, hours: 24, fairness: 'none', limitS })),
  { requests: 2000, hours: 24, fairness: 'leximin', limitS },
  // over 72 h, value-only and leximin on the same scenario: what the policy costs in value
  // against the same (value-only) bound, and what the search leaves
  { requests: 2000, hours: 72, fairness: 'none', limitS: 2 * limitS },
  { requests: 2000, hours: 72, fairness: 'leximin', limitS: 2 * limitS },
];
const rows = [];
for (const r of runs) {
  const s = generateScenario(
    { seed, requests: r.requests, hours: r.hours, satellites: 6, fairness: r.fairness },
    inputs,
  );
  const t0 = performance.now();
  const plan = planScenario(s, { timeLimitMs: r.limitS * 1000, seed: 1 });
  const timeS = (performance.now() - t0) / 1000;
  const v = verifyPlan(s, plan);
  // under leximin: the smallest normalised utility (value_n / t_n) against its own bound
  // (fairness-bound.ts), measured after the run (not part of the time)
  let minU = null;
  let minUBound = null;
  if (r.fairness === 'leximin') {
    const t = targetShares(s);
    const u = ['ML', 'BF', 'NE'].map((n) => plan.nations[n].normalisedUtility * plan.value);
    minU = Math.min(...u);
    minUBound = minUtilityBound(modelOf(s), t, [0, 1, 2], u, r.limitS * 1000);
  }
  const row = {
    requests: r.requests,
    hours: r.hours,
    fairness: r.fairness,
    timeLimitS: r.limitS,
    timeS: Number(timeS.toFixed(2)),
    value: plan.value,
    bound: plan.bound,
    gapPct: plan.bound ? Number((((plan.bound - plan.value) / plan.bound) * 100).toFixed(2)) : null,
    acquisitions: plan.acquisitions.length,
    planned: plan.requests.filter((x) => x.status === 'planned').length,
    partial: plan.requests.filter((x) => x.status === 'partial').length,
    shares: Object.fromEntries(Object.entries(plan.nations).map(([k, n]) => [k, n.share])),
    satisfaction: Object.fromEntries(
      Object.entries(plan.nations).map(([k, n]) => [k, n.satisfaction]),
    ),
    valid: v.valid,
    violations: v.violations.length,
    ...(minU !== null
      ? {
          minUtility: Number(minU.toFixed(2)),
          minUtilityBound: Number(minUBound.toFixed(2)),
          minUtilityGapPct: Number((((minUBound - minU) / minUBound) * 100).toFixed(2)),
        }
      : {}),
  };
  rows.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
}
const pct = (x) => (x * 100).toFixed(1);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0].toFixed(2)}; seed ${seed}; Node ${process.version}\n`,
);
console.log(
  '| requests | horizon | fairness | limit s | time s | value | bound | gap | acquisitions | planned / partial | shares ML / BF / NE % | valid |',
);
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.requests} | ${r.hours} h | ${r.fairness} | ${r.timeLimitS} | ${r.timeS} | ${r.value.toFixed(1)} | ${r.bound?.toFixed(1) ?? '–'} | ${r.gapPct ?? '–'} % | ${r.acquisitions} | ${r.planned} / ${r.partial} | ${pct(r.shares.ML)} / ${pct(r.shares.BF)} / ${pct(r.shares.NE)} | ${r.valid ? 'yes' : `NO (${r.violations})`} |`,
  );
for (const r of rows)
  if (r.minUtility !== undefined)
    console.log(
      `\nleximin ${r.requests} requests, ${r.hours} h: smallest normalised utility ${r.minUtility}, its bound ${r.minUtilityBound} (gap ${r.minUtilityGapPct} %)`,
    );
mkdirSync(resolve(here, 'results'), { recursive: true });
writeFileSync(
  resolve(here, 'results/planner.json'),
  `${JSON.stringify({ seed, rows }, null, 1)}\n`,
);
