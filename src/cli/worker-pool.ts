/**
 * A small pool of worker threads for batch computations of the shells: jobs are handed out one
 * at a time to each worker as it finishes the previous one; results come back tagged with the
 * job's index. Aborting (SIGINT) terminates the workers and rejects with an `interrupted` error.
 */
import { Worker } from 'node:worker_threads';
import { SahelsatError } from '../core/errors.js';

export interface WorkerPoolOptions<J, R> {
  /** The worker module (compiled JavaScript). */
  readonly workerUrl: URL;
  readonly threads: number;
  /** Posted to the workers in order; each worker answers one message per job. */
  readonly jobs: readonly J[];
  /** Posted once to every worker before its first job (shared inputs), if given. */
  readonly init?: unknown;
  /** Called with each answer and the index of its job. */
  readonly onResult: (result: R, jobIndex: number) => void;
  readonly signal?: AbortSignal | undefined;
}

/** The error a pool rejects with when its signal aborts. */
export function interruptedError(): SahelsatError {
  return new SahelsatError('interrupted', 'interrupted');
}

/**
 * Runs every job; resolves when all have answered. Jobs are posted as `{index, job}` and workers
 * must answer `{index, result}`.
 */
export function runWorkerPool<J, R>(opts: WorkerPoolOptions<J, R>): Promise<void> {
  const { jobs, signal } = opts;
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolvePromise();
    };
    const onAbort = (): void => finish(interruptedError());
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) return finish(interruptedError());
    if (jobs.length === 0) return finish();
    const feed = (w: Worker): void => {
      const index = next++;
      if (index < jobs.length) w.postMessage({ index, job: jobs[index] });
    };
    for (let k = 0; k < Math.min(opts.threads, jobs.length); k++) {
      const w = new Worker(opts.workerUrl);
      workers.push(w);
      w.on('message', (m: { index: number; result: R }) => {
        opts.onResult(m.result, m.index);
        done++;
        if (done === jobs.length) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      if (opts.init !== undefined) w.postMessage({ init: opts.init });
      feed(w);
    }
  });
}
