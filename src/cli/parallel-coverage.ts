/**
 * Coverage grids over a pool of worker threads (one per core), or in this thread for small
 * grids. Interruptible through an AbortSignal; reports progress as the number of cells done.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type CoveragePlan, coverageChunk } from '../access/coverage.js';
import type { RevisitStats } from '../access/revisit.js';
import { interruptedError as interrupted, runWorkerPool } from './worker-pool.js';
import type { CoverageChunk, CoverageInit } from './workers/coverage-worker.js';

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

async function inWorkers(
  plan: CoveragePlan,
  threads: number,
  par: CoverageRunOptions,
): Promise<RevisitStats[]> {
  const n = plan.cells.length;
  const chunks: CoverageChunk[] = [];
  for (let from = 0; from < n; from += CHUNK) chunks.push({ from, to: Math.min(n, from + CHUNK) });
  const results: RevisitStats[][] = new Array(chunks.length);
  let cellsDone = 0;
  const init: CoverageInit = {
    cells: plan.cells,
    satellites: plan.satellites,
    options: plan.options,
    active: plan.active,
  };
  await runWorkerPool<CoverageChunk, RevisitStats[]>({
    workerUrl: WORKER_URL,
    threads,
    jobs: chunks,
    init,
    signal: par.signal,
    onResult: (stats, index) => {
      results[index] = stats;
      cellsDone += stats.length;
      par.onProgress?.(cellsDone);
    },
  });
  return results.flat();
}
