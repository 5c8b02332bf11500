// The solver on every case of the benchmark (train and test_easy), with a short time limit:
// our checker accepts every plan, the score is far above empty, and the plan honours the
// benchmark's hard rules as our checker states them (no observation rejected).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAeossp } from '../../../src/planner/aeossp/check.js';
import { loadAeosspCase } from '../../../src/planner/aeossp/load.js';
import { solveAeossp } from '../../../src/planner/aeossp/solve.js';
import { referencePath } from '../../support/reference.js';

const CASES = referencePath('astro-reason', 'aeossp_standard', 'cases');
const dirs = ['train', 'test_easy'].flatMap((split) =>
  readdirSync(join(CASES, split))
    .sort()
    .map((c) => `${split}/${c}`),
);

describe('aeossp solver', () => {
  it('sees the 15 public cases', () => expect(dirs.length).toBe(15));

  it.each(dirs)(
    '%s: a valid plan within a 3 s search',
    async (dir) => {
      const c = loadAeosspCase(join(CASES, dir));
      const r = await solveAeossp(c, { timeLimitS: 3, seed: 7 });
      expect(r.report.valid).toBe(true);
      expect(r.report.actionFailures).toEqual([]);
      expect(r.report.metrics.WCR).toBeGreaterThan(0.6);
      // the report is the checker's own verdict on the written actions
      const again = checkAeossp(c, r.solution);
      expect(again.metrics).toEqual(r.report.metrics);
      // every task observed at most once is enough: no duplicate observations are planned
      const tasks = r.solution.actions.map((a) => a.taskId);
      expect(new Set(tasks).size).toBe(tasks.length);
    },
    120_000,
  );

  it('stops on the abort signal with a valid plan', async () => {
    const c = loadAeosspCase(join(CASES, 'test_easy', 'case_0001'));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 1500);
    const r = await solveAeossp(c, { timeLimitS: 600, seed: 1, signal: ac.signal });
    expect(r.interrupted).toBe(true);
    expect(r.timeS).toBeLessThan(60);
    expect(r.report.valid).toBe(true);
  }, 120_000);
});
