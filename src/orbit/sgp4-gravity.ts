/**
 * Near-Earth SGP4 (period < 225 min) with a choice of gravity model, WGS-72 or WGS-84
 * (Vallado et al. 2006, `getgravconst`). satellite.js fixes WGS-72, the usual choice; some
 * references (the AstroReason-Bench verifier, through Brahe) propagate with WGS-84 constants,
 * which moves a LEO satellite by up to a few hundred metres over half a day. This is a port of
 * the near-Earth branch of Vallado's `sgp4init`/`sgp4` (as in satellite.js), positions only;
 * with WGS-72 it reproduces satellite.js to rounding (test/orbit/sgp4-gravity.test.ts).
 * Deep-space element sets are refused (the caller reports them).
 */
import { twoline2satrec } from 'satellite.js';
import { instantFromDayOfYear } from '../core/time.js';

/** SGP4 gravity constants: Earth radius (km), μ (km³/s²), zonal harmonics. */
export interface Sgp4Gravity {
  readonly radiusKm: number;
  readonly muKm3S2: number;
  readonly j2: number;
  readonly j3: number;
  readonly j4: number;
}

export const SGP4_WGS72: Sgp4Gravity = {
  radiusKm: 6378.135,
  muKm3S2: 398600.8,
  j2: 0.001082616,
  j3: -0.00000253881,
  j4: -0.00000165597,
};

export const SGP4_WGS84: Sgp4Gravity = {
  radiusKm: 6378.137,
  muKm3S2: 398600.5,
  j2: 0.00108262998905,
  j3: -0.00000253215306,
  j4: -0.00000161098761,
};

/** A near-Earth SGP4 propagator: TEME positions (km) at minutes since epoch. */
export interface NearEarthSgp4 {
  /** Epoch of the element set, UTC ms. */
  readonly epochMs: number;
  /**
   * Writes the TEME position (km) at `tsinceMin` minutes from epoch into `out[offset..offset+2]`.
   * Returns false (and writes nothing) when SGP4 fails (decay, eccentricity out of range).
   */
  positionAt(tsinceMin: number, out: Float64Array, offset: number): boolean;
}

/** Why an element set cannot be used by {@link createNearEarthSgp4}. */
export class Sgp4InitError extends Error {}

const X2O3 = 2 / 3;
const TWO_PI = 2 * Math.PI;

/**
 * Initialises near-Earth SGP4 from two TLE lines (improved mode).
 * @throws Sgp4InitError for a deep-space orbit (period ≥ 225 min) or an invalid element set.
 */
