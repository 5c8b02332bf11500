/**
 * Worker-thread entry of the MILP route: loads HiGHS, solves, and posts incumbents, bounds and
 * the final result to the parent. Stops when the parent sets the shared stop flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadHighs } from './highs-loader.js';
import { solveMilp } from './milp.js';
import type { MilpThreadData } from './milp-thread.js';

const data = workerData as MilpThreadData;
const port = parentPort;
if (port) {
  const highs = await loadHighs();
  const result = solveMilp(highs, data.problem, {
    timeLimitS: data.timeLimitS,
    ...(data.start ? { start: data.start } : {}),
    onSolution: (selection, value) => port.postMessage({ type: 'solution', selection, value }),
    onBound: (bound) => port.postMessage({ type: 'bound', bound }),
    shouldStop: () => Atomics.load(data.stop, 0) !== 0,
  });
  port.postMessage({ type: 'done', result });
}
