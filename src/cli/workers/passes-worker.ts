/**
 * Worker thread for catalogue-scale pass searches: receives batches of element sets, answers
 * with their passes. Pure computation; the pool in ../parallel-passes.ts owns the I/O.
 */
import { parentPort } from 'node:worker_threads';
import type { ElementSet } from '../../orbit/element-set.js';
import { createPropagator } from '../../orbit/propagator.js';
import { type PassSearchOptions, findPasses } from '../../passes/find-passes.js';
import type { Pass, PropagationIssue } from '../../passes/pass.js';
import type { GroundStation } from '../../passes/station.js';

export interface PassesJob {
  readonly id: number;
  readonly elements: readonly ElementSet[];
  readonly stations: readonly GroundStation[];
  readonly options: PassSearchOptions;
}

export interface PassesJobResult {
  readonly id: number;
  readonly passes: Pass[];
  readonly issues: PropagationIssue[];
}

parentPort?.on('message', (job: PassesJob) => {
  const passes: Pass[] = [];
  const issues: PropagationIssue[] = [];
  for (const el of job.elements) {
    const r = findPasses(createPropagator(el), job.stations, job.options);
    passes.push(...r.passes);
    issues.push(...r.issues);
  }
  const result: PassesJobResult = { id: job.id, passes, issues };
  parentPort!.postMessage(result);
});
