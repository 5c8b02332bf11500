/**
 * Pass searches over many satellites: in this thread for small sets, over a pool of worker
 * threads (one per core) for catalogues. Interruptible through an AbortSignal; reports progress
 * as the number of satellites done.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ElementSet } from '../orbit/element-set.js';
import { createPropagator } from '../orbit/propagator.js';
import { type PassSearchOptions, findPasses } from '../passes/find-passes.js';
import type { Pass, PropagationIssue } from '../passes/pass.js';
import type { GroundStation } from '../passes/station.js';
import { interruptedError as interrupted, runWorkerPool } from './worker-pool.js';
import type { CoarseEngine, PassesJob, PassesJobResult } from './workers/passes-worker.js';

export interface ParallelOptions {
  /** Worker threads; 0 or 1 runs in this thread. Default: the number of cores. */
  readonly threads?: number;
  readonly onProgress?: (satellitesDone: number) => void;
  readonly signal?: AbortSignal;
  /** Engine of the coarse grid in worker threads (default wasm: measured faster, BENCHMARKS.md). */
  readonly engine?: CoarseEngine;
}

const BATCH = 32;
const WORKER_URL = new URL('./workers/passes-worker.js', import.meta.url);

/** Passes of every element set over every station, sorted by AOS, then station, then satellite. */
export async function findPassesForCatalog(
  elements: readonly ElementSet[],
  stations: readonly GroundStation[],
  options: PassSearchOptions,
  par: ParallelOptions = {},
): Promise<{ passes: Pass[]; issues: PropagationIssue[] }> {
  const threads = Math.min(
    par.threads ?? availableParallelism(),
    Math.ceil(elements.length / BATCH),
  );
  const workerFile = fileURLToPath(WORKER_URL);
  const result =
    threads > 1 && existsSync(workerFile)
      ? await inWorkers(elements, stations, options, threads, par)
      : inThread(elements, stations, options, par);
  result.passes.sort(
    (a, b) =>
      a.aosMs - b.aosMs ||
      a.stationId.localeCompare(b.stationId) ||
      a.catalogNumber - b.catalogNumber,
  );
  return result;
}

function inThread(
  elements: readonly ElementSet[],
  stations: readonly GroundStation[],
  options: PassSearchOptions,
  par: ParallelOptions,
): { passes: Pass[]; issues: PropagationIssue[] } {
  const passes: Pass[] = [];
  const issues: PropagationIssue[] = [];
  elements.forEach((el, i) => {
    if (par.signal?.aborted) throw interrupted();
    const r = findPasses(createPropagator(el), stations, options);
    passes.push(...r.passes);
    issues.push(...r.issues);
    par.onProgress?.(i + 1);
  });
  return { passes, issues };
}

async function inWorkers(
  elements: readonly ElementSet[],
  stations: readonly GroundStation[],
  options: PassSearchOptions,
  threads: number,
  par: ParallelOptions,
): Promise<{ passes: Pass[]; issues: PropagationIssue[] }> {
  const jobs: PassesJob[] = [];
  for (let i = 0; i < elements.length; i += BATCH) {
    jobs.push({
      elements: elements.slice(i, i + BATCH),
      stations,
      options,
      engine: par.engine ?? 'wasm',
    });
  }
  const passes: Pass[] = [];
  const issues: PropagationIssue[] = [];
  let satellitesDone = 0;
  await runWorkerPool<PassesJob, PassesJobResult>({
    workerUrl: WORKER_URL,
    threads,
    jobs,
    signal: par.signal,
    onResult: (r, index) => {
      for (const p of r.passes) passes.push(p);
      for (const i of r.issues) issues.push(i);
      satellitesDone += jobs[index]!.elements.length;
      par.onProgress?.(satellitesDone);
    },
  });
  return { passes, issues };
}
