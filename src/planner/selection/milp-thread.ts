/**
 * Runs the MILP route in a worker thread, so that HiGHS (synchronous, single-threaded) uses the
 * second core while the local search runs on the first, and so that an interrupt reaches it:
 * the parent sets a shared flag that HiGHS polls at every node.
 */
import { Worker } from 'node:worker_threads';
import type { MilpResult } from './milp.js';
import type { Selection, SelectionProblem } from './problem.js';

/** What the worker receives. */
export interface MilpThreadData {
  readonly problem: SelectionProblem;
  readonly timeLimitS: number;
  readonly start?: Selection;
  readonly stop: Int32Array;
  /** Run the large-neighbourhood search after the whole-model MILP when it is not optimal. */
  readonly lns: boolean;
  /** Share of the time limit given to the whole-model MILP when `lns` is on. */
  readonly milpShare: number;
}

/** A message from the MILP thread. */
export type MilpEvent =
  | { readonly type: 'solution'; readonly selection: Selection; readonly value: number }
  | { readonly type: 'bound'; readonly bound: number }
  | { readonly type: 'done'; readonly result: MilpResult }
  | { readonly type: 'error'; readonly message: string };

/** A running MILP solve beside the caller. */
export interface ExactHandle {
  /** Events received since the last call. */
  drain(): MilpEvent[];
  /** Hands a better incumbent (found elsewhere) to the large-neighbourhood search. */
  offer(selection: Selection, value: number): void;
  /** True once the solve has ended (its 'done' or 'error' event is queued or drained). */
  ended(): boolean;
  /** Asks the solve to stop and waits for its end, at most `graceMs`; then it is killed. */
  finish(graceMs?: number): Promise<void>;
}

/** Starts a MILP solve. Implementations: {@link startMilpThread}; tests may run it in-thread. */
export type ExactRunner = (p: SelectionProblem, opts: ExactRunOptions) => ExactHandle;

export interface ExactRunOptions {
  readonly timeLimitS: number;
  readonly start?: Selection;
  /** Large-neighbourhood search after the whole-model MILP (default true). */
  readonly lns?: boolean;
  /** Share of the time for the whole-model MILP before the LNS (default 0.4). */
  readonly milpShare?: number;
}

/** Starts HiGHS on `p` in a worker thread. */
export const startMilpThread: ExactRunner = (p, opts) => {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const data: MilpThreadData = {
    problem: p,
    timeLimitS: opts.timeLimitS,
    stop,
    lns: opts.lns ?? true,
    milpShare: opts.milpShare ?? 0.4,
    ...(opts.start ? { start: opts.start } : {}),
  };
  const queue: MilpEvent[] = [];
  let over = false;
  let resolveEnd: () => void = () => {};
  const endPromise = new Promise<void>((r) => {
    resolveEnd = r;
  });
  const end = (): void => {
    over = true;
    resolveEnd();
  };
  const worker = new Worker(new URL('./milp-worker.js', import.meta.url), { workerData: data });
  // Never keep the process alive for the MILP: the caller decides when the solve is over.
  worker.unref();
  worker.on('message', (m: MilpEvent) => {
    queue.push(m);
    if (m.type === 'done') end();
  });
  worker.on('error', (e) => {
    queue.push({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    end();
  });
  worker.on('exit', end);
  return {
    drain: () => queue.splice(0, queue.length),
    offer(selection, value) {
      if (!over) worker.postMessage({ type: 'incumbent', selection, value });
    },
    ended: () => over,
    async finish(graceMs = 300) {
      Atomics.store(stop, 0, 1);
      if (!over) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          endPromise,
          new Promise<void>((r) => (timer = setTimeout(r, graceMs))),
        ]);
        clearTimeout(timer);
      }
      // Terminating a worker that holds a large WebAssembly heap takes ~1 s; it is not awaited.
      if (!over) void worker.terminate();
    },
  };
};
