/**
 * Geostationary pointing and sun outages: checked against the classic spherical closed forms
 * (an independent derivation; the WGS-84 normal differs from the geocentric one by ≤ 0.19°),
 * symmetries, a real element set from the reference catalogue, and the Sun's own position.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { sunPositionItrf } from '../../src/core/sun.js';
import { lookAngles, topocentricFrame } from '../../src/core/topocentric.js';
import { itrf } from '../../src/core/vector.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import {
  GEO_RADIUS_KM,
  geoLook,
  geoPositionFromPropagator,
  nominalGeoPositionItrf,
  sunOutages,
} from '../../src/telecom/index.js';
import { readReference } from '../support/reference.js';

const D = Math.PI / 180;
const RE = 6378.137;

/** Spherical-Earth look angles (Pratt & Bostian, Satellite Communications, §2.2). */
function spherical(
  latDeg: number,
  lonDeg: number,
  satLonDeg: number,
): { el: number; az: number; range: number; skew: number } {
  const dl = (satLonDeg - lonDeg) * D;
  const phi = latDeg * D;
  const cosG = Math.cos(phi) * Math.cos(dl);
  const range = Math.sqrt(RE ** 2 + GEO_RADIUS_KM ** 2 - 2 * RE * GEO_RADIUS_KM * cosG);
  const el = Math.atan((cosG - RE / GEO_RADIUS_KM) / Math.sqrt(1 - cosG ** 2)) / D;
  let az = Math.atan2(Math.sin(dl), -Math.sin(phi) * Math.cos(dl)) / D;
  if (az < 0) az += 360;
  const skew = Math.atan(Math.sin(-dl) / Math.tan(phi)) / D;
  return { el, az, range, skew };
}

describe('geostationary look angles', () => {
  const sites = [
    { latitudeDeg: 12.65, longitudeDeg: -8, altitudeKm: 0 },
    { latitudeDeg: 13.51, longitudeDeg: 2.11, altitudeKm: 0 },
    { latitudeDeg: 20.5, longitudeDeg: 4, altitudeKm: 0 },
    { latitudeDeg: -30, longitudeDeg: 20, altitudeKm: 0 },
  ];
  for (const site of sites) {
    for (const satLon of [-30, -5, 7, 25]) {
      it(`site ${site.latitudeDeg},${site.longitudeDeg} → satellite ${satLon}°E agrees with the spherical formulas`, () => {
        const g = geoLook(site, nominalGeoPositionItrf(satLon));
        const s = spherical(site.latitudeDeg, site.longitudeDeg, satLon);
        expect(Math.abs(g.elevationDeg - s.el)).toBeLessThan(0.2);
        expect(Math.abs(((g.azimuthDeg - s.az + 540) % 360) - 180)).toBeLessThan(0.5);
        expect(Math.abs(g.rangeKm - s.range)).toBeLessThan(25);
        expect(Math.abs(g.skewDeg - s.skew)).toBeLessThan(0.5);
      });
    }
  }

  it('due south at the same longitude with zero skew; mirrored east/west', () => {
    const site = { latitudeDeg: 12.65, longitudeDeg: -8, altitudeKm: 0.38 };
    const south = geoLook(site, nominalGeoPositionItrf(-8));
    expect(south.azimuthDeg).toBeCloseTo(180, 9);
    expect(Math.abs(south.skewDeg)).toBeLessThan(1e-9);
    const east = geoLook(site, nominalGeoPositionItrf(2));
    const west = geoLook(site, nominalGeoPositionItrf(-18));
    expect(east.azimuthDeg + west.azimuthDeg).toBeCloseTo(360, 9);
    expect(east.skewDeg).toBeCloseTo(-west.skewDeg, 9);
    expect(east.elevationDeg).toBeCloseTo(west.elevationDeg, 9);
    expect(
      geoLook({ latitudeDeg: 0, longitudeDeg: 7, altitudeKm: 0 }, nominalGeoPositionItrf(7))
        .elevationDeg,
    ).toBeCloseTo(90, 4);
  });

  it('a real geostationary element set from the reference catalogue points within its inclination of the nominal slot', () => {
    const { entries } = parseTle(readReference('tle', 'active-2026-03-19.txt'));
    const geo = entries.filter(
      (e) =>
        Math.abs(e.elements.meanMotionRevPerDay - 1.0027) < 0.001 &&
        e.elements.inclinationDeg < 0.1,
    );
    expect(geo.length).toBeGreaterThan(10);
    const prop = createPropagator(geo[0]!.elements);
    const t = geo[0]!.elements.epochMs + 3_600_000;
    const r = geoPositionFromPropagator(prop, t);
    expect(Math.abs(Math.hypot(r.x, r.y, r.z) - GEO_RADIUS_KM)).toBeLessThan(50);
    const lon = Math.atan2(r.y, r.x) / D;
    const site = { latitudeDeg: 13.51, longitudeDeg: 2.11, altitudeKm: 0.2 };
    const a = geoLook(site, r);
    const b = geoLook(site, nominalGeoPositionItrf(lon));
    expect(Math.abs(a.elevationDeg - b.elevationDeg)).toBeLessThan(0.2);
    expect(Math.abs(a.azimuthDeg - b.azimuthDeg)).toBeLessThan(0.3);
  });
});

