import { describe, expect, it } from 'vitest';
import { componentAreaM2, lonLatRectAreaM2, pixelAreaModel } from '../../src/imaging/area.js';
import { polygonize } from '../../src/imaging/polygonize.js';
import { toLonLatTransform } from '../../src/io/raster/crs.js';

const KM2 = 1e6;
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);

/** Independent check: Δλ ∫ M(φ) N(φ) cos φ dφ by Simpson's rule (M, N the radii of curvature). */
function areaByQuadrature(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const f = (phi: number): number => {
    const w = 1 - E2 * Math.sin(phi) ** 2;
    return ((A * (1 - E2)) / w ** 1.5) * (A / Math.sqrt(w)) * Math.cos(phi);
  };
  const a = (lat0 * Math.PI) / 180;
  const b = (lat1 * Math.PI) / 180;
  const n = 2000;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return ((((lon1 - lon0) * Math.PI) / 180) * s * h) / 3;
}

describe('ellipsoidal areas', () => {
  it('the whole WGS-84 ellipsoid is 510 065 621.724 km²', () => {
    expect(lonLatRectAreaM2(-180, -90, 180, 90) / KM2).toBeCloseTo(510065621.724, 2);
  });

  it('lon/lat cells equal a numerical integration of the surface element', () => {
    for (const [lat0, lat1] of [
      [0, 1],
      [12, 13],
      [38.1, 38.2],
      [-60, -59.5],
    ] as const) {
      const got = lonLatRectAreaM2(2, lat0, 3, lat1);
      expect(Math.abs(got / areaByQuadrature(2, lat0, 3, lat1) - 1)).toBeLessThan(1e-9);
    }
  });

  it('a 10 m UTM pixel on the central meridian at the equator covers (10 / 0.9996)² m²', () => {
    const grid = {
      width: 3,
      height: 3,
      epsg: 32631,
      transform: { originX: 499985, originY: 15, pixelSizeX: 10, pixelSizeY: -10 },
    };
    const m = pixelAreaModel(grid, false, toLonLatTransform(32631));
    expect(m.pixelAreaM2(1, 1)).toBeCloseTo((10 / 0.9996) ** 2, 3);
  });

  it('polygon areas from rings equal the sum of their pixels’ areas, in any CRS', () => {
    const w = 40;
    const h = 30;
    const mask = new Uint8Array(w * h);
    for (let y = 3; y < 25; y++)
      for (let x = 5; x < 35; x++)
        mask[y * w + x] = (x - 20) ** 2 + (y - 14) ** 2 < 90 && !(x === 20 && y === 14) ? 1 : 0;
    const grid = {
      width: w,
      height: h,
      epsg: 32630,
      transform: { originX: 200000, originY: 1700000, pixelSizeX: 20, pixelSizeY: -20 },
    };
    const m = pixelAreaModel(grid, false, toLonLatTransform(32630));
    let expected = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) if (mask[y * w + x] === 1) expected += m.pixelAreaM2(x, y);
    const comps = polygonize(mask, w, h);
    expect(comps.length).toBe(1);
    expect(comps[0]!.polygons[0]!.holes.length).toBe(1);
    expect(componentAreaM2(comps[0]!, m)).toBeCloseTo(expected, 6);
  });
});
