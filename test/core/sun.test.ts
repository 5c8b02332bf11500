/**
 * The Sun against Astropy/ERFA (scripts/astropy/sun.py): direction within 0.01° from 2000 to
 * 2050, distance within 1e-4 AU, and elevation at Bamako within 0.01°; and the shadow models.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIsoUtc } from '../../src/core/time.js';
import {
  conicalShadow,
  inCylindricalShadow,
  sunElevationDeg,
  sunPositionItrf,
} from '../../src/core/sun.js';
import { AU_KM, RAD_TO_DEG, WGS84_A_KM } from '../../src/core/units.js';
import { angleBetween } from '../../src/core/vector.js';
import { DEGREE, REPO_DIR } from '../support/reference.js';

const fixture = JSON.parse(
  readFileSync(`${REPO_DIR}/test/fixtures/sun/astropy-sun.json`, 'utf8'),
) as {
  site: { latitudeDeg: number; longitudeDeg: number; altitudeM: number };
  samples: { utc: string; itrsAu: [number, number, number]; elevationDeg: number }[];
};

describe('Sun position', () => {
  it('matches ERFA within 0.01° (distance within 2e-4 AU) over 2000–2050', () => {
    expect(fixture.samples.length).toBeGreaterThan(400);
    let worst = 0;
    for (const s of fixture.samples) {
      const t = parseIsoUtc(s.utc);
      const ours = sunPositionItrf(t);
      const [x, y, z] = s.itrsAu;
      const angleDeg = angleBetween(ours, { x, y, z }) * RAD_TO_DEG;
      worst = Math.max(worst, angleDeg);
      // Meeus's low-accuracy radius vector is good to about 1e-4 AU.
      expect(
        Math.abs(Math.hypot(ours.x, ours.y, ours.z) / AU_KM - Math.hypot(x, y, z)),
      ).toBeLessThan(2e-4);
    }
    expect(worst).toBeLessThan(0.01 * DEGREE);
  });

  it('gives the Sun’s elevation at Bamako within 0.01°', () => {
    const site = { ...fixture.site, altitudeKm: fixture.site.altitudeM / 1000 };
    let worst = 0;
    for (const s of fixture.samples) {
      worst = Math.max(worst, Math.abs(sunElevationDeg(site, parseIsoUtc(s.utc)) - s.elevationDeg));
    }
    expect(worst).toBeLessThan(0.01 * DEGREE);
  });
});

describe('Earth shadow', () => {
  const sun = { x: AU_KM, y: 0, z: 0 };
  it('is sunlit on the day side and in umbra straight behind the Earth', () => {
    expect(conicalShadow({ x: 7000, y: 0, z: 0 }, sun)).toMatchObject({
      region: 'sunlit',
      sunFraction: 1,
    });
    expect(conicalShadow({ x: -7000, y: 0, z: 0 }, sun)).toMatchObject({
      region: 'umbra',
      sunFraction: 0,
    });
    expect(inCylindricalShadow({ x: -7000, y: 0, z: 0 }, sun)).toBe(true);
    expect(inCylindricalShadow({ x: 7000, y: 0, z: 0 }, sun)).toBe(false);
  });

  it('has a penumbra whose visible fraction grows monotonically across the edge', () => {
    // Walk a LEO satellite behind the Earth across the shadow edge.
    let last = -1;
    let sawPenumbra = false;
    for (let yKm = 6300; yKm <= 6500; yKm += 1) {
      const sat = { x: -Math.sqrt(7000 ** 2 - yKm ** 2), y: yKm, z: 0 };
      const s = conicalShadow(sat, sun);
      expect(s.sunFraction).toBeGreaterThanOrEqual(last - 1e-12);
      last = s.sunFraction;
      if (s.region === 'penumbra') sawPenumbra = true;
      // the centre of the Sun is hidden exactly when the Earth's limb is above the line to it
      expect(s.sunCentreOccluded).toBe(
        Math.abs(sat.y) < WGS84_A_KM * 1.000001 && s.sunFraction < 0.6,
      );
    }
    expect(sawPenumbra).toBe(true);
    expect(last).toBe(1);
  });
});
