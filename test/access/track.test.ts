/**
 * The Earth-fixed track: Hermite interpolation between 60-s SGP4 nodes against direct SGP4
 * (sub-metre; velocities, used only for directions, to centimetres per second), the interpolated Sun against the Meeus series (1e-3°), and the geocentric-angle
 * rate bound (never exceeded between nodes).
 */
import { describe, expect, it } from 'vitest';
import { positionAt, sampleTrack, stateAt, sunSineElevation } from '../../src/access/track.js';
import { temeToItrf } from '../../src/core/frames.js';
import { sunPositionItrf } from '../../src/core/sun.js';
import { parseIsoUtc } from '../../src/core/time.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { METRE, readReference } from '../support/reference.js';

const entries = parseTle(readReference('tle/sahel-eo-leo-50.tle'), { fileName: 'eo' }).entries;
const start = parseIsoUtc('2026-03-19T00:00:00Z');
const end = start + 2 * 86_400_000;

describe('satellite track', () => {
  for (const name of ['KANOPUS-V 3', 'SENTINEL-1A', 'ISS (ZARYA)']) {
    it(`${name}: interpolated positions within 1 m and velocities within 0.1 m/s of SGP4`, () => {
      const el = entries.find((e) => e.elements.name.trim() === name)!.elements;
      const prop = createPropagator(el);
      const track = sampleTrack(prop, start, end);
      const s = new Float64Array(6);
      const p = new Float64Array(3);
      let worstKm = 0;
      let worstKmS = 0;
      let worstPsiRate = 0;
      // 997 irregular instants, none on a node
      for (let k = 0; k < 997; k++) {
        const t = start + ((k * 173.123457) % 172_700) * 1000;
        expect(stateAt(track, t, s)).toBe(true);
        expect(positionAt(track, t, p)).toBe(true);
        const r = prop.at(t);
        if (!r.ok) throw new Error(r.message);
        const ref = temeToItrf(r, t);
        const dr = Math.hypot(
          s[0]! - ref.positionKm.x,
          s[1]! - ref.positionKm.y,
          s[2]! - ref.positionKm.z,
        );
        worstKm = Math.max(worstKm, dr);
        expect(Math.hypot(p[0]! - s[0]!, p[1]! - s[1]!, p[2]! - s[2]!)).toBeLessThan(1e-9);
        worstKmS = Math.max(
          worstKmS,
          Math.hypot(
            s[3]! - ref.velocityKmS.x,
            s[4]! - ref.velocityKmS.y,
            s[5]! - ref.velocityKmS.z,
          ),
        );
        // rate of the geocentric angle to a fixed point (the Greenwich equator) stays bounded
        const rs = Math.hypot(s[0]!, s[1]!, s[2]!);
        const vPerp = Math.hypot(s[3]!, s[4]!, s[5]!) / rs;
        worstPsiRate = Math.max(worstPsiRate, vPerp);
      }
      expect(worstKm).toBeLessThan(1 * METRE);
      expect(worstKmS).toBeLessThan(1e-4);
      expect(worstPsiRate).toBeLessThan(track.psiRateMaxRadS);
    });
  }

  it('interpolated Sun direction within 0.001° of the Meeus series', () => {
    const el = entries[0]!.elements;
    const track = sampleTrack(createPropagator(el), start, end);
    for (let k = 0; k < 500; k++) {
      const t = start + k * 345_678.9;
      const sun = sunPositionItrf(t);
      const d = Math.hypot(sun.x, sun.y, sun.z);
      for (const up of [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ] as const) {
        const exact = Math.asin((up[0] * sun.x + up[1] * sun.y + up[2] * sun.z) / d);
        const interp = Math.asin(sunSineElevation(track, t, up));
        expect(Math.abs(exact - interp) * (180 / Math.PI)).toBeLessThan(1e-3);
      }
    }
  });

  it('reports an SGP4 failure as an issue, not an exception', () => {
    // A decaying orbit: mean motion 16.4 rev/day with a huge drag term decays within days.
    const el = { ...entries[0]!.elements, meanMotionRevPerDay: 16.4, bstar: 0.5 };
    const track = sampleTrack(createPropagator(el), start, start + 60 * 86_400_000);
    expect(track.issue).not.toBeNull();
    expect(track.ok.some((x) => x === 0)).toBe(true);
  });
});
