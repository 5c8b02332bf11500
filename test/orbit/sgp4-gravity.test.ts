// The gravity-model SGP4 port against satellite.js (WGS-72), and WGS-84 differing by the
// expected hundreds of metres over half a day.
import { sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import {
  SGP4_WGS72,
  SGP4_WGS84,
  Sgp4InitError,
  createNearEarthSgp4,
} from '../../src/orbit/sgp4-gravity.js';
import { METRE } from '../support/reference.js';

const ISS = [
  '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
  '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
] as const;
const SSO = [
  '1 28649U 05017A   26103.78459344  .00000718  00000+0  78137-4 0  9993',
  '2 28649  97.5369 129.7615 0000594  88.5323 271.5964 14.90885377134226',
] as const;
const GEO = [
  '1 26038U 00001A   08264.12345678  .00000100  00000-0  10000-3 0  9991',
  '2 26038   0.0500 100.0000 0001000 100.0000 200.0000  1.00270000 30001',
] as const;

describe('near-Earth SGP4 with a gravity model', () => {
  it.each([ISS, SSO])('reproduces satellite.js with WGS-72 to 1 mm', (l1, l2) => {
    const ours = createNearEarthSgp4(l1, l2, SGP4_WGS72);
    const ref = twoline2satrec(l1, l2);
    const out = new Float64Array(3);
    for (let t = -720; t <= 1440; t += 37.3) {
      expect(ours.positionAt(t, out, 0)).toBe(true);
      const r = sgp4(ref, t);
      if (!r) throw new Error('reference failed');
      const p = r.position;
      expect(Math.hypot(out[0]! - p.x, out[1]! - p.y, out[2]! - p.z)).toBeLessThan(1e-3 * METRE);
    }
  });

  it('moves a sun-synchronous satellite by 10 m to 5 km with WGS-84 over 12 h', () => {
    const a = createNearEarthSgp4(SSO[0], SSO[1], SGP4_WGS72);
    const b = createNearEarthSgp4(SSO[0], SSO[1], SGP4_WGS84);
    const pa = new Float64Array(3);
    const pb = new Float64Array(3);
    a.positionAt(720, pa, 0);
    b.positionAt(720, pb, 0);
    const d = Math.hypot(pa[0]! - pb[0]!, pa[1]! - pb[1]!, pa[2]! - pb[2]!);
    expect(d).toBeGreaterThan(10 * METRE);
    expect(d).toBeLessThan(5000 * METRE);
  });

  it('refuses a deep-space element set', () => {
    expect(() => createNearEarthSgp4(GEO[0], GEO[1])).toThrow(Sgp4InitError);
  });
});
