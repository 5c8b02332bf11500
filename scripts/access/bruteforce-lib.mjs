/**
 * Brute-force access reference, independent of src/: satellite.js SGP4 evaluated at every
 * sample (default 1 s), its own Earth-fixed conversion (satellite.js gstime/eciToEcf), its own
 * WGS-84 target positions (satellite.js geodeticToEcf) and its own Sun (the Astronomical
 * Almanac's low-precision formula, Michalsky 1988, 0.01°), a different algorithm from the
 * product's (Meeus). Used by scripts/access/bruteforce.mjs (test fixture) and
 * bench/access-coverage.mjs (the peer of the coverage benchmark).
 *
 * A window is a maximal run of samples where every constraint holds; its edges are reported as
 * the first and last passing samples, and the samples just outside (so a checker knows the true
 * edge lies between). Strip sensors (SAR, nadir): the acquisition is the sample of smallest
 * off-nadir angle in a run where the target is near the ground track, accepted when the
 * constraints hold at that sample.
 */
import { degreesToRadians, eciToEcf, geodeticToEcf, gstime, propagate } from 'satellite.js';

const OMEGA = 7.292115146706979e-5;
const RAD = Math.PI / 180;

/** Sun unit vector, Earth-fixed (Astronomical Almanac low-precision formula + GMST 1982). */
export function sunUnitEcf(date) {
  const jd = date.getTime() / 86400000 + 2440587.5;
  const n = jd - 2451545.0;
  const L = (280.46 + 0.9856474 * n) % 360;
  const g = ((357.528 + 0.9856003 * n) % 360) * RAD;
  const lambda = (L + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * RAD;
  const eps = (23.439 - 0.0000004 * n) * RAD;
  const x = Math.cos(lambda);
  const y = Math.cos(eps) * Math.sin(lambda);
  const z = Math.sin(eps) * Math.sin(lambda);
  const th = gstime(date);
  return [Math.cos(th) * x + Math.sin(th) * y, -Math.sin(th) * x + Math.cos(th) * y, z];
}

export function prepareTargets(targets) {
  return targets.map((t) => {
    const r = geodeticToEcf({
      latitude: degreesToRadians(t.latitudeDeg),
      longitude: degreesToRadians(t.longitudeDeg),
      height: t.altitudeKm ?? 0,
    });
    const la = t.latitudeDeg * RAD;
    const lo = t.longitudeDeg * RAD;
    return {
      id: t.id,
      p: [r.x, r.y, r.z],
      up: [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)],
    };
  });
}

/** Earth-fixed state [x, y, z, vx, vy, vz] at a Date, or null. */
export function stateEcf(satrec, date) {
  const pv = propagate(satrec, date);
  if (!pv || !pv.position || typeof pv.position === 'boolean') return null;
  const th = gstime(date);
  const r = eciToEcf(pv.position, th);
  const v = eciToEcf(pv.velocity, th);
  return [r.x, r.y, r.z, v.x + OMEGA * r.y, v.y - OMEGA * r.x, v.z];
}

function geometry(s, t) {
  const d = [t.p[0] - s[0], t.p[1] - s[1], t.p[2] - s[2]];
  const dn = Math.hypot(...d);
  const rs = Math.hypot(s[0], s[1], s[2]);
  const offNadir = Math.acos(-(s[0] * d[0] + s[1] * d[1] + s[2] * d[2]) / (rs * dn)) / RAD;
  const cosInc = -(t.up[0] * d[0] + t.up[1] * d[1] + t.up[2] * d[2]) / dn;
  const incidence = Math.acos(cosInc) / RAD;
  // right = v × r
  const rx = s[4] * s[2] - s[5] * s[1];
  const ry = s[5] * s[0] - s[3] * s[2];
  const rz = s[3] * s[1] - s[4] * s[0];
  const side = d[0] * rx + d[1] * ry + d[2] * rz >= 0 ? 'right' : 'left';
  const tu = Math.hypot(...t.p);
  const psi = Math.acos((t.p[0] * s[0] + t.p[1] * s[1] + t.p[2] * s[2]) / (tu * rs));
  return { offNadir, incidence, side, psiKm: psi * tu, elevation: 90 - incidence };
}

