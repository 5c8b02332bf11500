/**
 * From a scenario to the planning model: the items to acquire (one per strip of each
 * occurrence of each request), the options to acquire them (satellite, time, attitude, data
 * volume), and per satellite the downlink windows that split its recorder use into segments.
 *
 * Memory model (docs/planner.md): downlink j of a satellite dumps, from the culmination (TCA)
 * of its pass on, everything acquired since the previous culmination; so segment j holds the
 * acquisitions ending in (TCA_{j−1}, TCA_j], needs V_j ≤ rate × (LOS_j − TCA_j), and since
 * the next segment fills while j is dumped, V_j + V_{j+1} ≤ memory. Data acquired after the
 * last culmination stays on board (V ≤ memory). The verifier checks the memory level over
 * time directly.
 */
import { findAccessWindows } from '../../access/access-windows.js';
import { type PreparedTarget, prepareTarget } from '../../access/geometry.js';
import type { AoiGeometry } from '../../access/aoi/types.js';
import type { Sensor } from '../../access/sensor.js';
import { sunElevationAtDeg } from '../../access/sun-constraint.js';
import { sampleTrack, stateAt } from '../../access/track.js';
import { createPropagator } from '../../orbit/propagator.js';
import type { GroundStation } from '../../passes/station.js';
import { type Downlink, downlinkWindows } from './downlinks.js';
import { pointingAt } from './geometry.js';
import type { TrackFamily } from './families.js';
import { requestStrips } from './request-strips.js';
import type { AoiStrip } from './strips.js';
import { decodeTle } from './tle.js';
import type { PlanRequestNation, Scenario, ScenarioRequest, ScenarioSatellite } from './types.js';

/** Gain of a fully acquired occurrence per priority 1 … 5 (a factor 2 per level). */
export const PRIORITY_WEIGHT = [16, 8, 4, 2, 1] as const;
/** Gain factor of emergency requests: they come before everything else. */
export const EMERGENCY_FACTOR = 100;
/** Shift of the extra imaging times of an agile window around its best time, s. */
const AGILE_SHIFT_S = 25;
/** Delivery is searched this long after the horizon, ms. */
const DELIVERY_LOOKAHEAD_MS = 24 * 3600_000;

/** Why a request or occurrence has no (or fewer) options: stable codes. */
export type LimitCode =
  | 'outside-horizon'
  | 'no-satellite-of-type'
  | 'no-access'
  | 'off-nadir'
  | 'sun'
  | 'agility'
  | 'window-too-short'
  | 'too-large'
  | 'conflicts'
  | 'memory-or-duty'
  | 'no-downlink';

export interface Item {
  readonly request: number;
  readonly occurrence: number;
  readonly family: TrackFamily;
  readonly strip: AoiStrip;
  readonly stripId: string;
  /** Gain when acquired alone: priority weight × emergency factor × strip fraction. */
  readonly gain: number;
}

export type { Downlink } from './downlinks.js';

export interface SatModel {
  readonly id: string;
  readonly spec: ScenarioSatellite;
  readonly periodMs: number;
  readonly downlinks: readonly Downlink[];
  /** Capacity of segment j (j = downlinks.length: after the last culmination), Gb. */
  readonly segCap: Float64Array;
  /** Option indices of this satellite sorted by start time. */
  readonly options: Int32Array;
}

export interface RequestModel {
  readonly id: string;
  readonly nation: PlanRequestNation;
  readonly weight: number;
  readonly emergency: boolean;
  /**
   * Occurrences in the horizon; `index` counts recurrence periods from the window start;
   * `items` its strips (all families), atoms `atomStart … atomEnd − 1` its sample cells.
   */
  readonly occurrences: readonly {
    readonly index: number;
    readonly startMs: number;
    readonly endMs: number;
    readonly items: readonly number[];
    readonly atomStart: number;
    readonly atomEnd: number;
  }[];
  readonly limits: ReadonlySet<LimitCode>;
  /** The same, per satellite id (why some of its passes or strips are excluded). */
  readonly satLimits: ReadonlyMap<string, ReadonlySet<LimitCode>>;
}

