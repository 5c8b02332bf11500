/**
 * Entry point of a job worker thread: runs one computation and reports to the main thread with
 * messages (`progress`, `checkpoint`, then `done`, `stopped` or `error`). The main thread asks
 * it to stop through a shared flag, which the computation reads between units of work (a busy
 * thread does not process incoming messages).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../../core/errors.js';
import { COMPUTATIONS } from './computations.js';
import { STOPPED } from './computation.js';

interface WorkerInput {
  readonly type: string;
  readonly input: unknown;
  readonly checkpoint: unknown;
  readonly stopFlag: Int32Array;
}

const data = workerData as WorkerInput;
const port = parentPort!;
const compute = COMPUTATIONS[data.type];
let lastProgress = 0;
try {
  if (!compute) throw new Error(`no computation for job type ${data.type}`);
  const result = await compute(data.input as never, {
    checkpoint: data.checkpoint ?? null,
    progress(fraction, message) {
      const now = performance.now();
      if (now - lastProgress < 100 && fraction < 1) return;
      lastProgress = now;
      port.postMessage({ kind: 'progress', fraction, message: message ?? null });
    },
    saveCheckpoint: (state) => port.postMessage({ kind: 'checkpoint', state }),
    shouldStop: () => Atomics.load(data.stopFlag, 0) !== 0,
  });
  port.postMessage(result === STOPPED ? { kind: 'stopped' } : { kind: 'done', output: result });
} catch (err) {
  const e = err as Error;
  port.postMessage({
    kind: 'error',
    message: e.message ?? String(err),
    code: (err as { code?: string }).code ?? 'job-error',
    // Bad input (a corrupt scene, a missing band) will not get better by retrying.
    fatal: err instanceof ValidationError,
  });
}
