/**
 * From the search state to the Plan value: acquisitions in time order, the downlinks that
 * dump each recorder segment, per-request outcomes with their reasons, per-nation shares.
 */
import type { LimitCode, PlanModel } from './model.js';
import type { Objective } from './objective.js';
import type { Schedule } from './schedule.js';
import {
  PLAN_NATIONS,
  type PlanNationOutcome,
  type Plan,
  type PlannedAcquisition,
  type PlannedDownlink,
  type PlanRequestOutcome,
} from './types.js';

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();
const round = (x: number, d = 6): number => Number(x.toFixed(d));

/** Why-not sentences (English; the CLI and server show them as they are). */
export const LIMIT_TEXT: Record<LimitCode, string> = {
  'outside-horizon': 'its window does not overlap the planning horizon',
  'no-satellite-of-type': 'no satellite of the scenario carries the requested sensor type',
  'no-access': 'no satellite passes within its sensor field of regard during the window',
  'off-nadir': 'the target is beyond the maximum off-nadir angle at every pass',
  sun: 'the sun is too low over the target at every pass',
  agility: 'the pointing needed is beyond the satellite roll/pitch limits',
  'window-too-short': 'the window is too short for the imaging time of a strip',
  'too-large':
    'a strip needs more imaging time than the duty limit per orbit, or more data than the recorder or one downlink can take (cut the AOI smaller)',
  conflicts:
    'its opportunities are taken by higher-value acquisitions (slew, one acquisition at a time)',
  'memory-or-duty': 'recorder memory, downlink capacity or the duty limit per orbit are used up',
  'no-downlink': 'no downlink pass at any station within 24 h after the horizon',
};

/** Reason for a request with no option at all. */
export function infeasibleReason(limits: ReadonlySet<LimitCode>): string {
  const order: LimitCode[] = [
    'outside-horizon',
    'no-satellite-of-type',
    'window-too-short',
    'too-large',
    'off-nadir',
    'sun',
    'agility',
    'no-access',
  ];
  const why = order.filter((c) => limits.has(c)).map((c) => LIMIT_TEXT[c]);
  return `infeasible because ${why.length > 0 ? why.join('; ') : LIMIT_TEXT['no-access']}`;
}