export interface PlanModel {
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly endMs: number;
  readonly sats: readonly SatModel[];
  readonly requests: readonly RequestModel[];
  readonly items: readonly Item[];
  /**
   * Sample cells ("atoms"): the AOI samples of an occurrence grouped by the strips (one per
   * family) that hold them. An occurrence's value is Σ gain of the atoms covered by at least
   * one acquired strip; `atomShare` is the atom's share of the AOI's samples.
   */
  readonly atomGain: Float64Array;
  readonly atomShare: Float64Array;
  /** Atoms of each item (CSR). */
  readonly itemAtomStart: Int32Array;
  readonly itemAtom: Int32Array;
  readonly optionCount: number;
  readonly optItem: Int32Array;
  readonly optSat: Int32Array;
  readonly optStart: Float64Array;
  readonly optEnd: Float64Array;
  readonly optRoll: Float64Array;
  readonly optPitch: Float64Array;
  readonly optOffNadir: Float64Array;
  readonly optVolume: Float64Array;
  readonly optSeg: Int32Array;
  readonly optOrbit: Int32Array;
  /** Options of each item (CSR). */
  readonly itemOptStart: Int32Array;
  readonly itemOpt: Int32Array;
}

/** Whether a satellite's sensor serves a request's sensor type. */
export function serves(sensor: Sensor, type: ScenarioRequest['sensorType']): boolean {
  if (type === 'any') return true;
  if (type === 'sar') return sensor.kind === 'sar';
  return sensor.kind !== 'sar';
}

/** Pass direction from an Earth-fixed state: ascending when the latitude grows. */
function directionOf(st: ArrayLike<number>): 'A' | 'D' {
  const x = st[0]!;
  const y = st[1]!;
  const z = st[2]!;
  const r2 = x * x + y * y + z * z;
  const rv = x * st[3]! + y * st[4]! + z * st[5]!;
  return st[5]! * r2 - z * rv >= 0 ? 'A' : 'D';
}

function swathOf(sensor: Sensor): number {
  return sensor.swathKm ?? 20;
}

/** Occurrences of a request inside [startMs, endMs]: its window, cut by the recurrence period. */
export function occurrencesOf(
  q: ScenarioRequest,
  startMs: number,
  endMs: number,
): Array<{ index: number; startMs: number; endMs: number }> {
  const ws = Date.parse(q.window.start);
  const we = Date.parse(q.window.end);
  const period = q.recurrence ? q.recurrence.everyDays * 86_400_000 : we - ws;
  const out: Array<{ index: number; startMs: number; endMs: number }> = [];
  for (let k = 0; ws + k * period < we && k < 10_000; k++) {
    const a = Math.max(startMs, ws + k * period);
    const b = Math.min(endMs, we, ws + (k + 1) * period);
    if (b > a) out.push({ index: k, startMs: a, endMs: b });
  }
  return out;
}

interface RawOption {
  item: number;
  sat: number;
  start: number;
  end: number;
  roll: number;
  pitch: number;
  offNadir: number;
  volume: number;
  seg: number;
  orbit: number;
}

