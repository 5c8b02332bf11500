/**
 * verifyPlan: an independent check of a plan against its scenario. It re-derives everything it
 * needs with its own code (sky.ts, strips.ts): strips and their fractions, the satellite's
 * position from the TLE, off-nadir/roll/pitch/incidence, sun elevation, station elevation, and
 * it replays each satellite's timeline (slew, duty per orbit, recorder level over time,
 * downlinks). It shares no code with the planner, so a planner bug cannot hide itself.
 *
 * Tolerances: angles recomputed vs reported 0.1° (the planner interpolates a 60 s track);
 * limits 0.05°; sun 0.3° (low-precision Sun); times 1 ms (ISO strings carry ms); volumes and
 * fractions 1e-6 relative; strip heading vs ground track 3°.
 */
import {
  ecefAt,
  elevationDeg,
  groundPoint,
  look,
  periodMsOf,
  satrecOf,
  sunElevationDeg,
  trackHeadingDeg,
} from './sky.js';
import { type VSampling, type VStrip, samplesOf, stripOf } from './strips.js';
import type { SatRec } from 'satellite.js';

/** Minimal shapes (the verifier does not import the planner's types). */
interface Sensor {
  kind: 'optical' | 'sar' | 'nadir';
  swathKm?: number;
  maxOffNadirDeg?: number;
  minSunElevationDeg?: number;
  incidenceNearDeg?: number;
  incidenceFarDeg?: number;
  lookSide?: 'left' | 'right' | 'both';
  maxIncidenceDeg?: number;
}
interface Sat {
  id: string;
  tle: [string, string];
  sensor: Sensor;
  agility: { maxRollDeg: number; maxPitchDeg: number; slewRateDegS: number; settlingS: number };
  memoryGb: number;
  downlinkRateMbps: number;
  dataRateMbps: number;
  maxImagingSPerOrbit: number;
}
interface Req {
  id: string;
  nation: string;
  priority: number;
  aoi: unknown;
  window: { start: string; end: string };
  sensorType: 'optical' | 'sar' | 'any';
  maxOffNadirDeg?: number;
  minSunElevationDeg?: number;
  recurrence?: { everyDays: number };
  emergency?: boolean;
  satelliteIds?: string[];
}
interface Scn {
  start: string;
  horizonH: number;
  satellites: Sat[];
  stations: Array<{
    id: string;
    latitudeDeg: number;
    longitudeDeg: number;
    altitudeM: number;
    minElevationDeg: number;
  }>;
  requests: Req[];
}
interface Acq {
  id: string;
  satelliteId: string;
  requestId: string;
  stripId: string;
  start: string;
  end: string;
  offNadirDeg: number;
  rollDeg: number;
  pitchDeg: number;
  volumeGb: number;
  fraction: number;
}
interface Dl {
  satelliteId: string;
  stationId: string;
  start: string;
  end: string;
  volumeGb: number;
  acquisitionIds: string[];
}
interface PlanLike {
  start: string;
  end: string;
  value: number;
  acquisitions: Acq[];
  downlinks: Dl[];
  requests: Array<{
    requestId: string;
    status: string;
    fraction: number;
    deliveryAt: string | null;
  }>;
  nations: Record<string, { value: number }>;
}

export interface PlanViolation {
  readonly constraint: string;
  readonly where: string;
  readonly message: string;
}

const WEIGHT: Record<number, number> = { 1: 16, 2: 8, 3: 4, 4: 2, 5: 1 };
const EMERGENCY = 100;
const ANGLE_TOL = 0.1;
const LIMIT_TOL = 0.05;
const SUN_TOL = 0.3;
const MS_TOL = 1;
const REL = 1e-6;
/**
 * Largest angle between a strip's heading and the satellite's ground track during its
 * acquisition, degrees: satellites whose tracks differ by up to 2° share strips (docs/planner.md),
 * plus margin for the planner's circular-orbit heading formula.
 */
