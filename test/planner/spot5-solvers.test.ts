import { describe, expect, it } from 'vitest';
import { parseSpot5 } from '../../src/io/spot5.js';
import { greedySelection } from '../../src/planner/selection/greedy.js';
import { loadHighs } from '../../src/planner/selection/highs-loader.js';
import { solveMilp } from '../../src/planner/selection/milp.js';
import { selectionGain } from '../../src/planner/selection/problem.js';
import { solveSelection } from '../../src/planner/selection/solve.js';
import { selectionToSpot5, toSelectionProblem } from '../../src/planner/spot5/model.js';
import { verifySpot5 } from '../../src/planner/verify-spot5.js';
import { readReference } from '../support/reference.js';

// Proven optima from the README of reference/spot5 (Bensana et al. 1999; 1502 re-proved by CBC).
const SMALL: [file: string, optimum: number][] = [
  ['8', 10],
  ['54', 70],
  ['29', 12032],
  ['404', 49],
  ['503', 9096],
  ['42', 108067],
  ['1502', 61158],
];

function load(file: string) {
  const text = readReference('spot5', `${file}.spot`);
  return { text, model: toSelectionProblem(parseSpot5(text, { fileName: `${file}.spot` })) };
}

describe('greedy', () => {
  it.each(SMALL)('%s: a valid selection, not better than the optimum', (file, optimum) => {
    const { text, model } = load(file);
    const s = greedySelection(model.problem);
    const value = selectionGain(model.problem, s);
    const check = verifySpot5(text, { value, selected: selectionToSpot5(model, s) });
    expect(check.violations).toEqual([]);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(optimum);
  });
});

describe('tabu search alone', () => {
  it.each(SMALL)('%s: reaches the proven optimum within 10 s', async (file, optimum) => {
    const { text, model } = load(file);
    const r = await solveSelection(model.problem, {
      timeLimitS: 10,
      seed: 7,
      now: () => performance.now(),
      upperBound: optimum, // only a stopping rule: stop once the optimum is reached
    });
    const check = verifySpot5(text, {
      value: r.value,
      selected: selectionToSpot5(model, r.selection),
    });
    expect(check.violations).toEqual([]);
    expect(r.value).toBe(optimum);
    expect(r.timeToBestS).toBeLessThan(10);
  });

  it('returns at the time limit on a large instance with a valid, improved selection', async () => {
    const { text, model } = load('1506');
    const run = () =>
      solveSelection(model.problem, { timeLimitS: 1, seed: 3, now: () => performance.now() });
    const a = await run();
    expect(a.timeS).toBeLessThan(2.5);
    const check = verifySpot5(text, {
      value: a.value,
      selected: selectionToSpot5(model, a.selection),
    });
    expect(check.violations).toEqual([]);
    expect(a.value).toBeGreaterThan(a.greedyValue);
  });

  it('stops at once when aborted and returns the best so far', async () => {
    const { model } = load('1506');
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 200);
    const r = await solveSelection(model.problem, {
      timeLimitS: 60,
      now: () => performance.now(),
      signal: ctl.signal,
    });
    expect(r.interrupted).toBe(true);
    expect(r.timeS).toBeLessThan(1.5);
    expect(r.value).toBeGreaterThanOrEqual(r.greedyValue);
  });
});

describe('MILP route (HiGHS)', () => {
  it.each([
    ['8', 10],
    ['54', 70],
    ['404', 49],
    ['1502', 61158],
  ] as const)('%s: proves the optimum', async (file, optimum) => {
    const { text, model } = load(file);
    const highs = await loadHighs();
    const r = solveMilp(highs, model.problem, { timeLimitS: 30 });
    expect(r.optimal).toBe(true);
    expect(r.value).toBe(optimum);
    expect(r.bound).toBe(optimum);
    const check = verifySpot5(text, {
      value: r.value!,
      selected: selectionToSpot5(model, r.selection!),
    });
    expect(check.violations).toEqual([]);
  });

  it('gives an LP bound above the optimum', async () => {
    const { model } = load('404');
    const r = solveMilp(await loadHighs(), model.problem, { timeLimitS: 10, relaxation: true });
    expect(r.bound).toBeGreaterThanOrEqual(49);
  });
});
