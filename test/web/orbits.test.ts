/**
 * The browser's orbit geometry (web/src/map/orbits.ts) against the server's independent path
 * (src/orbit propagator → TEME→ITRF → WGS-84 geodetic), on real element sets, and its circles
 * against elevation computed by src/core/topocentric.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gmst1982 } from '../../src/core/earth-rotation.js';
import { temeToItrfPositionAt } from '../../src/core/frames.js';
import { geodeticToItrf, itrfToGeodetic } from '../../src/core/geodetic.js';
import { elevationDeg, topocentricFrame } from '../../src/core/topocentric.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import {
  EARTH_RADIUS_KM,
  circle,
  destination,
  groundRangeKm,
  groundTrack,
  subPoint,
  toSatellites,
  visibilityRadiusKm,
} from '../../web/src/map/orbits.js';
import { referencePath } from '../support/reference.js';

/** Tolerances: what a map can show (a pixel at zoom 10 is ~150 m). */
const KM = 1;
const TEXT = readFileSync(referencePath('tle', 'sahel-eo-leo-50.tle'), 'utf8');
const SNAPSHOT = Date.parse('2026-03-19T00:00:00Z');

function lines(): Array<{ name: string; line1: string; line2: string }> {
  const l = TEXT.split('\n').filter((x) => x.trim() !== '');
  const out = [];
  for (let i = 0; i + 2 < l.length + 1; i += 3)
    out.push({ name: l[i]!.trim(), line1: l[i + 1]!, line2: l[i + 2]! });
  return out;
}

function surfaceDistanceKm(
  a: { latitudeDeg: number; longitudeDeg: number },
  b: { latitudeDeg: number; longitudeDeg: number },
): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.latitudeDeg - a.latitudeDeg) * r) / 2) ** 2 +
    Math.cos(a.latitudeDeg * r) *
      Math.cos(b.latitudeDeg * r) *
      Math.sin(((b.longitudeDeg - a.longitudeDeg) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

describe('sub-satellite points in the browser', () => {
  const sets = lines();
  const sats = toSatellites(sets.map((s, i) => ({ satelliteId: String(i), epoch: '', ...s })));

  it('reads all 50 reference element sets', () => {
    expect(sets).toHaveLength(50);
    expect(sats).toHaveLength(50);
    for (const s of sats) expect(s.periodMin).toBeGreaterThan(85);
  });

  it('agrees with the server path within 1 km over two days', () => {
    let worst = 0;
    for (const [i, s] of sets.entries()) {
      const parsed = parseTle(`${s.name}\n${s.line1}\n${s.line2}\n`, { ignoreChecksum: true });
      const p = createPropagator(parsed.entries[0]!.elements);
      for (let h = -24; h <= 24; h += 6) {
        const t = SNAPSHOT + h * 3_600_000;
        const state = p.at(t);
        if (!state.ok) continue;
        const ref = itrfToGeodetic(temeToItrfPositionAt(state.positionKm, gmst1982(t)));
        const ours = subPoint(sats[i]!, t);
        expect(ours, `${s.name} at ${h} h`).not.toBeNull();
        const d = surfaceDistanceKm(ref, ours!);
        worst = Math.max(worst, d);
        expect(Math.abs(ours!.altitudeKm - ref.altitudeKm), s.name).toBeLessThan(KM);
      }
    }
    expect(worst).toBeLessThan(KM);
  });

  it('splits the ground track where it crosses the antimeridian', () => {
    const sat = sats[0]!;
    const parts = groundTrack(sat, SNAPSHOT, SNAPSHOT + sat.periodMin * 60_000, 30);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts)
      for (let k = 1; k < part.length; k++)
        expect(Math.abs(part[k]![0] - part[k - 1]![0])).toBeLessThan(180);
  });
});

describe('circles on the ground', () => {
  it('puts a station visibility circle where the satellite is at the mask elevation', () => {
    const bamako = { latitudeDeg: 12.65, longitudeDeg: -8, altitudeKm: 0.35 };
    const frame = topocentricFrame(bamako);
    for (const [altitudeKm, maskDeg] of [
      [500, 5],
      [700, 10],
      [35786, 5],
    ] as const) {
      const r = visibilityRadiusKm(altitudeKm, maskDeg);
      for (const bearingDeg of [0, 90, 225]) {
        const [lon, lat] = destination(bamako.latitudeDeg, bamako.longitudeDeg, bearingDeg, r);
        const sat = geodeticToItrf({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm });
        // Spherical map geometry against the WGS-84 ellipsoid: within half a degree.
        expect(
          elevationDeg(frame, sat),
          `${altitudeKm} km, ${maskDeg}°, ${bearingDeg}°`,
        ).toBeCloseTo(maskDeg, 0);
      }
    }
  });

  it('gives the ground range of an off-nadir look (0 at nadir, growing, bounded by the horizon)', () => {
    expect(groundRangeKm(500, 0)).toBe(0);
    // 30° off nadir from 500 km: about 300 km on the ground (flat-Earth 289 km, curvature adds).
    expect(groundRangeKm(500, 30)).toBeGreaterThan(289);
    expect(groundRangeKm(500, 30)).toBeLessThan(310);
    expect(groundRangeKm(500, 89)).toBeLessThanOrEqual(visibilityRadiusKm(500, 0) + 1e-6);
  });

  it('keeps circle longitudes continuous across ±180', () => {
    const ring = circle(0, 179, 1000);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (let k = 1; k < ring.length; k++)
      expect(Math.abs(ring[k]![0] - ring[k - 1]![0])).toBeLessThan(5);
    expect(Math.max(...ring.map((p) => p[0]))).toBeGreaterThan(180);
  });
});