describe('sun outages', () => {
  const site = { latitudeDeg: 12.65, longitudeDeg: -8, altitudeKm: 0.38 };
  const sat = nominalGeoPositionItrf(-8);
  const year = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) };
  const outages = sunOutages(site, year.start, year.end, {
    beamwidthDeg: 1.2,
    satelliteAt: () => sat,
  });

  it('happen a few days around each equinox, minutes a day, near local noon for a satellite due south', () => {
    const spring = outages.filter((o) => o.startMs < Date.UTC(2026, 5, 1));
    const autumn = outages.filter((o) => o.startMs > Date.UTC(2026, 5, 1));
    expect(spring.length).toBeGreaterThanOrEqual(3);
    expect(autumn.length).toBeGreaterThanOrEqual(3);
    for (const o of outages) {
      const month = Number(o.date.slice(5, 7));
      expect([2, 3, 9, 10]).toContain(month);
      expect(o.durationMin).toBeGreaterThan(0);
      expect(o.durationMin).toBeLessThan(15);
      // local apparent noon at 8°W is ≈ 12:32 UTC ± the equation of time (≤ 17 min)
      const mid = (o.startMs + o.endMs) / 2;
      const utcH = (mid % 86_400_000) / 3_600_000;
      expect(Math.abs(utcH - (12 + 8 / 15))).toBeLessThan(0.3);
    }
  });

  it('the Sun is within half a beam plus its radius of the satellite at each outage middle', () => {
    const frame = topocentricFrame(site);
    for (const o of outages) {
      const mid = (o.startMs + o.endMs) / 2;
      const s = lookAngles(frame, sunPositionItrf(mid), itrf(0, 0, 0));
      const g = geoLook(site, sat);
      const sep =
        Math.acos(
          Math.sin(s.elevationDeg * D) * Math.sin(g.elevationDeg * D) +
            Math.cos(s.elevationDeg * D) *
              Math.cos(g.elevationDeg * D) *
              Math.cos((s.azimuthDeg - g.azimuthDeg) * D),
        ) / D;
      expect(sep).toBeLessThan(0.6 + 0.27);
      expect(o.minSeparationDeg).toBeLessThanOrEqual(sep + 1e-6);
    }
  });

  it('a wider beam gives longer outages', () => {
    const wide = sunOutages(site, year.start, year.end, {
      beamwidthDeg: 3,
      satelliteAt: () => sat,
    });
    const sum = (xs: typeof outages): number => xs.reduce((s, o) => s + o.durationMin, 0);
    expect(sum(wide)).toBeGreaterThan(sum(outages) * 1.5);
  });

  it('refuses a nonsensical beamwidth', () => {
    expect(() =>
      sunOutages(site, year.start, year.end, { beamwidthDeg: 0, satelliteAt: () => sat }),
    ).toThrow(DomainError);
  });
});
