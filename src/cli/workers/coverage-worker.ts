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

/** The shared inputs, posted once to each worker (see ../worker-pool.ts). */
export interface CoverageInit {
  readonly cells: readonly GridCell[];
  readonly satellites: readonly CoverageSatellite[];
  readonly options: CoverageOptions;
  readonly active: readonly Int32Array[];
}

/** One job: a range of cells. */
export interface CoverageChunk {
  readonly from: number;
  readonly to: number;
}

let plan: CoveragePlan | null = null;

parentPort?.on('message', (msg: { init: CoverageInit } | { index: number; job: CoverageChunk }) => {
  if ('init' in msg) {
    const i = msg.init;
    plan = planCoverage(i.cells, i.satellites, i.options, i.active);
    return;
  }
  const result: RevisitStats[] = coverageChunk(plan!, msg.job.from, msg.job.to);
  parentPort!.postMessage({ index: msg.index, result });
});