export function buildPlan(m: PlanModel, st: Schedule, obj: Objective, bound: number | null): Plan {
  const acqs: PlannedAcquisition[] = [];
  const acqId = new Map<number, string>();
  const sel = st
    .selected()
    .sort((a, b) => m.optStart[a]! - m.optStart[b]! || m.optSat[a]! - m.optSat[b]!);
  for (const o of sel) {
    const item = m.items[m.optItem[o]!]!;
    const sat = m.sats[m.optSat[o]!]!;
    const id = `${item.stripId}@${sat.id}`;
    acqId.set(o, id);
    acqs.push({
      id,
      satelliteId: sat.id,
      requestId: m.requests[item.request]!.id,
      stripId: item.stripId,
      start: iso(m.optStart[o]!),
      end: iso(m.optEnd[o]!),
      offNadirDeg: round(m.optOffNadir[o]!, 4),
      rollDeg: round(m.optRoll[o]!, 4),
      pitchDeg: round(m.optPitch[o]!, 4),
      volumeGb: m.optVolume[o]!,
      fraction: item.strip.fraction,
    });
  }
  // downlinks: segment j dumped from TCA_j
  const downlinks: PlannedDownlink[] = [];
  const delivery = new Map<number, { at: number; stationId: string }>();
  m.sats.forEach((sat, s) => {
    const bySeg = new Map<number, number[]>();
    for (const o of st.timeline[s]!) {
      const j = m.optSeg[o]!;
      if (j >= sat.downlinks.length) continue;
      const l = bySeg.get(j) ?? [];
      l.push(o);
      bySeg.set(j, l);
    }
    for (const [j, os] of [...bySeg].sort((a, b) => a[0] - b[0])) {
      const d = sat.downlinks[j]!;
      const vol = os.reduce((a, o) => a + m.optVolume[o]!, 0);
      const end = Math.min(d.losMs, d.tcaMs + Math.ceil((vol * 1e6) / sat.spec.downlinkRateMbps));
      downlinks.push({
        satelliteId: sat.id,
        stationId: d.stationId,
        start: iso(d.tcaMs),
        end: iso(end),
        volumeGb: vol,
        acquisitionIds: os.map((o) => acqId.get(o)!),
      });
      for (const o of os) delivery.set(o, { at: end, stationId: d.stationId });
    }
  });
  downlinks.sort(
    (a, b) => a.start.localeCompare(b.start) || a.satelliteId.localeCompare(b.satelliteId),
  );

  // atoms some strip with an option can reach
  const reach = new Uint8Array(m.atomGain.length);
  for (let i = 0; i < m.items.length; i++)
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!)
      for (let k = m.itemAtomStart[i]!; k < m.itemAtomStart[i + 1]!; k++) reach[m.itemAtom[k]!] = 1;
  const pct = (x: number): string => `${Number((100 * x).toFixed(1))} %`;
  const requests: PlanRequestOutcome[] = m.requests.map((q) => {
    let frac = 0;
    let reachable = 0;
    let first = Infinity;
    let last = -Infinity;
    let undelivered = false;
    const n = Math.max(1, q.occurrences.length);
    for (const occ of q.occurrences) {
      for (let a = occ.atomStart; a < occ.atomEnd; a++) {
        if (st.atomCover[a]! > 0) frac += m.atomShare[a]! / n;
        if (reach[a]) reachable += m.atomShare[a]! / n;
      }
      for (const i of occ.items) {
        const o = st.itemSel[i]!;
        if (o < 0) continue;
        first = Math.min(first, m.optStart[o]!);
        const d = delivery.get(o);
        if (d) last = Math.max(last, d.at);
        else undelivered = true;
      }
    }
    if (q.occurrences.length === 0) reachable = 0;
    frac = Math.min(1, frac);
    const status = frac >= 1 - 1e-9 ? 'planned' : frac > 0 ? 'partial' : 'unplanned';
    let reason: string | null = null;
    if (status !== 'planned') {
      if (reachable <= 1e-12) reason = infeasibleReason(q.limits);
      else {
        const head =
          status === 'partial'
            ? `partly planned (${pct(frac)} of the area acquired)`
            : 'not planned';
        const taken =
          reachable > frac + 1e-9
            ? `: ${LIMIT_TEXT.conflicts}, or ${LIMIT_TEXT['memory-or-duty']}`
            : '';
        const never =
          reachable < 1 - 1e-9
            ? `; ${pct(1 - reachable)} of the area ${infeasibleReason(q.limits)}`
            : '';
        reason = `${head}${taken}${never}`;
      }
    } else if (undelivered)
      reason = 'acquired, but no downlink before the end of the delivery look-ahead';
    return {
      requestId: q.id,
      status,
      fraction: round(frac, 6),
      acquisitionAt: first < Infinity ? iso(first) : null,
      deliveryAt: last > -Infinity && !undelivered ? iso(last) : null,
      reason,
    };
  });

  const demand = demandPerNation(m);
  const nations: Record<string, PlanNationOutcome> = {};
  const ent = m.scenario.nations;
  const entSum = ent.ML.entitlement + ent.BF.entitlement + ent.NE.entitlement;
  PLAN_NATIONS.forEach((n, k) => {
    const v = st.nationValue[k]!;
    const share = st.value > 0 ? v / st.value : 0;
    const t = obj.targets[k]!;
    nations[n] = {
      entitlement: ent[n].entitlement / entSum,
      value: round(v),
      share: round(share),
      satisfaction: demand[k]! > 0 ? round(v / demand[k]!) : 1,
      normalisedUtility: round(share / t),
      balance: round((m.scenario.balance?.[n] ?? 0) + (demand[k]! > 0 ? t - share : 0)),
    };
  });
  return {
    start: iso(m.startMs),
    end: iso(m.endMs),
    value: round(st.value),
    bound: bound === null ? null : round(Math.max(bound, st.value)),
    acquisitions: acqs,
    downlinks,
    requests,
    nations,
  };
}

/** Value asked for per nation (the whole area of every occurrence in the horizon). */
export function demandPerNation(m: PlanModel): Float64Array {
  const d = new Float64Array(3);
  for (const q of m.requests) {
    const k = q.nation === 'ML' ? 0 : q.nation === 'BF' ? 1 : q.nation === 'NE' ? 2 : 3;
    const v = q.weight * q.occurrences.length;
    if (k < 3) d[k]! += v;
    else for (let j = 0; j < 3; j++) d[j]! += v / 3;
  }
  return d;
}
