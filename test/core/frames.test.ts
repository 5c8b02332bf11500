/**
 * Frames: round trips (TEME → ITRF → TEME, geodetic ↔ Earth-fixed) and look-angle geometry
 * that can be checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { itrfToTeme, temeToItrf } from '../../src/core/frames.js';
import { geodeticToItrf, itrfToGeodetic } from '../../src/core/geodetic.js';
import { dopplerShiftHz, lookAngles, topocentricFrame } from '../../src/core/topocentric.js';
import { gmst1982FromJdUt1 } from '../../src/core/earth-rotation.js';
import { WGS84_A_KM, WGS84_B_KM } from '../../src/core/units.js';
import { itrf, teme } from '../../src/core/vector.js';
import { MILLIMETRE } from '../support/reference.js';

describe('TEME ↔ Earth-fixed', () => {
  it('round-trips position and velocity to the micrometre', () => {
    const t0 = Date.UTC(2026, 2, 19, 5, 25, 44, 282);
    for (let k = 0; k < 50; k++) {
      const t = t0 + k * 3_712_345;
      const s = {
        positionKm: teme(6524.834, 6862.875 - k * 10, 6448.296),
        velocityKmS: teme(4.901327, 5.533756, -1.976341),
      };
      const back = itrfToTeme(temeToItrf(s, t, 0.1), t, 0.1);
      expect(Math.abs(back.positionKm.x - s.positionKm.x)).toBeLessThan(MILLIMETRE / 1000);
      expect(Math.abs(back.positionKm.y - s.positionKm.y)).toBeLessThan(MILLIMETRE / 1000);
      expect(Math.abs(back.velocityKmS.x - s.velocityKmS.x)).toBeLessThan(1e-12);
      expect(Math.abs(back.velocityKmS.z - s.velocityKmS.z)).toBeLessThan(1e-12);
    }
  });

  it('uses GMST 1982 (Vallado example 3-5: 1992-08-20 12:14 UT1 → 152.578788°)', () => {
    const jd = 2_448_854.5 + (12 * 60 + 14) / 1440;
    expect((gmst1982FromJdUt1(jd) * 180) / Math.PI).toBeCloseTo(152.578788, 5);
  });

  it('adds the frame rotation to velocities: a point fixed on Earth has zero Earth-fixed velocity', () => {
    const t = Date.UTC(2026, 0, 1);
    const ground = itrf(WGS84_A_KM, 0, 0);
    const inertial = itrfToTeme({ positionKm: ground, velocityKmS: itrf(0, 0, 0) }, t);
    const speed = Math.hypot(
      inertial.velocityKmS.x,
      inertial.velocityKmS.y,
      inertial.velocityKmS.z,
    );
    expect(speed).toBeCloseTo(0.4651, 4); // 465.1 m/s at the equator
    const back = temeToItrf(inertial, t);
    expect(Math.hypot(back.velocityKmS.x, back.velocityKmS.y, back.velocityKmS.z)).toBeLessThan(
      1e-15,
    );
  });
});

describe('geodetic ↔ Earth-fixed (WGS-84)', () => {
  it('round-trips from the poles to geostationary altitude', () => {
    for (const lat of [-90, -89.999, -60, -12.5, 0, 0.001, 13.5116, 45, 89.9999, 90]) {
      for (const lon of [-180, -8.0029, 0, 2.1254, 179.99]) {
        for (const alt of [-0.4, 0, 0.35, 500, 35_786]) {
          const p = itrfToGeodetic(
            geodeticToItrf({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm: alt }),
          );
          expect(Math.abs(p.latitudeDeg - lat)).toBeLessThan(1e-9);
          if (Math.abs(lat) < 90)
            expect(Math.abs(((p.longitudeDeg - lon + 540) % 360) - 180)).toBeLessThan(1e-9);
          expect(Math.abs(p.altitudeKm - alt)).toBeLessThan(MILLIMETRE);
        }
      }
    }
  });

  it('puts the poles at the polar radius and the equator at the equatorial radius', () => {
    expect(geodeticToItrf({ latitudeDeg: 90, longitudeDeg: 0, altitudeKm: 0 }).z).toBeCloseTo(
      WGS84_B_KM,
      9,
    );
    expect(geodeticToItrf({ latitudeDeg: 0, longitudeDeg: 0, altitudeKm: 0 }).x).toBeCloseTo(
      WGS84_A_KM,
      9,
    );
  });
});

describe('look angles', () => {
  const site = { latitudeDeg: 12.6392, longitudeDeg: -8.0029, altitudeKm: 0.35 };
  const frame = topocentricFrame(site);

  it('sees a point straight above the site at 90° elevation, and due north/east where expected', () => {
    const zenith = geodeticToItrf({ ...site, altitudeKm: 500.35 });
    const la = lookAngles(frame, zenith, itrf(0, 0, 0));
    expect(la.elevationDeg).toBeCloseTo(90, 6);
    expect(la.rangeKm).toBeCloseTo(500, 6);
    const north = lookAngles(
      frame,
      geodeticToItrf({ ...site, latitudeDeg: site.latitudeDeg + 5, altitudeKm: 500 }),
      itrf(0, 0, 0),
    );
    expect(north.azimuthDeg).toBeCloseTo(0, 0);
    const east = lookAngles(
      frame,
      geodeticToItrf({ ...site, longitudeDeg: site.longitudeDeg + 5, altitudeKm: 500 }),
      itrf(0, 0, 0),
    );
    expect(Math.abs(east.azimuthDeg - 90)).toBeLessThan(1.2); // great circle vs parallel
  });

  it('gives range rate and elevation rate consistent with finite differences, and the Doppler sign', () => {
    const r0 = geodeticToItrf({ latitudeDeg: 15, longitudeDeg: -5, altitudeKm: 600 });
    const v = itrf(-3.1, 6.2, 1.7);
    const dt = 1e-3;
    const a = lookAngles(frame, r0, v);
    const b = lookAngles(frame, itrf(r0.x + v.x * dt, r0.y + v.y * dt, r0.z + v.z * dt), v);
    expect((b.rangeKm - a.rangeKm) / dt).toBeCloseTo(a.rangeRateKmS, 4);
    expect((b.elevationDeg - a.elevationDeg) / dt).toBeCloseTo(a.elevationRateDegS, 4);
    // receding → negative shift; 8.2 GHz X band at 7 km/s is ~ 191 kHz
    expect(dopplerShiftHz(8.2e9, 7)).toBeCloseTo(-191_468, -1);
  });
});
