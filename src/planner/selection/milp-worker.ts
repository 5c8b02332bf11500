/**
 * Worker-thread entry of the exact route. Phase 1: HiGHS on the whole MILP (it proves
 * optimality on the single-orbit SPOT5 instances and gives the bound), fed with the local
 * search's incumbents; it gives way after its share of the time if its gap is still > 1 %.
 * Phase 2, if not proven optimal and `lns` is on: large-neighbourhood search with exact
 * sub-solves around the best incumbent, taking in the local search's incumbents as they come.
 * Posts incumbents, bounds and the final result; stops when the parent sets the stop flag.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { loadHighs } from './highs-loader.js';
import { topClassItems } from './classes.js';
import { runLns } from './lns.js';
import { solveMilp } from './milp.js';
import type { MilpThreadData } from './milp-thread.js';
import type { Selection } from './problem.js';

const data = workerData as MilpThreadData;
const port = parentPort;
if (port) {
  const t0 = performance.now();
  const deadlineMs = t0 + data.timeLimitS * 1000;
  const stop = (): boolean => Atomics.load(data.stop, 0) !== 0;
  const highs = await loadHighs();
  let best: { selection: Selection; value: number } | null = null;
  const keep = (selection: Selection, value: number): void => {
    if (!best || value > best.value) best = { selection, value };
  };
  let outside: { selection: Selection; value: number } | null = null;
  /** Takes in the incumbents the parent sent; returns the best one if it is new. */
  const poll = (): { selection: Selection; value: number } | null => {
    let fresh: { selection: Selection; value: number } | null = null;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as { type: string; selection: Selection; value: number };
      if (msg.type !== 'incumbent') continue;
      if (!outside || msg.value > outside.value) {
        outside = { selection: msg.selection, value: msg.value };
        fresh = outside;
      }
    }
    return fresh;
  };
  const phase1S = data.timeLimitS * data.milpShare;
  const result = solveMilp(highs, data.problem, {
    timeLimitS: Math.max(0.05, (deadlineMs - performance.now()) / 1000),
    ...(data.start ? { start: data.start } : {}),
    onSolution: (selection, value) => {
      keep(selection, value);
      port.postMessage({ type: 'solution', selection, value });
    },
    onBound: (bound) => port.postMessage({ type: 'bound', bound }),
    pollIncumbent: () => {
      const fresh = poll();
      if (fresh && (!best || fresh.value > best.value)) return fresh.selection;
      return null;
    },
    // With the LNS to follow, a whole-model MILP still more than 1 % from its bound after its
    // share of the time is unlikely to close: the rest of the time goes to the LNS. A small gap
    // is worth closing (a proof of optimality).
    shouldStop: ({ gap, runningTimeS }) =>
      stop() || (data.lns && runningTimeS > phase1S && gap > 0.01),
  });
  if (result.selection && result.value !== null) keep(result.selection, result.value);
  if (data.lns && !result.optimal && !stop() && performance.now() < deadlineMs - 50) {
    poll();
    const o = outside as { selection: Selection; value: number } | null;
    if (o) keep(o.selection, o.value);
    const start = best ?? (data.start ? { selection: data.start, value: -Infinity } : null);
    if (start) {
      const top = topClassItems(data.problem);
      const inTop = new Uint8Array(data.problem.itemCount);
      for (const i of top ?? []) inTop[i] = 1;
      const lower = top ? [...inTop.keys()].filter((i) => !inTop[i]) : undefined;
      const lns = runLns(highs, data.problem, (start as { selection: Selection }).selection, {
        now: () => performance.now(),
        deadlineMs,
        pollIncumbent: poll,
        onImprove: (selection, value) => {
          keep(selection, value);
          port.postMessage({ type: 'solution', selection, value });
        },
        shouldStop: stop,
        ...(lower ? { lowerClassItems: lower } : {}),
      });
      keep(lns.selection, lns.value);
    }
  }
  const final = best as { selection: Selection; value: number } | null;
  port.postMessage({
    type: 'done',
    result: { ...result, selection: final?.selection ?? null, value: final?.value ?? null },
  });
}
