/**
 * Solves a SPOT5 instance: builds its selection problem and runs the anytime portfolio
 * (greedy, tabu search, HiGHS MILP beside it when an exact runner is given).
 */
import { type SolveOptions, type SolveResult, solveSelection } from '../selection/solve.js';
import type { Spot5Instance, Spot5Value } from './instance.js';
import { selectionToSpot5, toSelectionProblem } from './model.js';

/** The answer in the JSON shape plus solver details. */
export interface Spot5Solution {
  /** Sum of the weights of the selected photos. */
  readonly value: number;
  /** Photo id → camera value (1, 2, 3 = mono front/middle/rear, 13 = stereo), selected photos only. */
  readonly selected: Record<string, Spot5Value>;
  /** Proven upper bound on the optimum, or null. */
  readonly bound: number | null;
  /** Wall-clock time of the solve, s. */
  readonly timeS: number;
  readonly details: Omit<SolveResult, 'selection' | 'value' | 'bound' | 'timeS'>;
}

/** Solves `instance` within `opts.timeLimitS` (see {@link solveSelection}). */
export async function solveSpot5(
  instance: Spot5Instance,
  opts: SolveOptions,
): Promise<Spot5Solution> {
  const model = toSelectionProblem(instance);
  const r = await solveSelection(model.problem, opts);
  const { selection, value, bound, timeS, ...details } = r;
  return { value, selected: selectionToSpot5(model, selection), bound, timeS, details };
}
