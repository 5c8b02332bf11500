/**
 * Viewing geometry invariants: nadir, the spherical triangle relations between off-nadir angle,
 * incidence and geocentric angle, look side, and the field-of-regard bound the search relies on
 * (any target the sensor can see is within the bound).
 */
import { describe, expect, it } from 'vitest';
import {
  fieldOfRegardPsiRad,
  geocentricAngleRad,
  incidenceDeg,
  lookSideSign,
  offNadirDeg,
  prepareTarget,
  psiForOffNadir,
} from '../../src/access/geometry.js';
import type { Sensor } from '../../src/access/sensor.js';
import { geodeticToItrf } from '../../src/core/geodetic.js';
import { DEG_TO_RAD, RAD_TO_DEG } from '../../src/core/units.js';

/** A satellite at `altitudeKm` above a geodetic point, as [x, y, z]. */
function satelliteAbove(latDeg: number, lonDeg: number, altitudeKm: number): number[] {
  const r = geodeticToItrf({ latitudeDeg: latDeg, longitudeDeg: lonDeg, altitudeKm });
  return [r.x, r.y, r.z];
}

describe('viewing geometry', () => {
  it('a target on the equator straight below: off-nadir 0, incidence 0', () => {
    const t = prepareTarget('t', { latitudeDeg: 0, longitudeDeg: 10, altitudeKm: 0 });
    const s = satelliteAbove(0, 10, 600);
    expect(offNadirDeg(s, t)).toBeLessThan(1e-6);
    expect(incidenceDeg(s, t)).toBeLessThan(1e-6);
  });

  it('on the equator (geodetic = geocentric normal): incidence = off-nadir + ψ, law of sines', () => {
    const t = prepareTarget('t', { latitudeDeg: 0, longitudeDeg: 0, altitudeKm: 0 });
    for (const dLon of [0.5, 2, 5, 10, 18]) {
      const s = satelliteAbove(0, dLon, 700);
      const eta = offNadirDeg(s, t);
      const psi = geocentricAngleRad(s, t) * RAD_TO_DEG;
      expect(incidenceDeg(s, t)).toBeCloseTo(eta + psi, 9);
      const rs = Math.hypot(s[0]!, s[1]!, s[2]!);
      expect(psiForOffNadir(eta * DEG_TO_RAD, rs, t.radiusKm) * RAD_TO_DEG).toBeCloseTo(psi, 9);
    }
  });

  it('look side: a target east of a northbound satellite is on its right', () => {
    const t = prepareTarget('t', { latitudeDeg: 0, longitudeDeg: 3, altitudeKm: 0 });
    const [x, y, z] = satelliteAbove(0, 0, 600);
    expect(lookSideSign([x!, y!, z!, 0, 0, 7.5], t)).toBe(1);
    expect(lookSideSign([x!, y!, z!, 0, 0, -7.5], t)).toBe(-1);
  });

  const sensors: Sensor[] = [
    { kind: 'optical', id: 'o', name: 'o', maxOffNadirDeg: 45 },
    {
      kind: 'sar',
      id: 's',
      name: 's',
      incidenceNearDeg: 20,
      incidenceFarDeg: 46,
      lookSide: 'both',
    },
    { kind: 'nadir', id: 'n', name: 'n', swathKm: 290 },
  ];
  it('every target the sensor sees lies within its field-of-regard bound', () => {
    // deterministic pseudo-random pairs around the Sahel, altitudes 400–900 km
    let seed = 42;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let inside = 0;
    for (let k = 0; k < 20000; k++) {
      const lat = 5 + 20 * rnd();
      const lon = -15 + 30 * rnd();
      const t = prepareTarget('t', { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: rnd() });
      const s = satelliteAbove(
        lat + 16 * (rnd() - 0.5),
        lon + 16 * (rnd() - 0.5),
        400 + 500 * rnd(),
      );
      const rs = Math.hypot(s[0]!, s[1]!, s[2]!);
      const psi = geocentricAngleRad(s, t);
      const inc = incidenceDeg(s, t);
      const visible = inc < 90;
      for (const sensor of sensors) {
        const sees =
          visible &&
          (sensor.kind === 'optical'
            ? offNadirDeg(s, t) <= sensor.maxOffNadirDeg
            : sensor.kind === 'sar'
              ? inc <= sensor.incidenceFarDeg
              : psi * t.radiusKm <= sensor.swathKm / 2);
        if (!sees) continue;
        inside++;
        expect(psi).toBeLessThanOrEqual(fieldOfRegardPsiRad(sensor, rs, t.radiusKm) + 1e-12);
      }
    }
    expect(inside).toBeGreaterThan(1000);
  });
});