/** Builds the model (geometry, access windows, passes): the slow part, about a second per 1000 requests. */
export function buildModel(s: Scenario, onProgress?: (fraction: number) => void): PlanModel {
  const startMs = Date.parse(s.start);
  const endMs = startMs + s.horizonH * 3600_000;
  const stations: GroundStation[] = s.stations.map((st) => ({ ...st, nation: '' }));
  const items: Item[] = [];
  const limits = s.requests.map(() => new Set<LimitCode>());
  const satLimits = s.requests.map(() => new Map<string, Set<LimitCode>>());
  const eligible = s.requests.map((q) =>
    s.satellites.map(
      (sat) =>
        serves(sat.sensor, q.sensorType) && (!q.satelliteIds || q.satelliteIds.includes(sat.id)),
    ),
  );
  const reqModels: RequestModel[] = [];
  const elements = s.satellites.map((sat) => {
    const el = decodeTle(sat.tle[0], sat.tle[1], sat.name ?? sat.id);
    if ('message' in el) throw new RangeError(`satellite ${sat.id}: ${el.message}`);
    return el;
  });
  // items: occurrence × family × strip; atoms: occurrence × distinct strip signature of samples
  const itemTargets: PreparedTarget[] = [];
  const atomGain: number[] = [];
  const atomShare: number[] = [];
  const itemAtoms: number[][] = [];
  s.requests.forEach((q, r) => {
    const satIdx = s.satellites.map((_, k) => k).filter((k) => eligible[r]![k]);
    if (satIdx.length === 0) limits[r]!.add('no-satellite-of-type');
    const { families, cuts, atomCount, stripAtoms } = requestStrips(
      q.aoi as unknown as AoiGeometry,
      satIdx.map((k) => ({
        index: k,
        el: elements[k]!,
        swathKm: swathOf(s.satellites[k]!.sensor),
      })),
    );
    const nSamples = atomCount.reduce((a, b) => a + b, 0);
    const occ = occurrencesOf(q, startMs, endMs);
    if (occ.length === 0) limits[r]!.add('outside-horizon');
    const weight = PRIORITY_WEIGHT[q.priority - 1]! * (q.emergency ? EMERGENCY_FACTOR : 1);
    reqModels.push({
      id: q.id,
      nation: q.nation,
      weight,
      emergency: q.emergency ?? false,
      limits: limits[r]!,
      satLimits: satLimits[r]!,
      occurrences: occ.map((o, k) => {
        const base = atomGain.length;
        for (const c of atomCount) {
          atomShare.push(c / nSamples);
          atomGain.push((weight * c) / nSamples);
        }
        const ids: number[] = [];
        families.forEach((f, fi) => {
          for (const st of cuts[fi]!.strips) {
            ids.push(items.length);
            items.push({
              request: r,
              occurrence: k,
              family: f,
              strip: st,
              stripId: `${q.id}#${o.index}/${f.key}/${st.index}`,
              gain: weight * st.fraction,
            });
            itemAtoms.push(stripAtoms[fi]!.get(st.index)!.map((a) => base + a));
            itemTargets.push(
              prepareTarget(`${items.length - 1}`, {
                latitudeDeg: st.centreLatDeg,
                longitudeDeg: st.centreLonDeg,
                altitudeKm: 0,
              }),
            );
          }
        });
        return { ...o, items: ids, atomStart: base, atomEnd: atomGain.length };
      }),
    });
  });

  const raw: RawOption[] = [];
  const sats: SatModel[] = [];
  const scratch = new Float64Array(6);
  s.satellites.forEach((sat, si) => {
    const prop = createPropagator(elements[si]!);
    const periodMs = prop.periodMin * 60_000;
    const downlinks = downlinkWindows(
      prop,
      stations,
      startMs,
      endMs + DELIVERY_LOOKAHEAD_MS,
      sat.downlinkRateMbps,
    );
    const segCap = new Float64Array(downlinks.length + 1);
    downlinks.forEach((d, j) => (segCap[j] = Math.min(sat.memoryGb, d.capacityGb)));
    segCap[downlinks.length] = sat.memoryGb;
    const tcas = downlinks.map((d) => d.tcaMs);
    const segOf = (t: number): number => {
      let lo = 0;
      let hi = tcas.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tcas[mid]! >= t) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };

    const mine: number[] = [];
    s.requests.forEach((_, r) => {
      if (eligible[r]![si])
        for (const o of reqModels[r]!.occurrences)
          for (const i of o.items) if (items[i]!.family.satellites.includes(si)) mine.push(i);
    });
    if (mine.length > 0) {
      const track = sampleTrack(prop, startMs - 600_000, endMs + 600_000);
      // one access search per distinct strip centre (to 0.01°, ~1 km: the windows' times are
      // then refined by the pointing at each strip's own centre below)
      const targetOf = new Int32Array(mine.length);
      const unique: PreparedTarget[] = [];
      const byKey = new Map<string, number>();
      mine.forEach((i, k) => {
        const st = items[i]!.strip;
        const key = `${st.centreLatDeg.toFixed(2)},${st.centreLonDeg.toFixed(2)}`;
        let u = byKey.get(key);
        if (u === undefined) {
          u = unique.length;
          byKey.set(key, u);
          unique.push(itemTargets[i]!);
        }
        targetOf[k] = u;
      });
      const targets = mine.map((i) => itemTargets[i]!);
      const windows = findAccessWindows(track, sat.sensor, unique, {
        startMs,
        endMs,
        toleranceS: 0.5,
      });
      const agile = sat.sensor.kind === 'optical';
      const sensorSun = sat.sensor.kind === 'sar' ? null : (sat.sensor.minSunElevationDeg ?? null);
      mine.forEach((it, k) => {
        const item = items[it]!;
        const q = s.requests[item.request]!;
        const occ = reqModels[item.request]!.occurrences[item.occurrence]!;
        const lim = limits[item.request]!;
        const satLim = satLimits[item.request]!;
        const note = (c: LimitCode): void => {
          lim.add(c);
          let set = satLim.get(sat.id);
          if (!set) satLim.set(sat.id, (set = new Set()));
          set.add(c);
        };
        // only the passes of the family's direction image its strips
        const ws = windows[targetOf[k]!]!.filter(
          (w) =>
            stateAt(track, w.bestMs, scratch) && directionOf(scratch) === item.family.direction,
        );
        if (ws.length === 0) note('no-access');
        const maxOff = Math.min(
          q.maxOffNadirDeg ?? 90,
          agile ? (sat.sensor as { maxOffNadirDeg: number }).maxOffNadirDeg : 90,
        );
        const minSun =
          sat.sensor.kind === 'sar'
            ? null
            : Math.max(sensorSun ?? -90, q.minSunElevationDeg ?? -90);
        for (const w of ws) {
          const centres = [w.bestMs];
          if (agile) {
            if (w.bestMs - AGILE_SHIFT_S * 1000 >= w.startMs)
              centres.push(w.bestMs - AGILE_SHIFT_S * 1000);
            if (w.bestMs + AGILE_SHIFT_S * 1000 <= w.endMs)
              centres.push(w.bestMs + AGILE_SHIFT_S * 1000);
          }
          for (const tc of centres) {
            if (!stateAt(track, tc, scratch)) continue;
            const pt = pointingAt(scratch, targets[k]!);
            const durMs = (item.strip.lengthKm / pt.groundSpeedKmS) * 1000;
            const a = tc - durMs / 2;
            const b = tc + durMs / 2;
            if (a < occ.startMs || b > occ.endMs) {
              note('window-too-short');
              continue;
            }
            if (pt.offNadirDeg > maxOff) {
              note('off-nadir');
              continue;
            }
            if (
              Math.abs(pt.rollDeg) > sat.agility.maxRollDeg ||
              Math.abs(pt.pitchDeg) > sat.agility.maxPitchDeg
            ) {
              note('agility');
              continue;
            }
            if (
              minSun !== null &&
              minSun > -90 &&
              sunElevationAtDeg(track, targets[k]!, tc) < minSun
            ) {
              note('sun');
              continue;
            }
            const volume = (sat.dataRateMbps * (Math.round(b) - Math.round(a))) / 1e6;
            const seg = segOf(Math.round(b));
            if (
              (Math.round(b) - Math.round(a)) / 1000 > sat.maxImagingSPerOrbit ||
              volume > segCap[seg]!
            ) {
              note('too-large');
              continue;
            }
            raw.push({
              item: it,
              sat: si,
              start: Math.round(a),
              end: Math.round(b),
              roll: pt.rollDeg,
              pitch: pt.pitchDeg,
              offNadir: pt.offNadirDeg,
              volume,
              seg,
              orbit: Math.floor((Math.round(a) - startMs) / periodMs),
            });
          }
        }
      });
    }
    sats.push({ id: sat.id, spec: sat, periodMs, downlinks, segCap, options: new Int32Array(0) });
    onProgress?.((si + 1) / s.satellites.length);
  });

  const n = raw.length;
  const f64 = (f: (o: RawOption) => number): Float64Array => Float64Array.from(raw, f);
  const i32 = (f: (o: RawOption) => number): Int32Array => Int32Array.from(raw, f);
  const optStart = f64((o) => o.start);
  const optSat = i32((o) => o.sat);
  const optItem = i32((o) => o.item);
  const satModels = sats.map((sm, si) => {
    const ids: number[] = [];
    for (let o = 0; o < n; o++) if (optSat[o] === si) ids.push(o);
    ids.sort((a, b) => optStart[a]! - optStart[b]!);
    return { ...sm, options: Int32Array.from(ids) };
  });
  const itemOptStart = new Int32Array(items.length + 1);
  for (let o = 0; o < n; o++) itemOptStart[optItem[o]! + 1]!++;
  for (let i = 0; i < items.length; i++) itemOptStart[i + 1]! += itemOptStart[i]!;
  const fill = itemOptStart.slice(0, items.length);
  const itemOpt = new Int32Array(n);
  for (let o = 0; o < n; o++) itemOpt[fill[optItem[o]!]!++] = o;
  const itemAtomStart = new Int32Array(items.length + 1);
  itemAtoms.forEach((l, i) => (itemAtomStart[i + 1] = itemAtomStart[i]! + l.length));
  return {
    scenario: s,
    startMs,
    endMs,
    sats: satModels,
    requests: reqModels,
    items,
    atomGain: Float64Array.from(atomGain),
    atomShare: Float64Array.from(atomShare),
    itemAtomStart,
    itemAtom: Int32Array.from(itemAtoms.flat()),
    optionCount: n,
    optItem,
    optSat,
    optStart,
    optEnd: f64((o) => o.end),
    optRoll: f64((o) => o.roll),
    optPitch: f64((o) => o.pitch),
    optOffNadir: f64((o) => o.offNadir),
    optVolume: f64((o) => o.volume),
    optSeg: i32((o) => o.seg),
    optOrbit: i32((o) => o.orbit),
    itemOptStart,
    itemOpt,
  };
}
