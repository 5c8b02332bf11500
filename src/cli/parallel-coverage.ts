/**
 * Coverage grids over a pool of worker threads (one per core), or in this thread for small
 * grids. Interruptible through an AbortSignal; reports progress as the number of cells done.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SahelsatError } from '../core/errors.js';
import { type CoveragePlan, coverageChunk } from '../access/coverage.js';
import type { RevisitStats } from '../access/revisit.js';
import type { CoverageChunkResult, CoverageMessage } from './workers/coverage-worker.js';

export interface CoverageRunOptions {
  /**
   * Worker threads; 0 or 1 runs in this thread. Default: the number of cores for large jobs,
   * this thread for small ones (a worker costs ~1–2 s to start: module load, plan copy, cold
   * JIT, worth it from about a million cell·satellite·days).
   */
  readonly threads?: number;
  readonly onProgress?: (cellsDone: number) => void;
  readonly signal?: AbortSignal;
}

const CHUNK = 500;
/** Cell·satellite·days from which worker threads pay for their start-up. */
const WORKER_THRESHOLD = 1e6;
const WORKER_URL = new URL('./workers/coverage-worker.js', import.meta.url);

function interrupted(): SahelsatError {
  return new SahelsatError('interrupted', 'interrupted');
}

/** Revisit statistics of every cell of the plan, in cell order. */
export async function runCoverage(
  plan: CoveragePlan,
  par: CoverageRunOptions = {},
): Promise<RevisitStats[]> {
  const n = plan.cells.length;
  const days = (plan.options.endMs - plan.options.startMs) / 86_400_000;
  const large = n * plan.satellites.length * days >= WORKER_THRESHOLD;
  const threads = Math.min(
    par.threads ?? (large ? availableParallelism() : 1),
    Math.ceil(n / CHUNK),
  );
  const workerFile = fileURLToPath(WORKER_URL);
  if (threads > 1 && existsSync(workerFile)) return inWorkers(plan, threads, par);
  const out: RevisitStats[] = [];
  for (let from = 0; from < n; from += CHUNK) {
    if (par.signal?.aborted) throw interrupted();
    out.push(...coverageChunk(plan, from, Math.min(n, from + CHUNK)));
    par.onProgress?.(out.length);
    // Let a pending SIGINT reach the signal between two chunks.
    await new Promise((r) => setImmediate(r));
  }
  if (par.signal?.aborted) throw interrupted();
  return out;
}

function inWorkers(
  plan: CoveragePlan,
  threads: number,
  par: CoverageRunOptions,
): Promise<RevisitStats[]> {
  const n = plan.cells.length;
  const chunks: [number, number][] = [];
  for (let from = 0; from < n; from += CHUNK) chunks.push([from, Math.min(n, from + CHUNK)]);
  const results: RevisitStats[][] = new Array(chunks.length);
  let next = 0;
  let done = 0;
  let cellsDone = 0;
  const workers: Worker[] = [];
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      par.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolvePromise(results.flat());
    };
    const onAbort = (): void => finish(interrupted());
    par.signal?.addEventListener('abort', onAbort);
    if (par.signal?.aborted) return finish(interrupted());
    const feed = (w: Worker): void => {
      const id = next++;
      const c = chunks[id];
      if (c) w.postMessage({ kind: 'chunk', id, from: c[0], to: c[1] } satisfies CoverageMessage);
    };
    const planMessage: CoverageMessage = {
      kind: 'plan',
      cells: plan.cells,
      satellites: plan.satellites,
      options: plan.options,
      active: plan.active,
    };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(WORKER_URL);
      workers.push(w);
      w.on('message', (r: CoverageChunkResult) => {
        results[r.id] = r.stats;
        cellsDone += r.stats.length;
        par.onProgress?.(cellsDone);
        done++;
        if (done === chunks.length) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      w.postMessage(planMessage);
      feed(w);
    }
  });
}
