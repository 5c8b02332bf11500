/**
 * Passes of a batch of satellites, with the coarse grid of the near-Earth ones propagated in one
 * bulk call when a sampler is given (the WebAssembly engine of orbit/bulk.ts).
 */
import type { ElementSet } from '../orbit/element-set.js';
import { isDeepSpace } from '../orbit/element-set.js';
import type { BulkSampler } from '../orbit/bulk.js';
import { createPropagator } from '../orbit/propagator.js';
import {
  BULK_COARSE_STEP_S,
  type CoarseTrack,
  type PassSearchOptions,
  coarseGrid,
  findPasses,
} from './find-passes.js';
import type { Pass, PropagationIssue } from './pass.js';
import type { GroundStation } from './station.js';

export function findPassesBatch(
  elements: readonly ElementSet[],
  stations: readonly GroundStation[],
  options: PassSearchOptions,
  sampler?: BulkSampler,
): { passes: Pass[]; issues: PropagationIssue[] } {
  const passes: Pass[] = [];
  const issues: PropagationIssue[] = [];
  const props = elements.map(createPropagator);
  const tracks = new Map<number, CoarseTrack>();
  if (sampler && (options.dut1S ?? 0) === 0) {
    const near = props
      .map((p, i) => [p, i] as const)
      .filter(([p]) => !isDeepSpace(p.elements) && p.initErrorCode === 0);
    if (near.length > 0) {
      const times = coarseGrid(options.startMs, options.endMs, BULK_COARSE_STEP_S);
      const n = times.length;
      const bulk = sampler.sample(
        near.map(([p]) => p.satrec),
        times,
      );
      near.forEach(([, i], k) => {
        tracks.set(i, {
          timesMs: times,
          positionsKm: bulk.positionsKm.subarray(3 * k * n, 3 * (k + 1) * n),
          ok: bulk.ok.subarray(k * n, (k + 1) * n),
        });
      });
    }
  }
  props.forEach((p, i) => {
    const r = findPasses(p, stations, options, tracks.get(i));
    for (const x of r.passes) passes.push(x);
    for (const x of r.issues) issues.push(x);
  });
  return { passes, issues };
}
