import { describe, expect, it } from 'vitest';
import { parseSpot5 } from '../../src/io/spot5.js';
import { greedySelection } from '../../src/planner/selection/greedy.js';
import { loadHighs } from '../../src/planner/selection/highs-loader.js';
import { isFeasible, runLns } from '../../src/planner/selection/lns.js';
import { solveMilp } from '../../src/planner/selection/milp.js';
import { selectionGain } from '../../src/planner/selection/problem.js';
import { liftSelection, restrictProblem } from '../../src/planner/selection/restrict.js';
import { selectionToSpot5, toSelectionProblem } from '../../src/planner/spot5/model.js';
import { verifySpot5 } from '../../src/planner/verify-spot5.js';
import { readReference } from '../support/reference.js';

describe('restrictProblem (fix a plan, re-optimise a part)', () => {
  it('re-optimising a window of 1502 keeps the rest and never loses value', async () => {
    const text = readReference('spot5', '1502.spot');
    const model = toSelectionProblem(parseSpot5(text));
    const p = model.problem;
    const current = greedySelection(p);
    const free = Array.from({ length: 80 }, (_, k) => 60 + k);
    const r = restrictProblem(p, current, free);
    expect(r.itemMap.length).toBe(80);
    const highs = await loadHighs();
    const sub = solveMilp(highs, r.sub, { timeLimitS: 20 });
    expect(sub.optimal).toBe(true);
    const next = liftSelection(r, current, sub.selection!);
    for (let i = 0; i < p.itemCount; i++) if (i < 60 || i >= 140) expect(next[i]).toBe(current[i]);
    expect(isFeasible(p, next)).toBe(true);
    const value = selectionGain(p, next);
    expect(value).toBeGreaterThanOrEqual(selectionGain(p, current));
    expect(
      verifySpot5(text, { value, selected: selectionToSpot5(model, next) }).violations,
    ).toEqual([]);
  });

  it('the LNS improves a greedy plan of 1502 to a verified, better one within 3 s', async () => {
    const text = readReference('spot5', '1502.spot');
    const model = toSelectionProblem(parseSpot5(text));
    const start = greedySelection(model.problem);
    const t0 = performance.now();
    const r = runLns(await loadHighs(), model.problem, start, {
      now: () => performance.now(),
      deadlineMs: t0 + 3000,
      windowItems: 60,
    });
    expect(r.value).toBeGreaterThan(selectionGain(model.problem, start));
    const check = verifySpot5(text, {
      value: r.value,
      selected: selectionToSpot5(model, r.selection),
    });
    expect(check.violations).toEqual([]);
  });
});
