/**
 * A satellite's downlink windows: its passes over the stations, grouped where they overlap (the
 * three national stations see the same passes), the longest of each group kept. Downlink j dumps
 * from its culmination (TCA) to its loss of signal; a window starts no earlier than 1 s after the
 * previous one ends, and windows shorter than 5 s are dropped.
 */
import type { Propagator } from '../../orbit/propagator.js';
import { findPasses } from '../../passes/find-passes.js';
import type { GroundStation } from '../../passes/station.js';

export interface Downlink {
  readonly stationId: string;
  readonly aosMs: number;
  readonly tcaMs: number;
  readonly losMs: number;
  /** What can be dumped from TCA to LOS, Gb. */
  readonly capacityGb: number;
}

/** Downlink windows between `startMs` and `endMs` (UTC ms) at `rateMbps`. */
export function downlinkWindows(
  prop: Propagator,
  stations: readonly GroundStation[],
  startMs: number,
  endMs: number,
  rateMbps: number,
): Downlink[] {
  const passes = stations.length
    ? findPasses(prop, stations, { startMs, endMs, toleranceS: 0.5 }).passes
    : [];
  passes.sort((a, b) => a.aosMs - b.aosMs);
  const downlinks: Downlink[] = [];
  let cluster: typeof passes = [];
  const flush = (): void => {
    if (cluster.length === 0) return;
    const best = cluster.reduce((a, b) => (b.losMs - b.tcaMs > a.losMs - a.tcaMs ? b : a));
    const prev = downlinks[downlinks.length - 1];
    const tca = Math.max(best.tcaMs, prev ? prev.losMs + 1000 : -Infinity);
    if (best.losMs - tca > 5000)
      downlinks.push({
        stationId: best.stationId,
        aosMs: best.aosMs,
        tcaMs: tca,
        losMs: best.losMs,
        capacityGb: (rateMbps * (best.losMs - tca)) / 1e6,
      });
    cluster = [];
  };
  for (const p of passes) {
    if (cluster.length > 0 && p.aosMs > Math.max(...cluster.map((c) => c.losMs))) flush();
    cluster.push(p);
  }
  flush();
  return downlinks;
}
