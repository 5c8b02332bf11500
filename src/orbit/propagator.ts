/**
 * SGP4/SDP4 propagation through satellite.js (a port of Vallado's reference code; WGS-72
 * constants, "improved" operation mode). Propagation failures are data, not exceptions: each
 * result carries SGP4's error code.
 */
import { type SatRec, json2satrec, sgp4, twoline2satrec } from 'satellite.js';
import type { Instant } from '../core/time.js';
import { julianDateUtc } from '../core/time.js';
import { MS_PER_MIN } from '../core/units.js';
import { type TemeVec, teme } from '../core/vector.js';
import { type ElementSet, isDeepSpace, periodMinutes } from './element-set.js';
import { formatTle } from './tle-lines.js';

/** SGP4 error codes (Vallado 2006). */
export const SGP4_ERRORS = {
  1: 'mean eccentricity out of range 0 ≤ e < 1, or mean motion/semi-major axis invalid',
  2: 'mean motion below zero',
  3: 'perturbed eccentricity out of range 0 ≤ e ≤ 1',
  4: 'semi-latus rectum below zero',
  5: 'epoch elements are sub-orbital',
  6: 'satellite has decayed',
} as const;

export type Sgp4ErrorCode = keyof typeof SGP4_ERRORS;

/** A TEME state (km, km/s), or the SGP4 error that prevented it. */
export type PropagationResult =
  | { readonly ok: true; readonly positionKm: TemeVec; readonly velocityKmS: TemeVec }
  | { readonly ok: false; readonly errorCode: Sgp4ErrorCode; readonly message: string };

/** A ready-to-use SGP4 propagator for one element set. */
export interface Propagator {
  readonly elements: ElementSet;
  readonly deepSpace: boolean;
  readonly periodMin: number;
  /** SGP4's initialisation error code, 0 when initialisation succeeded. */
  readonly initErrorCode: number;
  /** State at minutes since epoch. */
  atMinutesSinceEpoch(tsinceMin: number): PropagationResult;
  /** State at an instant (UTC ms). */
  at(t: Instant): PropagationResult;
  /** The satellite.js record, for bulk (WebAssembly) propagation. */
  readonly satrec: SatRec;
}

const DAY_MS = 86_400_000;

/**
 * Builds the satellite.js record for an element set. When the element set is exactly what a TLE
 * can hold (anything read from a TLE), SGP4 is initialised from the TLE lines, as Vallado's code
 * is, reproducing the reference output bit for bit. Otherwise (an OMM with more digits) it goes
 * through json2satrec, whose epoch passes through a Date (1 ms resolution): the exact epoch is
 * restored for propagation times, and only the deep-space initialisation sees the rounded one
 * (an effect below a millimetre).
 */
export function toSatrec(el: ElementSet): SatRec {
  let lines: [string, string] | null;
  try {
    lines = formatTle(el);
  } catch {
    lines = null; // a value a TLE cannot hold: use the OMM route
  }
  if (lines) {
    const satrec = twoline2satrec(lines[0], lines[1]);
    if (sameElements(satrec, el)) return satrec;
  }
  const epochRounded = new Date(Math.round(el.epochMs)).toISOString();
  const satrec = json2satrec(
    {
      OBJECT_NAME: el.name,
      OBJECT_ID: el.objectId,
      EPOCH: epochRounded,
      MEAN_MOTION: el.meanMotionRevPerDay,
      ECCENTRICITY: el.eccentricity,
      INCLINATION: el.inclinationDeg,
      RA_OF_ASC_NODE: el.raanDeg,
      ARG_OF_PERICENTER: el.argPerigeeDeg,
      MEAN_ANOMALY: el.meanAnomalyDeg,
      EPHEMERIS_TYPE: 0,
      CLASSIFICATION_TYPE: 'U',
      NORAD_CAT_ID: el.catalogNumber,
      ELEMENT_SET_NO: el.elementSetNumber,
      REV_AT_EPOCH: el.revolutionNumber,
      BSTAR: el.bstar,
      MEAN_MOTION_DOT: el.meanMotionDot,
      MEAN_MOTION_DDOT: el.meanMotionDdot,
    },
    'i',
  );
  const mutable = satrec as { jdsatepoch: number; epochdays: number };
  mutable.jdsatepoch = julianDateUtc(el.epochMs);
  mutable.epochdays = el.epochDayOfYear;
  return satrec;
}

const XPDOTP = 1440 / (2 * Math.PI);

/** True when the record initialised from TLE lines carries exactly the element set's values. */
function sameElements(s: SatRec, el: ElementSet): boolean {
  return (
    s.epochdays === el.epochDayOfYear &&
    s.epochyr === el.epochYear % 100 &&
    // satrec.no is replaced by the un-Kozai'd value during initialisation: compare the text.
    Number(el.meanMotionRevPerDay.toFixed(8)) === el.meanMotionRevPerDay &&
    s.ecco === el.eccentricity &&
    s.inclo === el.inclinationDeg * DEG2RAD &&
    s.nodeo === el.raanDeg * DEG2RAD &&
    s.argpo === el.argPerigeeDeg * DEG2RAD &&
    s.mo === el.meanAnomalyDeg * DEG2RAD &&
    s.bstar === el.bstar &&
    s.ndot === el.meanMotionDot / (XPDOTP * 1440) &&
    s.nddot === el.meanMotionDdot / (XPDOTP * 1440 * 1440)
  );
}

const DEG2RAD = Math.PI / 180;

/** Creates a propagator. Never throws: an initialisation failure shows in `initErrorCode`. */
export function createPropagator(el: ElementSet): Propagator {
  const satrec = toSatrec(el);
  const epochMs = el.epochMs;
  const initErrorCode = satrec.error as number;
  const atMinutesSinceEpoch = (tsinceMin: number): PropagationResult => {
    const pv = sgp4(satrec, tsinceMin);
    const code = satrec.error as number;
    if (!pv || code !== 0) {
      const errorCode = (code || 1) as Sgp4ErrorCode;
      return { ok: false, errorCode, message: SGP4_ERRORS[errorCode] ?? `SGP4 error ${code}` };
    }
    const p = pv.position;
    const v = pv.velocity;
    return { ok: true, positionKm: teme(p.x, p.y, p.z), velocityKmS: teme(v.x, v.y, v.z) };
  };
  return {
    elements: el,
    deepSpace: isDeepSpace(el),
    periodMin: periodMinutes(el),
    initErrorCode,
    satrec,
    atMinutesSinceEpoch,
    at: (t: Instant) => atMinutesSinceEpoch((t - epochMs) / MS_PER_MIN),
  };
}

/** Days between two instants, for epoch-age checks. */
export function daysBetween(a: Instant, b: Instant): number {
  return (b - a) / DAY_MS;
}
