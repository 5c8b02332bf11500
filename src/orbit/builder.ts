/**
 * Element-set builder: from a designed orbit (mean orbital elements, or a sun-synchronous or
 * geostationary design) to an SGP4 element set that can be written as a TLE or an OMM. Planners
 * need it to study satellites not yet launched; the demo constellation in data/ is built by it.
 *
 * The semi-major axis of a design is SGP4's Brouwer mean semi-major axis; the builder converts
 * it to the Kozai mean motion that element sets carry (the inverse of SGP4's initialisation).
 */
import { ValidationError } from '../core/errors.js';
import { gmst1982 } from '../core/earth-rotation.js';
import { type Instant, yearAndDayOfYear } from '../core/time.js';
import { DEG_TO_RAD, RAD_TO_DEG, wrapDeg180, wrapDeg360 } from '../core/units.js';
import type { ElementSet } from './element-set.js';
import { createPropagator } from './propagator.js';
import { SGP4_EARTH_RADIUS_KM, SGP4_J2, SGP4_J4, SGP4_XKE } from './sgp4-constants.js';

/** What identifies the designed satellite. */
export interface DesignIdentity {
  readonly name: string;
  readonly catalogNumber: number;
  readonly objectId?: string;
  /** B* drag term, 1/earth radii (default 0: no drag, the designed orbit is kept). */
  readonly bstar?: number;
}

/** Classical mean elements. */
export interface KeplerianDesign extends DesignIdentity {
  readonly kind: 'keplerian';
  /** Mean semi-major axis (km) or, instead, mean altitude above the equator (km). */
  readonly semiMajorAxisKm?: number;
  readonly altitudeKm?: number;
  readonly eccentricity: number;
  readonly inclinationDeg: number;
  readonly raanDeg: number;
  readonly argPerigeeDeg: number;
  readonly meanAnomalyDeg: number;
}

/**
 * A sun-synchronous orbit: its inclination is solved so that SGP4's secular node rate follows
 * the mean Sun (360° per tropical year); its node is placed at a local mean solar time.
 */
export interface SunSynchronousDesign extends DesignIdentity {
  readonly kind: 'sun-synchronous';
  /** Mean altitude above the equator, km. */
  readonly altitudeKm: number;
  /** Local mean solar time of the ascending node, hours in [0, 24). */
  readonly ltanHours: number;
  readonly eccentricity?: number;
  readonly argPerigeeDeg?: number;
  /** Argument of latitude (ω + M) at the epoch, deg: where the satellite is on its orbit. */
  readonly argumentOfLatitudeDeg?: number;
}

/** A geostationary satellite over a longitude. */
export interface GeostationaryDesign extends DesignIdentity {
  readonly kind: 'geostationary';
  /** Sub-satellite longitude at the epoch, deg east. */
  readonly longitudeDeg: number;
  /** Inclination, deg (default 0.05: station-kept). */
  readonly inclinationDeg?: number;
}

export type OrbitDesign = KeplerianDesign | SunSynchronousDesign | GeostationaryDesign;

/** Tropical year, days, and the mean Sun's motion in right ascension, rad/min. */
const TROPICAL_YEAR_DAYS = 365.242_19;
const SUN_RATE_RAD_MIN = (2 * Math.PI) / (TROPICAL_YEAR_DAYS * 1440);
/** One revolution per sidereal day, rev/day. */
export const GEOSTATIONARY_MEAN_MOTION_REV_DAY = 1.002_737_909_35;

/**
 * SGP4's correction between Kozai and Brouwer mean motion (Vallado's initl): returns
 * n_Brouwer / n_Kozai for a Kozai mean motion (rad/min), eccentricity and inclination.
 */