export function createNearEarthSgp4(
  line1: string,
  line2: string,
  gravity: Sgp4Gravity = SGP4_WGS72,
): NearEarthSgp4 {
  const raw = twoline2satrec(line1, line2);
  const { radiusKm: re, j2, j4 } = gravity;
  const j3oj2 = gravity.j3 / j2;
  const xke = 60 / Math.sqrt((re * re * re) / gravity.muKm3S2);
  const ecco = raw.ecco;
  const inclo = raw.inclo;
  const argpo = raw.argpo;
  const mo = raw.mo;
  const nodeo = raw.nodeo;
  const bstar = raw.bstar;
  const fullYear = raw.epochyr < 57 ? raw.epochyr + 2000 : raw.epochyr + 1900;
  const epochMs = instantFromDayOfYear(fullYear, raw.epochdays);
  if (!(raw.nokozai > 0) || !(ecco >= 0 && ecco < 1))
    throw new Sgp4InitError('invalid mean motion or eccentricity');

  // initl: un-Kozai the mean motion
  const eccsq = ecco * ecco;
  const omeosq = 1 - eccsq;
  const rteosq = Math.sqrt(omeosq);
  const cosio = Math.cos(inclo);
  const cosio2 = cosio * cosio;
  const ak = (xke / raw.nokozai) ** X2O3;
  const d1 = (0.75 * j2 * (3 * cosio2 - 1)) / (rteosq * omeosq);
  let delPrime = d1 / (ak * ak);
  const adel =
    ak * (1 - delPrime * delPrime - delPrime * (1 / 3 + (134 * delPrime * delPrime) / 81));
  delPrime = d1 / (adel * adel);
  const no = raw.nokozai / (1 + delPrime);
  if ((2 * Math.PI) / no >= 225) throw new Sgp4InitError('deep-space orbit (period ≥ 225 min)');
  const ao = (xke / no) ** X2O3;
  const sinio = Math.sin(inclo);
  const po = ao * omeosq;
  const con42 = 1 - 5 * cosio2;
  const con41 = -con42 - cosio2 - cosio2;
  const posq = po * po;
  const rp = ao * (1 - ecco);

  // sgp4init, near-Earth branch
  const ss = 78 / re + 1;
  const qzms2t = ((120 - 78) / re) ** 4;
  const isimp = rp < 220 / re + 1;
  let sfour = ss;
  let qzms24 = qzms2t;
  const perige = (rp - 1) * re;
  if (perige < 156) {
    sfour = perige < 98 ? 20 : perige - 78;
    qzms24 = ((120 - sfour) / re) ** 4;
    sfour = sfour / re + 1;
  }
  const pinvsq = 1 / posq;
  const tsi = 1 / (ao - sfour);
  const eta = ao * ecco * tsi;
  const etasq = eta * eta;
  const eeta = ecco * eta;
  const psisq = Math.abs(1 - etasq);
  const coef = qzms24 * tsi ** 4;
  const coef1 = coef / psisq ** 3.5;
  const cc2 =
    coef1 *
    no *
    (ao * (1 + 1.5 * etasq + eeta * (4 + etasq)) +
      ((0.375 * j2 * tsi) / psisq) * con41 * (8 + 3 * etasq * (8 + etasq)));
  const cc1 = bstar * cc2;
  const cc3 = ecco > 1e-4 ? (-2 * coef * tsi * j3oj2 * no * sinio) / ecco : 0;
  const x1mth2 = 1 - cosio2;
  const cc4 =
    2 *
    no *
    coef1 *
    ao *
    omeosq *
    (eta * (2 + 0.5 * etasq) +
      ecco * (0.5 + 2 * etasq) -
      ((j2 * tsi) / (ao * psisq)) *
        (-3 * con41 * (1 - 2 * eeta + etasq * (1.5 - 0.5 * eeta)) +
          0.75 * x1mth2 * (2 * etasq - eeta * (1 + etasq)) * Math.cos(2 * argpo)));
  const cc5 = 2 * coef1 * ao * omeosq * (1 + 2.75 * (etasq + eeta) + eeta * etasq);
  const cosio4 = cosio2 * cosio2;
  const temp1 = 1.5 * j2 * pinvsq * no;
  const temp2 = 0.5 * temp1 * j2 * pinvsq;
  const temp3 = -0.46875 * j4 * pinvsq * pinvsq * no;
  const mdot =
    no + 0.5 * temp1 * rteosq * con41 + 0.0625 * temp2 * rteosq * (13 - 78 * cosio2 + 137 * cosio4);
  const argpdot =
    -0.5 * temp1 * con42 +
    0.0625 * temp2 * (7 - 114 * cosio2 + 395 * cosio4) +
    temp3 * (3 - 36 * cosio2 + 49 * cosio4);
  const xhdot1 = -temp1 * cosio;
  const nodedot = xhdot1 + (0.5 * temp2 * (4 - 19 * cosio2) + 2 * temp3 * (3 - 7 * cosio2)) * cosio;
  const omgcof = bstar * cc3 * Math.cos(argpo);
  const xmcof = ecco > 1e-4 ? (-X2O3 * coef * bstar) / eeta : 0;
  const nodecf = 3.5 * omeosq * xhdot1 * cc1;
  const t2cof = 1.5 * cc1;
  const xlcof =
    Math.abs(cosio + 1) > 1.5e-12
      ? (-0.25 * j3oj2 * sinio * (3 + 5 * cosio)) / (1 + cosio)
      : (-0.25 * j3oj2 * sinio * (3 + 5 * cosio)) / 1.5e-12;
  const aycof = -0.5 * j3oj2 * sinio;
  const delmo = (1 + eta * Math.cos(mo)) ** 3;
  const sinmao = Math.sin(mo);
  const x7thm1 = 7 * cosio2 - 1;
  let d2 = 0;
  let d3 = 0;
  let d4 = 0;
  let t3cof = 0;
  let t4cof = 0;
  let t5cof = 0;
  if (!isimp) {
    const cc1sq = cc1 * cc1;
    d2 = 4 * ao * tsi * cc1sq;
    const temp = (d2 * tsi * cc1) / 3;
    d3 = (17 * ao + sfour) * temp;
    d4 = 0.5 * temp * ao * tsi * (221 * ao + 31 * sfour) * cc1;
    t3cof = d2 + 2 * cc1sq;
    t4cof = 0.25 * (3 * d3 + cc1 * (12 * d2 + 10 * cc1sq));
    t5cof = 0.2 * (3 * d4 + 12 * cc1 * d3 + 6 * d2 * d2 + 15 * cc1sq * (2 * d2 + cc1sq));
  }

  function positionAt(t: number, out: Float64Array, offset: number): boolean {
    const xmdf = mo + mdot * t;
    const argpdf = argpo + argpdot * t;
    const nodedf = nodeo + nodedot * t;
    let argpm = argpdf;
    let mm = xmdf;
    const t2 = t * t;
    let nodem = nodedf + nodecf * t2;
    let tempa = 1 - cc1 * t;
    let tempe = bstar * cc4 * t;
    let templ = t2cof * t2;
    if (!isimp) {
      const delomg = omgcof * t;
      const delm = xmcof * ((1 + eta * Math.cos(xmdf)) ** 3 - delmo);
      const temp = delomg + delm;
      mm = xmdf + temp;
      argpm = argpdf - temp;
      const t3 = t2 * t;
      const t4 = t3 * t;
      tempa = tempa - d2 * t2 - d3 * t3 - d4 * t4;
      tempe += bstar * cc5 * (Math.sin(mm) - sinmao);
      templ = templ + t3cof * t3 + t4 * (t4cof + t * t5cof);
    }
    const am = (xke / no) ** X2O3 * tempa * tempa;
    let em = ecco - tempe;
    if (em >= 1 || em < -0.001 || !(am > 0)) return false;
    if (em < 1e-6) em = 1e-6;
    mm += no * templ;
    let xlm = mm + argpm + nodem;
    nodem %= TWO_PI;
    argpm %= TWO_PI;
    xlm %= TWO_PI;
    mm = (xlm - argpm - nodem) % TWO_PI;
    const ep = em;
    const axnl = ep * Math.cos(argpm);
    let temp = 1 / (am * (1 - ep * ep));
    const aynl = ep * Math.sin(argpm) + temp * aycof;
    const xl = mm + argpm + nodem + temp * xlcof * axnl;
    const u = (xl - nodem) % TWO_PI;
    let eo1 = u;
    let tem5 = 9999.9;
    let sineo1 = 0;
    let coseo1 = 0;
    for (let ktr = 1; Math.abs(tem5) >= 1e-12 && ktr <= 10; ktr++) {
      sineo1 = Math.sin(eo1);
      coseo1 = Math.cos(eo1);
      tem5 = 1 - coseo1 * axnl - sineo1 * aynl;
      tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
      if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0 ? 0.95 : -0.95;
      eo1 += tem5;
    }
    const ecose = axnl * coseo1 + aynl * sineo1;
    const esine = axnl * sineo1 - aynl * coseo1;
    const el2 = axnl * axnl + aynl * aynl;
    const pl = am * (1 - el2);
    if (pl < 0) return false;
    const rl = am * (1 - ecose);
    const betal = Math.sqrt(1 - el2);
    temp = esine / (1 + betal);
    const sinu = (am / rl) * (sineo1 - aynl - axnl * temp);
    const cosu = (am / rl) * (coseo1 - axnl + aynl * temp);
    let su = Math.atan2(sinu, cosu);
    const sin2u = (cosu + cosu) * sinu;
    const cos2u = 1 - 2 * sinu * sinu;
    temp = 1 / pl;
    const tp1 = 0.5 * j2 * temp;
    const tp2 = tp1 * temp;
    const mrt = rl * (1 - 1.5 * tp2 * betal * con41) + 0.5 * tp1 * x1mth2 * cos2u;
    if (mrt < 1) return false;
    su -= 0.25 * tp2 * x7thm1 * sin2u;
    const xnode = nodem + 1.5 * tp2 * cosio * sin2u;
    const xinc = inclo + 1.5 * tp2 * cosio * sinio * cos2u;
    const sinsu = Math.sin(su);
    const cossu = Math.cos(su);
    const snod = Math.sin(xnode);
    const cnod = Math.cos(xnode);
    const sini = Math.sin(xinc);
    const cosi = Math.cos(xinc);
    const xmx = -snod * cosi;
    const xmy = cnod * cosi;
    out[offset] = mrt * (xmx * sinsu + cnod * cossu) * re;
    out[offset + 1] = mrt * (xmy * sinsu + snod * cossu) * re;
    out[offset + 2] = mrt * sini * sinsu * re;
    return true;
  }
  return { epochMs, positionAt };
}
