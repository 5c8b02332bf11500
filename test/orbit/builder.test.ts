/**
 * The element-set builder: designed orbits come out of SGP4 as designed (mean altitude, a node
 * that follows the mean Sun, a geostationary satellite that stays over its longitude).
 */
import { describe, expect, it } from 'vitest';
import { gmst1982 } from '../../src/core/earth-rotation.js';
import { temeToItrf } from '../../src/core/frames.js';
import { itrfToGeodetic } from '../../src/core/geodetic.js';
import { RAD_TO_DEG } from '../../src/core/units.js';
import { formatTle, parseTle } from '../../src/io/tle.js';
import { loadDemoConstellation } from '../../src/io/bundled-data.js';
import { buildElementSet, kozaiMeanMotionRevPerDay } from '../../src/orbit/builder.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { SGP4_EARTH_RADIUS_KM, SGP4_XKE } from '../../src/orbit/sgp4-constants.js';

const EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** Local mean solar time (h) of the ascending node at instant t, from SGP4's mean node. */
function ltanHours(raanDeg: number, t: number): number {
  const ut = (((t % DAY) + DAY) % DAY) / 3_600_000;
  const h = ut + (raanDeg - gmst1982(t) * RAD_TO_DEG) / 15;
  return ((h % 24) + 24) % 24;
}

describe('element-set builder', () => {
  it('inverts SGP4’s Kozai → Brouwer conversion: satellite.js recovers the designed semi-major axis', () => {
    const aKm = SGP4_EARTH_RADIUS_KM + 510;
    const el = buildElementSet(
      {
        kind: 'keplerian',
        name: 'K',
        catalogNumber: 1,
        semiMajorAxisKm: aKm,
        eccentricity: 0.001,
        inclinationDeg: 97.4,
        raanDeg: 10,
        argPerigeeDeg: 90,
        meanAnomalyDeg: 0,
      },
      EPOCH,
    );
    expect(el.meanMotionRevPerDay).toBe(kozaiMeanMotionRevPerDay(aKm, 0.001, 97.4));
    const satrec = createPropagator(el).satrec as unknown as { no: number };
    const aRecoveredKm = (SGP4_XKE / satrec.no) ** (2 / 3) * SGP4_EARTH_RADIUS_KM;
    expect(aRecoveredKm).toBeCloseTo(aKm, 6);
  });

  it('builds a sun-synchronous orbit whose node keeps its local time for a year under SGP4', () => {
    const el = buildElementSet(
      { kind: 'sun-synchronous', name: 'S', catalogNumber: 2, altitudeKm: 510, ltanHours: 22.5 },
      EPOCH,
    );
    expect(el.inclinationDeg).toBeGreaterThan(97.3);
    expect(el.inclinationDeg).toBeLessThan(97.6);
    const prop = createPropagator(el);
    // The mean node at t: SGP4's satrec keeps nodeo + nodedot·t; read it through the osculating
    // state's angular momentum, averaged over one orbit to remove short-period terms.
    const nodeAt = (t: number): number => {
      let sx = 0;
      let sy = 0;
      for (let k = 0; k < 60; k++) {
        const s = prop.at(t + k * prop.periodMin * 1000);
        if (!s.ok) throw new Error(s.message);
        const r = s.positionKm;
        const v = s.velocityKmS;
        const hx = r.y * v.z - r.z * v.y;
        const hy = r.z * v.x - r.x * v.z;
        const node = Math.atan2(hx, -hy);
        sx += Math.cos(node);
        sy += Math.sin(node);
      }
      return Math.atan2(sy, sx) * RAD_TO_DEG;
    };
    const drift = Math.abs(ltanHours(nodeAt(EPOCH + 365 * DAY), EPOCH + 365 * DAY) - 22.5) * 60;
    expect(drift).toBeLessThan(5); // minutes of local time after a year
    expect(Math.abs(ltanHours(nodeAt(EPOCH), EPOCH) - 22.5) * 60).toBeLessThan(1);
  });

  it('keeps a geostationary satellite over its longitude within 0.1° for 30 days', () => {
    const el = buildElementSet(
      { kind: 'geostationary', name: 'G', catalogNumber: 3, longitudeDeg: -1 },
      EPOCH,
    );
    const prop = createPropagator(el);
    for (let d = 0; d <= 30; d += 0.25) {
      const t = EPOCH + d * DAY;
      const s = prop.at(t);
      if (!s.ok) throw new Error(s.message);
      const g = itrfToGeodetic(temeToItrf(s, t).positionKm);
      expect(Math.abs(g.longitudeDeg + 1)).toBeLessThan(0.1);
      expect(Math.abs(g.latitudeDeg)).toBeLessThan(0.1);
      expect(g.altitudeKm).toBeCloseTo(35_786, -1);
    }
  });

  it('writes a valid TLE for each demo satellite that reads back to the same element set', () => {
    for (const sat of loadDemoConstellation()) {
      const [l1, l2] = formatTle(sat.elements);
      const r = parseTle(`${sat.elements.name}\n${l1}\n${l2}\n`);
      expect(r.errors).toEqual([]);
      expect(r.entries[0]!.elements.catalogNumber).toBe(sat.elements.catalogNumber);
    }
  });

  it('refuses impossible designs with the field named', () => {
    expect(() =>
      buildElementSet(
        { kind: 'sun-synchronous', name: 'X', catalogNumber: 4, altitudeKm: 9000, ltanHours: 10 },
        EPOCH,
      ),
    ).toThrow(/altitudeKm/);
    expect(() =>
      buildElementSet(
        { kind: 'sun-synchronous', name: 'X', catalogNumber: 4, altitudeKm: 500, ltanHours: 25 },
        EPOCH,
      ),
    ).toThrow(/ltanHours/);
    expect(() =>
      buildElementSet(
        {
          kind: 'keplerian',
          name: 'X',
          catalogNumber: 5,
          altitudeKm: 300,
          eccentricity: 0.5,
          inclinationDeg: 10,
          raanDeg: 0,
          argPerigeeDeg: 0,
          meanAnomalyDeg: 0,
        },
        EPOCH,
      ),
    ).toThrow(/perigee/);
  });
});