const HEADING_TOL = 3;

const relClose = (a: number, b: number): boolean =>
  Math.abs(a - b) <= REL * (1 + Math.abs(a) + Math.abs(b));

/**
 * Checks every constraint of `plan` against `scenario`; never throws on a bad plan (a
 * malformed one gives `format` violations).
 */
export function verifyPlan(
  scenario: unknown,
  plan: unknown,
): { valid: boolean; violations: PlanViolation[] } {
  const out: PlanViolation[] = [];
  const bad = (constraint: string, where: string, message: string): void => {
    if (out.length < 10_000) out.push({ constraint, where, message });
  };
  const s = scenario as Scn;
  const p = plan as PlanLike;
  if (
    !p ||
    !Array.isArray(p.acquisitions) ||
    !Array.isArray(p.downlinks) ||
    !Array.isArray(p.requests)
  ) {
    bad('format', 'plan', 'a plan needs acquisitions, downlinks and requests arrays');
    return { valid: false, violations: out };
  }
  const t0 = Date.parse(s.start);
  const t1 = t0 + s.horizonH * 3_600_000;
  const sats = new Map(s.satellites.map((x) => [x.id, x]));
  const recs = new Map<string, SatRec>();
  for (const x of s.satellites) recs.set(x.id, satrecOf(x.tle[0], x.tle[1]));
  const reqs = new Map(s.requests.map((r) => [r.id, r]));
  const sampleCache = new Map<string, VSampling>();
  const stripCache = new Map<string, VStrip | undefined>();
  const servesType = (sen: Sensor, t: string): boolean =>
    t === 'any' || (t === 'sar' ? sen.kind === 'sar' : sen.kind !== 'sar');
  const samplingOf = (r: Req): VSampling => {
    let m = sampleCache.get(r.id);
    if (!m) {
      const widths = s.satellites
        .filter(
          (x) =>
            servesType(x.sensor, r.sensorType) &&
            (!r.satelliteIds || r.satelliteIds.includes(x.id)),
        )
        .map((x) => x.sensor.swathKm ?? 20);
      m = samplesOf(r.aoi, widths.length ? Math.min(...widths) : 20);
      sampleCache.set(r.id, m);
    }
    return m;
  };
  const stripFor = (r: Req, heading: number, width: number, band: number): VStrip | undefined => {
    const key = `${r.id} ${heading} ${width} ${band}`;
    if (!stripCache.has(key)) stripCache.set(key, stripOf(samplingOf(r), heading, width, band));
    return stripCache.get(key);
  };
  // samples covered per request occurrence (the union of its acquired strips)
  const covered = new Map<string, Set<number>>();
  const occWindow = (r: Req, k: number): [number, number] | null => {
    const ws = Date.parse(r.window.start);
    const we = Date.parse(r.window.end);
    const per = r.recurrence ? r.recurrence.everyDays * 86_400_000 : we - ws;
    const a = ws + k * per;
    if (!(a < we)) return null;
    return [Math.max(a, t0), Math.min(we, a + per, t1)];
  };

  // --- each acquisition on its own
  const ids = new Set<string>();
  const seenStrip = new Map<string, string>();
  const good: Acq[] = [];
  const reqFrac = new Map<string, number>();
  for (const a of p.acquisitions) {
    const w = `acquisition ${a.id}`;
    if (ids.has(a.id)) bad('format', w, 'duplicate acquisition id');
    ids.add(a.id);
    const sat = sats.get(a.satelliteId);
    const r = reqs.get(a.requestId);
    if (!sat) {
      bad('unknown-satellite', w, `unknown satellite "${a.satelliteId}"`);
      continue;
    }
    if (!r) {
      bad('unknown-request', w, `unknown request "${a.requestId}"`);
      continue;
    }
    const a0 = Date.parse(a.start);
    const a1 = Date.parse(a.end);
    if (!(a1 > a0)) {
      bad('format', w, 'end must be after start');
      continue;
    }
    // <request>#<occurrence>/<A|D><heading>w<width>/<band>
    const m = /^(.*)#(\d+)\/([AD])(\d+(?:\.\d+)?)w(\d+(?:\.\d+)?)\/(\d+)$/.exec(a.stripId);
    const heading = m ? Number(m[4]) : NaN;
    const width = m ? Number(m[5]) : NaN;
    const strip =
      m && m[1] === r.id && heading < 360 && width > 0
        ? stripFor(r, heading, width, Number(m[6]))
        : undefined;
    if (!m || !strip) {
      bad('strip', w, `"${a.stripId}" is not a strip of request ${r.id}`);
      continue;
    }
    if (Math.abs(width - (sat.sensor.swathKm ?? 20)) > 1e-9)
      bad(
        'strip',
        w,
        `strip ${width} km wide but ${sat.id} has a ${sat.sensor.swathKm ?? 20} km swath`,
      );
    if ((m[3] === 'A') !== Math.cos((heading * Math.PI) / 180) > 0)
      bad(
        'strip',
        w,
        `strip heading ${heading}° is not ${m[3] === 'A' ? 'northward' : 'southward'}`,
      );
    if (seenStrip.has(a.stripId))
      bad('duplicate', w, `strip ${a.stripId} is also acquired by ${seenStrip.get(a.stripId)}`);
    seenStrip.set(a.stripId, a.id);
    if (!servesType(sat.sensor, r.sensorType))
      bad('sensor-type', w, `${sat.id} has no ${r.sensorType} sensor`);
    if (r.satelliteIds && !r.satelliteIds.includes(sat.id))
      bad('sensor-type', w, `request ${r.id} is restricted to ${r.satelliteIds.join(', ')}`);
    const occ = occWindow(r, Number(m[2]));
    if (!occ || a0 < occ[0] - MS_TOL || a1 > occ[1] + MS_TOL)
      bad(
        'window',
        w,
        `[${a.start}, ${a.end}] is outside occurrence ${m[2]} of the request window within the horizon`,
      );
    if (Math.abs(a.fraction - strip.fraction) > 1e-6)
      bad('fraction', w, `fraction ${a.fraction} but the strip holds ${strip.fraction.toFixed(6)}`);
    // geometry at mid-time
    const tm = (a0 + a1) / 2;
    const st = ecefAt(recs.get(sat.id)!, tm);
    if (!st) {
      bad('geometry', w, 'SGP4 fails at the acquisition time');
      continue;
    }
    const lk = look(st, groundPoint(strip.lat, strip.lon));
    const track = trackHeadingDeg(recs.get(sat.id)!, tm);
    if (track !== null) {
      const off = Math.abs(((track - heading + 540) % 360) - 180);
      if (off > HEADING_TOL)
        bad(
          'strip-heading',
          w,
          `strip along ${heading}° but ${sat.id}'s ground track heads ${track.toFixed(2)}°`,
        );
    }
    if (Math.abs(lk.offNadirDeg - a.offNadirDeg) > ANGLE_TOL)
      bad(
        'geometry',
        w,
        `reported off-nadir ${a.offNadirDeg}° but the target is at ${lk.offNadirDeg.toFixed(3)}°`,
      );
    if (
      Math.abs(lk.rollDeg - a.rollDeg) > ANGLE_TOL ||
      Math.abs(lk.pitchDeg - a.pitchDeg) > ANGLE_TOL
    )
      bad(
        'attitude',
        w,
        `reported roll/pitch ${a.rollDeg}°/${a.pitchDeg}° but pointing needs ${lk.rollDeg.toFixed(3)}°/${lk.pitchDeg.toFixed(3)}°`,
      );
    if (
      Math.abs(a.rollDeg) > sat.agility.maxRollDeg + LIMIT_TOL ||
      Math.abs(a.pitchDeg) > sat.agility.maxPitchDeg + LIMIT_TOL
    )
      bad(
        'agility',
        w,
        `roll/pitch ${a.rollDeg}°/${a.pitchDeg}° beyond ${sat.agility.maxRollDeg}°/${sat.agility.maxPitchDeg}°`,
      );
    const sen = sat.sensor;
    const maxOff = Math.min(
      r.maxOffNadirDeg ?? 90,
      sen.kind === 'optical' ? (sen.maxOffNadirDeg ?? 90) : 90,
    );
    if (lk.offNadirDeg > maxOff + LIMIT_TOL)
      bad('off-nadir', w, `off-nadir ${lk.offNadirDeg.toFixed(2)}° > ${maxOff}°`);
    if (
      sen.kind === 'optical' &&
      sen.maxIncidenceDeg !== undefined &&
      lk.incidenceDeg > sen.maxIncidenceDeg + LIMIT_TOL
    )
      bad('incidence', w, `incidence ${lk.incidenceDeg.toFixed(2)}° > ${sen.maxIncidenceDeg}°`);
    if (sen.kind === 'sar') {
      if (
        lk.incidenceDeg < (sen.incidenceNearDeg ?? 0) - 0.2 ||
        lk.incidenceDeg > (sen.incidenceFarDeg ?? 90) + 0.2
      )
        bad(
          'incidence',
          w,
          `incidence ${lk.incidenceDeg.toFixed(2)}° outside [${sen.incidenceNearDeg}, ${sen.incidenceFarDeg}]°`,
        );
      const side = lk.rollDeg >= 0 ? 'right' : 'left';
      if (sen.lookSide && sen.lookSide !== 'both' && sen.lookSide !== side)
        bad('incidence', w, `looks ${side} but the radar looks ${sen.lookSide}`);
    }
    if (
      sen.kind === 'nadir' &&
      Math.abs(Math.tan((lk.rollDeg * Math.PI) / 180)) * 600 > (sen.swathKm ?? 0) * 2
    )
      bad('off-nadir', w, 'a nadir imager cannot point sideways this far');
    if (sen.kind !== 'sar') {
      const minSun = Math.max(sen.minSunElevationDeg ?? -90, r.minSunElevationDeg ?? -90);
      const sun = sunElevationDeg(strip.lat, strip.lon, tm);
      if (minSun > -90 && sun < minSun - SUN_TOL)
        bad('sun', w, `sun elevation ${sun.toFixed(2)}° < ${minSun}°`);
    }
    const needS = strip.lengthKm / lk.groundSpeedKmS;
    if ((a1 - a0) / 1000 < needS * 0.99)
      bad(
        'duration',
        w,
        `${((a1 - a0) / 1000).toFixed(2)} s is too short to image ${strip.lengthKm.toFixed(1)} km (${needS.toFixed(2)} s)`,
      );
    const vol = (sat.dataRateMbps * (a1 - a0)) / 1e6;
    if (!relClose(vol, a.volumeGb) && a.volumeGb < vol)
      bad('volume', w, `volume ${a.volumeGb} Gb < ${vol.toFixed(6)} Gb imaged`);
    const occKey = `${r.id}#${m[2]}`;
    const cov = covered.get(occKey) ?? new Set<number>();
    for (const k of strip.samples) cov.add(k);
    covered.set(occKey, cov);
    good.push(a);
  }

  // --- per satellite: order, slew, duty
  const bySat = new Map<string, Acq[]>();
  for (const a of good) bySat.set(a.satelliteId, [...(bySat.get(a.satelliteId) ?? []), a]);
  for (const [sid, list] of bySat) {
    const sat = sats.get(sid)!;
    list.sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
    for (let k = 1; k < list.length; k++) {
      const x = list[k - 1]!;
      const y = list[k]!;
      const ang = Math.hypot(y.rollDeg - x.rollDeg, y.pitchDeg - x.pitchDeg);
      const need = (ang / sat.agility.slewRateDegS + sat.agility.settlingS) * 1000;
      const gap = Date.parse(y.start) - Date.parse(x.end);
      if (gap < need - MS_TOL)
        bad(
          'slew',
          `${x.id} → ${y.id}`,
          `${(gap / 1000).toFixed(3)} s between them, the slew of ${ang.toFixed(2)}° needs ${(need / 1000).toFixed(3)} s`,
        );
    }
    const per = periodMsOf(sat.tle[1]);
    const duty = new Map<number, number>();
    for (const a of list) {
      const k = Math.floor((Date.parse(a.start) - t0) / per);
      duty.set(k, (duty.get(k) ?? 0) + (Date.parse(a.end) - Date.parse(a.start)) / 1000);
    }
    for (const [k, d] of duty)
      if (d > sat.maxImagingSPerOrbit + 1e-3)
        bad(
          'duty',
          `${sid} orbit ${k}`,
          `${d.toFixed(2)} s of imaging > ${sat.maxImagingSPerOrbit} s per orbit`,
        );
  }

  // --- downlinks
  const acqById = new Map(good.map((a) => [a.id, a]));
  const dumped = new Map<string, number>();
  const stations = new Map(s.stations.map((x) => [x.id, x]));
  const dlBySat = new Map<string, Dl[]>();
  for (const d of p.downlinks) {
    const w = `downlink ${d.satelliteId}@${d.stationId} ${d.start}`;
    const sat = sats.get(d.satelliteId);
    const st = stations.get(d.stationId);
    if (!sat || !st) {
      bad(sat ? 'unknown-station' : 'unknown-satellite', w, 'unknown satellite or station');
      continue;
    }
    const d0 = Date.parse(d.start);
    const d1 = Date.parse(d.end);
    if (!(d1 > d0)) {
      bad('format', w, 'end must be after start');
      continue;
    }
    for (let t = d0; ; t = Math.min(d1, t + 10_000)) {
      const e = ecefAt(recs.get(sat.id)!, t);
      const el = e ? elevationDeg(st, e.r) : -90;
      if (el < st.minElevationDeg - 0.05) {
        bad(
          'downlink-visibility',
          w,
          `elevation ${el.toFixed(2)}° < ${st.minElevationDeg}° at ${new Date(t).toISOString()}`,
        );
        break;
      }
      if (t >= d1) break;
    }
    if ((d1 - d0) / 1000 < (d.volumeGb * 1000) / sat.downlinkRateMbps - MS_TOL / 1000)
      bad(
        'downlink-rate',
        w,
        `${d.volumeGb} Gb need ${((d.volumeGb * 1000) / sat.downlinkRateMbps).toFixed(2)} s at ${sat.downlinkRateMbps} Mbit/s`,
      );
    let vol = 0;
    for (const id of d.acquisitionIds) {
      const a = acqById.get(id);
      if (!a || a.satelliteId !== d.satelliteId) {
        bad('downlink-content', w, `acquisition ${id} is not an acquisition of ${d.satelliteId}`);
        continue;
      }
      if (dumped.has(id)) bad('downlink-content', w, `acquisition ${id} is dumped twice`);
      dumped.set(id, d1);
      if (Date.parse(a.end) > d0 + MS_TOL)
        bad('downlink-order', w, `acquisition ${id} ends after the downlink starts`);
      vol += a.volumeGb;
    }
    if (!relClose(vol, d.volumeGb))
      bad(
        'downlink-volume',
        w,
        `declares ${d.volumeGb} Gb, its acquisitions hold ${vol.toFixed(6)} Gb`,
      );
    dlBySat.set(d.satelliteId, [...(dlBySat.get(d.satelliteId) ?? []), d]);
  }
  for (const [sid, list] of dlBySat) {
    list.sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
    for (let k = 1; k < list.length; k++)
      if (Date.parse(list[k]!.start) < Date.parse(list[k - 1]!.end) - MS_TOL)
        bad(
          'downlink-overlap',
          `${sid} ${list[k]!.start}`,
          'two downlinks of one satellite overlap',
        );
  }

  // --- recorder level over time: + volume at acquisition start, − at the end of its downlink
  for (const [sid, list] of bySat) {
    const sat = sats.get(sid)!;
    const ev: Array<[number, number]> = [];
    for (const a of list) {
      ev.push([Date.parse(a.start), a.volumeGb]);
      const out = dumped.get(a.id);
      if (out !== undefined) ev.push([out, -a.volumeGb]);
    }
    ev.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let level = 0;
    for (const [t, dv] of ev) {
      level += dv;
      if (level > sat.memoryGb * (1 + REL) + 1e-9) {
        bad(
          'memory',
          `${sid} ${new Date(t).toISOString()}`,
          `recorder holds ${level.toFixed(3)} Gb > ${sat.memoryGb} Gb`,
        );
        break;
      }
    }
  }

  // --- claimed value and outcomes: an occurrence is worth weight × covered share of samples
  let value = 0;
  for (const [key, cov] of covered) {
    const r = reqs.get(key.slice(0, key.lastIndexOf('#')))!;
    const share = cov.size / samplingOf(r).pts.length;
    const wgt = (WEIGHT[r.priority] ?? 0) * (r.emergency ? EMERGENCY : 1);
    value += wgt * share;
    reqFrac.set(r.id, (reqFrac.get(r.id) ?? 0) + share / Math.max(1, occurrenceCount(r, t0, t1)));
  }
  if (!relClose(value, p.value) && Math.abs(value - p.value) > 1e-4)
    bad('value', 'plan', `claims value ${p.value}, the acquisitions are worth ${value.toFixed(6)}`);
  for (const ro of p.requests) {
    const f = Math.min(1, reqFrac.get(ro.requestId) ?? 0);
    if (Math.abs(f - ro.fraction) > 1e-5)
      bad(
        'request-outcome',
        `request ${ro.requestId}`,
        `claims fraction ${ro.fraction}, acquisitions give ${f.toFixed(6)}`,
      );
    const status = f >= 1 - 1e-5 ? 'planned' : f > 0 ? 'partial' : 'unplanned';
    if (status !== ro.status)
      bad(
        'request-outcome',
        `request ${ro.requestId}`,
        `claims ${ro.status}, acquisitions make it ${status}`,
      );
    if (ro.deliveryAt !== null) {
      const mine = good.filter((a) => a.requestId === ro.requestId);
      const last = Math.max(...mine.map((a) => dumped.get(a.id) ?? Infinity));
      if (!(Number.isFinite(last) && Math.abs(last - Date.parse(ro.deliveryAt)) <= MS_TOL))
        bad(
          'request-outcome',
          `request ${ro.requestId}`,
          `delivery ${ro.deliveryAt} does not match the downlinks of its acquisitions`,
        );
    }
  }
  const listed = new Set(p.requests.map((r) => r.requestId));
  for (const r of s.requests)
    if (!listed.has(r.id))
      bad('request-outcome', `request ${r.id}`, 'missing from the plan outcomes');
  return { valid: out.length === 0, violations: out };
}

function occurrenceCount(r: Req, t0: number, t1: number): number {
  const ws = Date.parse(r.window.start);
  const we = Date.parse(r.window.end);
  const per = r.recurrence ? r.recurrence.everyDays * 86_400_000 : we - ws;
  let n = 0;
  for (let k = 0; ws + k * per < we && k < 10_000; k++) {
    const a = Math.max(t0, ws + k * per);
    const b = Math.min(t1, we, ws + (k + 1) * per);
    if (b > a) n++;
  }
  return n;
}
