/**
 * Running one computation in a worker thread of its own and awaiting it (feasibility, emergency
 * repairs): the request waits seconds, the event loop keeps serving others. Past `timeoutMs`
 * the stop flag is set, and the thread is terminated `graceMs` later.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors.js';
import { workerScriptUrl } from '../jobs/runner.js';

export function runInThread<O>(
  type: string,
  input: unknown,
  o: { timeoutMs: number; graceMs?: number },
): Promise<O> {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<O>((resolve, reject) => {
    const worker = new Worker(workerScriptUrl(), {
      workerData: { type, input, checkpoint: null, stopFlag },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(soft);
      clearTimeout(hard);
      fn();
      void worker.terminate();
    };
    const timedOut = () =>
      new ApiError(503, 'timeout', 'error.conflict', {
        detail: `the computation did not finish within ${Math.round(o.timeoutMs / 1000)} s`,
      });
    const soft = setTimeout(() => Atomics.store(stopFlag, 0, 1), o.timeoutMs);
    const hard = setTimeout(
      () => finish(() => reject(timedOut())),
      o.timeoutMs + (o.graceMs ?? 2000),
    );
    worker.on(
      'message',
      (m: { kind: string; output?: unknown; message?: string; code?: string }) => {
        if (m.kind === 'done') finish(() => resolve(m.output as O));
        else if (m.kind === 'stopped') finish(() => reject(timedOut()));
        else if (m.kind === 'error')
          finish(() =>
            reject(Object.assign(new Error(m.message ?? 'computation failed'), { code: m.code })),
          );
      },
    );
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`computation thread exited with code ${code}`))),
    );
  });
}
