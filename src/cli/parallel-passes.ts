/**
 * Pass searches over many satellites: in this thread for small sets, over a pool of worker
 * threads (one per core) for catalogues. Interruptible through an AbortSignal; reports progress
 * as the number of satellites done.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SahelsatError } from '../core/errors.js';
import type { ElementSet } from '../orbit/element-set.js';
import { createPropagator } from '../orbit/propagator.js';
import { type PassSearchOptions, findPasses } from '../passes/find-passes.js';
import type { Pass, PropagationIssue } from '../passes/pass.js';
import type { GroundStation } from '../passes/station.js';
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

function interrupted(): SahelsatError {
  return new SahelsatError('interrupted', 'interrupted');
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

function inWorkers(
  elements: readonly ElementSet[],
  stations: readonly GroundStation[],
  options: PassSearchOptions,
  threads: number,
  par: ParallelOptions,
): Promise<{ passes: Pass[]; issues: PropagationIssue[] }> {
  const jobs: PassesJob[] = [];
  for (let i = 0; i < elements.length; i += BATCH) {
    jobs.push({
      id: jobs.length,
      elements: elements.slice(i, i + BATCH),
      stations,
      options,
      engine: par.engine ?? 'wasm',
    });
  }
  const passes: Pass[] = [];
  const issues: PropagationIssue[] = [];
  let next = 0;
  let done = 0;
  let satellitesDone = 0;
  const workers: Worker[] = [];
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      par.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolvePromise({ passes, issues });
    };
    const onAbort = (): void => finish(interrupted());
    par.signal?.addEventListener('abort', onAbort);
    if (par.signal?.aborted) return finish(interrupted());
    const feed = (w: Worker): void => {
      const job = jobs[next++];
      if (job) w.postMessage(job);
    };
    for (let k = 0; k < threads; k++) {
      const w = new Worker(WORKER_URL);
      workers.push(w);
      w.on('message', (r: PassesJobResult) => {
        for (const p of r.passes) passes.push(p);
        for (const i of r.issues) issues.push(i);
        satellitesDone += jobs[r.id]!.elements.length;
        par.onProgress?.(satellitesDone);
        done++;
        if (done === jobs.length) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      feed(w);
    }
  });
}
