/**
 * Worker thread for coverage grids: receives the plan once (tracks, sensors, cells, active
 * intervals), then chunks of cells, and answers with their revisit statistics. Pure
 * computation; the pool in ../parallel-coverage.ts owns the I/O.
 */
import { parentPort } from 'node:worker_threads';
import {
  type CoverageOptions,
  type CoveragePlan,
  type CoverageSatellite,
  coverageChunk,
  planCoverage,
} from '../../access/coverage.js';
import type { GridCell } from '../../access/aoi/grid.js';
import type { RevisitStats } from '../../access/revisit.js';

export type CoverageMessage =
  | {
      readonly kind: 'plan';
      readonly cells: readonly GridCell[];
      readonly satellites: readonly CoverageSatellite[];
      readonly options: CoverageOptions;
      readonly active: readonly Int32Array[];
    }
  | { readonly kind: 'chunk'; readonly id: number; readonly from: number; readonly to: number };

export interface CoverageChunkResult {
  readonly id: number;
  readonly stats: RevisitStats[];
}

let plan: CoveragePlan | null = null;

parentPort?.on('message', (msg: CoverageMessage) => {
  if (msg.kind === 'plan') {
    plan = planCoverage(msg.cells, msg.satellites, msg.options, msg.active);
    return;
  }
  const result: CoverageChunkResult = {
    id: msg.id,
    stats: coverageChunk(plan!, msg.from, msg.to),
  };
  parentPort!.postMessage(result);
});
