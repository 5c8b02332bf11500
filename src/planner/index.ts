// Public names of the planner: the generic selection core (reused by the real planner) and the
// SPOT5 benchmark adapter with its independent verifier.
export * from './selection/problem.js';
export { greedySelection, type GreedyOptions } from './selection/greedy.js';
export { TabuSearch, type TabuOptions } from './selection/tabu.js';
export { solveMilp, buildMilpModel, type MilpOptions, type MilpResult } from './selection/milp.js';
export { loadHighs } from './selection/highs-loader.js';
export {
  startMilpThread,
  type ExactRunner,
  type ExactHandle,
  type MilpEvent,
} from './selection/milp-thread.js';
export {
  solveSelection,
  type SolveOptions,
  type SolveProgress,
  type SolveResult,
  type SolutionSource,
} from './selection/solve.js';
export * from './spot5/instance.js';
export { toSelectionProblem, selectionToSpot5, type Spot5Model } from './spot5/model.js';
export { solveSpot5, type Spot5Solution } from './spot5/solve.js';
export * from './verify-spot5.js';
export * from './plan/index.js';