function sunEl(t, sun) {
  return Math.asin(t.up[0] * sun[0] + t.up[1] * sun[1] + t.up[2] * sun[2]) / RAD;
}

/**
 * Windows of every target for one satellite and each sensor: `[sensorIndex][targetId] = [{start,
 * end, before, after, best, minOffNadirDeg}]` with times in ms (strip sensors: start = end =
 * best). One propagation per sample serves every sensor.
 */
export function bruteForceWindowsMulti(satrec, sensors, targets, startMs, endMs, stepMs = 1000) {
  const prepared = prepareTargets(targets);
  const out = sensors.map(() => Object.fromEntries(prepared.map((t) => [t.id, []])));
  const open = sensors.map(() => prepared.map(() => null));
  const prev = sensors.map(() => prepared.map(() => null));
  const needSun = sensors.some((x) => x.minSunElevationDeg !== undefined);
  for (let t = startMs; t <= endMs; t += stepMs) {
    const date = new Date(t);
    const s = stateEcf(satrec, date);
    const sunAll = needSun ? sunUnitEcf(date) : null;
    const geo = prepared.map((tg) => (s ? geometry(s, tg) : null));
    sensors.forEach((sensor, si) => {
      const sun = sensor.minSunElevationDeg !== undefined ? sunAll : null;
      prepared.forEach((tg, k) => {
        const g = geo[k];
        if (sensor.kind !== 'optical') {
          stripStep(out[si][tg.id], sensor, tg, t, g, sun, prev[si], k);
          return;
        }
        const ok =
          g !== null &&
          g.elevation > 0 &&
          g.offNadir <= sensor.maxOffNadirDeg &&
          (sensor.maxIncidenceDeg === undefined || g.incidence <= sensor.maxIncidenceDeg) &&
          (sun === null || sunEl(tg, sun) >= sensor.minSunElevationDeg);
        const w = open[si][k];
        if (ok && !w)
          open[si][k] = { start: t, before: t - stepMs, end: t, best: t, min: g.offNadir };
        else if (ok && w) {
          w.end = t;
          if (g.offNadir < w.min) {
            w.min = g.offNadir;
            w.best = t;
          }
        } else if (!ok && w) {
          out[si][tg.id].push({ ...fmt(w), after: t });
          open[si][k] = null;
        }
      });
    });
  }
  sensors.forEach((_, si) =>
    prepared.forEach((tg, k) => {
      if (open[si][k]) out[si][tg.id].push({ ...fmt(open[si][k]), after: null, cut: true });
    }),
  );
  return out;
}

/** {@link bruteForceWindowsMulti} for one sensor. */
export function bruteForceWindows(satrec, sensor, targets, startMs, endMs, stepMs = 1000) {
  return bruteForceWindowsMulti(satrec, [sensor], targets, startMs, endMs, stepMs)[0];
}

function fmt(w) {
  return { start: w.start, end: w.end, before: w.before, best: w.best, minOffNadirDeg: w.min };
}

/** Strip sensors: local minima of the off-nadir angle, accepted on the constraints there. */
function stripStep(list, sensor, tg, t, g, sun, prev, k) {
  // prev[k] = {t, g, sun, falling}
  const p = prev[k];
  if (p && g && p.g && p.falling && g.offNadir > p.g.offNadir && p.g.psiKm < 3000) {
    if (stripOk(sensor, tg, p.g, p.sun)) {
      list.push({ start: p.t, end: p.t, best: p.t, minOffNadirDeg: p.g.offNadir, side: p.g.side });
    }
  }
  prev[k] = { t, g, sun, falling: p && g && p.g ? g.offNadir < p.g.offNadir : false };
}

function stripOk(sensor, tg, g, sun) {
  if (g.elevation <= 0) return false;
  if (sensor.kind === 'nadir' && g.psiKm > sensor.swathKm / 2) return false;
  if (sensor.kind === 'sar') {
    if (g.incidence < sensor.incidenceNearDeg || g.incidence > sensor.incidenceFarDeg) return false;
    if (sensor.lookSide !== 'both' && g.side !== sensor.lookSide) return false;
  }
  if (sun && sunEl(tg, sun) < sensor.minSunElevationDeg) return false;
  return true;
}
