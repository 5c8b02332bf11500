/**
 * Worker thread for catalogue-scale pass searches: receives batches of element sets, answers
 * with their passes. Pure computation; the pool in ../parallel-passes.ts owns the I/O.
 */
import { parentPort } from 'node:worker_threads';
import type { ElementSet } from '../../orbit/element-set.js';
import { type BulkSampler, createBulkSampler } from '../../orbit/bulk.js';
import { findPassesBatch } from '../../passes/batch.js';
import type { PassSearchOptions } from '../../passes/find-passes.js';
import type { Pass, PropagationIssue } from '../../passes/pass.js';
import type { GroundStation } from '../../passes/station.js';

/** Which SGP4 engine computes the coarse grid: satellite.js's WebAssembly or its JavaScript. */
export type CoarseEngine = 'wasm' | 'js';

export interface PassesJob {
  readonly elements: readonly ElementSet[];
  readonly stations: readonly GroundStation[];
  readonly options: PassSearchOptions;
  readonly engine: CoarseEngine;
}

export interface PassesJobResult {
  readonly passes: Pass[];
  readonly issues: PropagationIssue[];
}

let sampler: Promise<BulkSampler> | null = null;

parentPort?.on('message', (msg: { index: number; job: PassesJob }) => {
  void (async () => {
    const job = msg.job;
    let bulk: BulkSampler | undefined;
    if (job.engine === 'wasm') {
      sampler ??= createBulkSampler();
      bulk = await sampler;
    }
    const result: PassesJobResult = findPassesBatch(job.elements, job.stations, job.options, bulk);
    parentPort!.postMessage({ index: msg.index, result });
  })();
});
