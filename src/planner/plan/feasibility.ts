/**
 * requestFeasibility: for one request alone (other requests ignored), the earliest acquisition
 * any satellite can make of it (under the sensor, off-nadir, sun, agility and window limits),
 * the earliest delivery (the first downlink after an acquisition), the share of the area some
 * opportunity covers, the binding reasons when it is infeasible or only partly coverable, and
 * — as secondary detail — why each satellite loses some of its passes or strips.
 */
import { NotFoundError } from '../../core/errors.js';
import { type LimitCode, buildModel } from './model.js';
import { LIMIT_TEXT } from './output.js';
import type { FeasibilityLimitCode, RequestFeasibilityResult, Scenario } from './types.js';

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

/** The order in which binding reasons are given (most fundamental first). */
const REASON_ORDER: readonly FeasibilityLimitCode[] = [
  'outside-horizon',
  'no-satellite-of-type',
  'window-too-short',
  'too-large',
  'off-nadir',
  'sun',
  'agility',
  'no-access',
  'no-downlink',
];

const ordered = (codes: ReadonlySet<LimitCode>): FeasibilityLimitCode[] =>
  REASON_ORDER.filter((c) => codes.has(c));

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
 * @example requestFeasibility(scenario, 'r0012').summary
 *   // "feasible: next access of sahel-opt-1 at 2026-12-01T10:02:11.000Z (off-nadir 12.4°); …"
 */
export function requestFeasibility(s: Scenario, requestId: string): FeasibilityDetails {
  const q = s.requests.find((r) => r.id === requestId);
  if (!q) throw new NotFoundError(`no request "${requestId}" in the scenario`);
  const m = buildModel({ ...s, requests: [q] });
  const rq = m.requests[0]!;
  const order = Array.from({ length: m.optionCount }, (_, o) => o).sort(
    (a, b) => m.optStart[a]! - m.optStart[b]!,
  );
  const opportunities = order.slice(0, 50).map((o) => ({
    satelliteId: m.sats[m.optSat[o]!]!.id,
    start: iso(m.optStart[o]!),
    end: iso(m.optEnd[o]!),
    offNadirDeg: Number(m.optOffNadir[o]!.toFixed(3)),
    stripId: m.items[m.optItem[o]!]!.stripId,
  }));
  const satelliteLimits = [...rq.satLimits]
    .map(([satelliteId, codes]) => ({ satelliteId, codes: ordered(codes) }))
    .filter((x) => x.codes.length > 0);
  // share of the area some opportunity covers
  const reach = new Uint8Array(m.atomGain.length);
  for (let i = 0; i < m.items.length; i++)
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!)
      for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++) reach[m.itemAtom[k]!] = 1;
  let coverable = 0;
  for (const occ of rq.occurrences)
    for (let a = occ.atomStart; a < occ.atomEnd; a++)
      if (reach[a]) coverable += m.atomShare[a]! / rq.occurrences.length;
  coverable = Math.min(1, Number(coverable.toFixed(6)));
  const first = order[0];
  if (first === undefined) {
    const reasons = ordered(rq.limits);
    const why = reasons.length > 0 ? reasons : (['no-access'] as FeasibilityLimitCode[]);
    return {
      feasible: false,
      earliestAcquisition: null,
      earliestDelivery: null,
      coverableFraction: 0,
      reasons: why,
      satelliteLimits,
      summary: `infeasible because ${why.map((c) => LIMIT_TEXT[c]).join('; ')}`,
      opportunities,
    };
  }
  // earliest delivery: over the options, the first downlink end after acquisition
  let best: { at: number; stationId: string; satelliteId: string } | null = null;
  for (const o of order) {
    const sat = m.sats[m.optSat[o]!]!;
    const d = sat.downlinks[m.optSeg[o]!];
    if (!d) continue;
    const at = d.tcaMs + (m.optVolume[o]! * 1e6) / sat.spec.downlinkRateMbps;
    if (!best || at < best.at) best = { at, stationId: d.stationId, satelliteId: sat.id };
  }
  const reasons: FeasibilityLimitCode[] = [];
  if (coverable < 1 - 1e-9) {
    // what keeps the rest of the area out: the limits met, in order
    reasons.push(...ordered(rq.limits));
    if (reasons.length === 0) reasons.push('no-access');
  }
  if (!best) reasons.push('no-downlink');
  const fo = first;
  const sat = m.sats[m.optSat[fo]!]!.id;
  const parts = [
    `feasible: next access of ${sat} at ${iso(m.optStart[fo]!)} (off-nadir ${m.optOffNadir[fo]!.toFixed(1)}°)`,
    best
      ? `delivery at ${iso(best.at)}, at the next downlink of ${best.satelliteId} at ${best.stationId}`
      : `no delivery: ${LIMIT_TEXT['no-downlink']}`,
  ];
  if (coverable < 1 - 1e-9)
    parts.push(
      `only ${Number((coverable * 100).toFixed(1))} % of the area can be acquired, because ${reasons
        .filter((c) => c !== 'no-downlink')
        .map((c) => LIMIT_TEXT[c])
        .join('; ')}`,
    );
  return {
    feasible: true,
    earliestAcquisition: {
      satelliteId: sat,
      start: iso(m.optStart[fo]!),
      offNadirDeg: Number(m.optOffNadir[fo]!.toFixed(3)),
    },
    earliestDelivery: best
      ? { satelliteId: best.satelliteId, stationId: best.stationId, at: iso(best.at) }
      : null,
    coverableFraction: coverable,
    reasons,
    satelliteLimits,
    summary: parts.join('; '),
    opportunities,
  };
}