function unKozaiFactor(noKozai: number, e: number, inclRad: number): number {
  const cosio = Math.cos(inclRad);
  const omeosq = 1 - e * e;
  const ak = (SGP4_XKE / noKozai) ** (2 / 3);
  const d1 = (0.75 * SGP4_J2 * (3 * cosio * cosio - 1)) / (Math.sqrt(omeosq) * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  return 1 / (1 + del);
}

/** Kozai mean motion (rev/day) whose SGP4 Brouwer semi-major axis is `aKm`. */
export function kozaiMeanMotionRevPerDay(aKm: number, e: number, inclinationDeg: number): number {
  const aEr = aKm / SGP4_EARTH_RADIUS_KM;
  const noBrouwer = SGP4_XKE / aEr ** 1.5; // rad/min
  let noKozai = noBrouwer;
  for (let k = 0; k < 50; k++) {
    const next = noBrouwer / unKozaiFactor(noKozai, e, inclinationDeg * DEG_TO_RAD);
    const done = Math.abs(next - noKozai) < 1e-15;
    noKozai = next;
    if (done) break;
  }
  return (noKozai * 1440) / (2 * Math.PI);
}

/** SGP4's secular node rate (rad/min) for a Brouwer semi-major axis (earth radii), e and cos i. */
function nodeRate(aEr: number, e: number, cosio: number): number {
  const noUnkozai = SGP4_XKE / aEr ** 1.5;
  const omeosq = 1 - e * e;
  const pinvsq = 1 / (aEr * omeosq) ** 2;
  const temp1 = 1.5 * SGP4_J2 * pinvsq * noUnkozai;
  const temp2 = 0.5 * temp1 * SGP4_J2 * pinvsq;
  const temp3 = -0.46875 * SGP4_J4 * pinvsq * pinvsq * noUnkozai;
  const c2 = cosio * cosio;
  return -temp1 * cosio + (0.5 * temp2 * (4 - 19 * c2) + 2 * temp3 * (3 - 7 * c2)) * cosio;
}

/**
 * Inclination (deg) of the sun-synchronous orbit of mean semi-major axis `aKm`, from SGP4's own
 * secular node rate (J2, J2², J4), so that the SGP4-propagated node follows the mean Sun.
 * @throws ValidationError when no sun-synchronous orbit exists at that size (above ~5 970 km altitude).
 */
export function sunSynchronousInclinationDeg(aKm: number, e = 0): number {
  const aEr = aKm / SGP4_EARTH_RADIUS_KM;
  // nodeRate is nearly linear in cos i: Newton on cos i from the J2-only guess.
  let c =
    -SUN_RATE_RAD_MIN / ((1.5 * SGP4_J2 * (SGP4_XKE / aEr ** 1.5)) / (aEr * (1 - e * e)) ** 2);
  if (!(c >= -1)) {
    throw new ValidationError('no sun-synchronous orbit at this altitude', {
      location: { field: 'altitudeKm' },
      expected: 'a mean altitude below about 5 970 km',
      received: String(aKm - SGP4_EARTH_RADIUS_KM),
    });
  }
  for (let k = 0; k < 20; k++) {
    const f = nodeRate(aEr, e, c) - SUN_RATE_RAD_MIN;
    const h = 1e-7;
    const df = (nodeRate(aEr, e, c + h) - nodeRate(aEr, e, c - h)) / (2 * h);
    const step = f / df;
    c -= step;
    if (Math.abs(step) < 1e-15) break;
  }
  return Math.acos(Math.max(-1, Math.min(1, c))) * RAD_TO_DEG;
}

/**
 * Right ascension of the ascending node (deg) whose local mean solar time is `ltanHours` at the
 * instant `t`: the node's longitude is Ω − GMST and its local mean time UT + longitude/15.
 */
export function raanForLtanDeg(ltanHours: number, t: Instant): number {
  const utHours = (((t % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000;
  return wrapDeg360(gmst1982(t) * RAD_TO_DEG + 15 * (ltanHours - utHours));
}

function check(cond: boolean, field: string, expected: string, received: unknown): void {
  if (!cond) {
    throw new ValidationError('invalid orbit design', {
      location: { field },
      expected,
      received: String(received),
    });
  }
}

/**
 * Builds the SGP4 element set of a design at epoch `epochMs`.
 * @throws ValidationError naming the field when the design is impossible.
 * @example buildElementSet({kind: 'sun-synchronous', name: 'X', catalogNumber: 99901,
 *   altitudeKm: 510, ltanHours: 22.5}, Date.UTC(2026, 0, 1))
 */
export function buildElementSet(design: OrbitDesign, epochMs: Instant): ElementSet {
  check(
    Number.isInteger(design.catalogNumber) &&
      design.catalogNumber >= 0 &&
      design.catalogNumber <= 339_999,
    'catalogNumber',
    'an integer 0 … 339 999',
    design.catalogNumber,
  );
  let aKm: number;
  let e: number;
  let incl: number;
  let raan: number;
  let argp: number;
  let mo: number;
  let n: number;
  switch (design.kind) {
    case 'keplerian': {
      aKm = design.semiMajorAxisKm ?? SGP4_EARTH_RADIUS_KM + (design.altitudeKm ?? NaN);
      e = design.eccentricity;
      incl = design.inclinationDeg;
      raan = design.raanDeg;
      argp = design.argPerigeeDeg;
      mo = design.meanAnomalyDeg;
      check(
        aKm * (1 - e) > SGP4_EARTH_RADIUS_KM,
        'semiMajorAxisKm',
        'a perigee above the Earth',
        aKm,
      );
      n = kozaiMeanMotionRevPerDay(aKm, e, incl);
      break;
    }
    case 'sun-synchronous': {
      check(
        design.altitudeKm > 100,
        'altitudeKm',
        'a mean altitude above 100 km',
        design.altitudeKm,
      );
      check(
        design.ltanHours >= 0 && design.ltanHours < 24,
        'ltanHours',
        'hours in [0, 24)',
        design.ltanHours,
      );
      aKm = SGP4_EARTH_RADIUS_KM + design.altitudeKm;
      e = design.eccentricity ?? 0.0001;
      incl = sunSynchronousInclinationDeg(aKm, e);
      raan = raanForLtanDeg(design.ltanHours, epochMs);
      argp = design.argPerigeeDeg ?? 90;
      mo = wrapDeg360((design.argumentOfLatitudeDeg ?? 0) - argp);
      n = kozaiMeanMotionRevPerDay(aKm, e, incl);
      break;
    }
    case 'geostationary': {
      check(
        Math.abs(design.longitudeDeg) <= 180,
        'longitudeDeg',
        'degrees in [-180, 180]',
        design.longitudeDeg,
      );
      e = 0.0001;
      incl = design.inclinationDeg ?? 0.05;
      raan = 0;
      argp = 0;
      // For a near-circular, near-equatorial orbit the true longitude Ω + ω + M is the right
      // ascension of the satellite: place it over the wanted longitude at the epoch.
      mo = wrapDeg360(gmst1982(epochMs) * RAD_TO_DEG + design.longitudeDeg);
      n = GEOSTATIONARY_MEAN_MOTION_REV_DAY;
      break;
    }
  }
  check(e >= 0 && e < 1, 'eccentricity', 'a value in [0, 1)', e);
  check(incl >= 0 && incl <= 180, 'inclinationDeg', 'degrees in [0, 180]', incl);
  const { year, dayOfYear } = yearAndDayOfYear(epochMs);
  const built: ElementSet = {
    name: design.name,
    objectId: design.objectId ?? '',
    catalogNumber: design.catalogNumber,
    classification: 'U',
    epochMs,
    epochYear: year,
    epochDayOfYear: dayOfYear,
    meanMotionRevPerDay: n,
    eccentricity: e,
    inclinationDeg: incl,
    raanDeg: wrapDeg360(raan),
    argPerigeeDeg: wrapDeg360(argp),
    meanAnomalyDeg: wrapDeg360(mo),
    meanMotionDot: 0,
    meanMotionDdot: 0,
    bstar: design.bstar ?? 0,
    ephemerisType: 0,
    elementSetNumber: 1,
    revolutionNumber: 0,
  };
  return design.kind === 'geostationary' ? holdLongitude(built, design.longitudeDeg) : built;
}

/** Sub-satellite longitude (deg) of an element set at instant t, through SGP4. */
function longitudeAt(el: ElementSet, t: Instant): number {
  const s = createPropagator(el).at(t);
  if (!s.ok) return NaN;
  const g = gmst1982(t);
  const x = Math.cos(g) * s.positionKm.x + Math.sin(g) * s.positionKm.y;
  const y = -Math.sin(g) * s.positionKm.x + Math.cos(g) * s.positionKm.y;
  return Math.atan2(y, x) * RAD_TO_DEG;
}

/**
 * SGP4's deep-space theory adds secular and resonance terms, so a sidereal mean motion drifts by
 * a few thousandths of a degree per day. Adjust the mean motion and the mean anomaly so that the
 * SGP4-propagated satellite sits over the design longitude at the epoch and 30 days later, as
 * station-keeping would hold it.
 */
function holdLongitude(el: ElementSet, longitudeDeg: number): ElementSet {
  const spanDays = 30;
  let cur = el;
  for (let k = 0; k < 4; k++) {
    const d0 = wrapDeg180(longitudeAt(cur, cur.epochMs) - longitudeDeg);
    const d1 = wrapDeg180(longitudeAt(cur, cur.epochMs + spanDays * 86_400_000) - longitudeDeg);
    if (!Number.isFinite(d0) || !Number.isFinite(d1)) return cur;
    const driftRevPerDay = (d1 - d0) / 360 / spanDays;
    cur = {
      ...cur,
      meanMotionRevPerDay: cur.meanMotionRevPerDay - driftRevPerDay,
      meanAnomalyDeg: wrapDeg360(cur.meanAnomalyDeg - d0),
    };
    if (Math.abs(d0) < 1e-6 && Math.abs(d1) < 1e-6) break;
  }
  return cur;
}
