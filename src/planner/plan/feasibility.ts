/**
 * requestFeasibility: for one request, the earliest acquisition any satellite can make of it
 * (under the sensor, off-nadir, sun and window limits; other requests ignored), the delivery at
 * the next downlink after it, and what limits it.
 */
import { NotFoundError } from '../../core/errors.js';
import { buildModel } from './model.js';
import { LIMIT_TEXT } from './output.js';
import type { RequestFeasibilityResult, Scenario } from './types.js';

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

export interface FeasibilityDetails extends RequestFeasibilityResult {
  /** The first opportunities (at most 50), in time order. */
  readonly opportunities: readonly {
    readonly satelliteId: string;
    readonly start: string;
    readonly end: string;
    readonly offNadirDeg: number;
    readonly stripId: string;
  }[];
}

/**
 * @throws NotFoundError when the scenario has no request `requestId`.
 * @example requestFeasibility(scenario, 'r0012').earliestAcquisition?.start
 */
export function requestFeasibility(s: Scenario, requestId: string): FeasibilityDetails {
  const q = s.requests.find((r) => r.id === requestId);
  if (!q) throw new NotFoundError(`no request "${requestId}" in the scenario`);
  const m = buildModel({ ...s, requests: [q] });
  const order = Array.from({ length: m.optionCount }, (_, o) => o).sort(
    (a, b) => m.optStart[a]! - m.optStart[b]!,
  );
  const limits = [...m.requests[0]!.limits].map((c) => LIMIT_TEXT[c]);
  const first = order[0];
  const opportunities = order.slice(0, 50).map((o) => ({
    satelliteId: m.sats[m.optSat[o]!]!.id,
    start: iso(m.optStart[o]!),
    end: iso(m.optEnd[o]!),
    offNadirDeg: Number(m.optOffNadir[o]!.toFixed(3)),
    stripId: m.items[m.optItem[o]!]!.stripId,
  }));
  if (first === undefined) {
    return {
      feasible: false,
      earliestAcquisition: null,
      earliestDelivery: null,
      limits: limits.length ? limits : [LIMIT_TEXT['no-access']],
      opportunities,
    };
  }
  // earliest delivery: over the options, the first downlink end after acquisition
  let best: { at: number; stationId: string } | null = null;
  for (const o of order) {
    const sat = m.sats[m.optSat[o]!]!;
    const d = sat.downlinks[m.optSeg[o]!];
    if (!d) continue;
    const at = d.tcaMs + (m.optVolume[o]! * 1e6) / sat.spec.downlinkRateMbps;
    if (!best || at < best.at) best = { at, stationId: d.stationId };
  }
  if (!best) limits.push('no downlink pass at any station within 24 h after the horizon');
  const fo = first;
  const stripCount = m.items.length;
  const covered = new Set(order.map((o) => m.optItem[o]!));
  if (covered.size < stripCount)
    limits.push(`only ${covered.size} of ${stripCount} strips can be acquired`);
  return {
    feasible: true,
    earliestAcquisition: {
      satelliteId: m.sats[m.optSat[fo]!]!.id,
      start: iso(m.optStart[fo]!),
      offNadirDeg: Number(m.optOffNadir[fo]!.toFixed(3)),
    },
    earliestDelivery: best ? { stationId: best.stationId, at: iso(best.at) } : null,
    limits,
    opportunities,
  };
}
