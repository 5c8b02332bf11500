import { describe, expect, it } from 'vitest';
import { intersection } from 'polyclip-ts';
import { ValidationError } from '../../src/core/errors.js';
import { edgeSet, intersectionAreaM2 } from '../../src/imaging/clip-area.js';
import { multiPolygonAreaM2 } from '../../src/imaging/polygon-area.js';
import { collectionPolygons } from '../../src/imaging/zonal.js';
import { classAreas, lonLatRectAreaM2, pixelAreaModel } from '../../src/imaging/area.js';
import { polygonize } from '../../src/imaging/polygonize.js';
import { loadBundledZones, zonalStatistics, type ZonalStats } from '../../src/imaging/zonal.js';
import { openRaster } from '../../src/io/raster/reader.js';
import { chipPath } from '../support/imagery.js';

const zones = loadBundledZones();
const KM2 = 1e6;
type Ring = number[][];
type FC = GeoJSON.FeatureCollection;

const fc = (geoms: GeoJSON.Geometry[]): FC => ({
  type: 'FeatureCollection',
  features: geoms.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
});
const rect = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const region = (id: string): GeoJSON.Feature => {
  const f = zones.regions.features.find((r) => r.properties?.['id'] === id);
  if (!f) throw new Error(`no region ${id}`);
  return f;
};

/**
 * Independent area of a polygon: scanline integration. For rows of `dLatDeg`, the longitude
 * spans inside the polygon at the row's middle latitude (even–odd crossings) times the exact
 * area of a 1° × row cell. Error second order in the row height.
 */
function scanlineAreaM2(rings: Ring[], dLatDeg: number): number {
  const lats = rings.flat().map((p) => p[1]!);
  const s = Math.min(...lats);
  const n = Math.max(...lats);
  let area = 0;
  for (let y0 = s; y0 < n; y0 += dLatDeg) {
    const y1 = Math.min(n, y0 + dLatDeg);
    const y = (y0 + y1) / 2;
    const xs: number[] = [];
    for (const r of rings)
      for (let i = 0; i + 1 < r.length; i++) {
        const [xa, ya] = r[i]! as [number, number];
        const [xb, yb] = r[i + 1]! as [number, number];
        if (ya > y !== yb > y) xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
      }
    xs.sort((a, b) => a - b);
    let span = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) span += xs[k + 1]! - xs[k]!;
    area += span * lonLatRectAreaM2(0, y0, 1, y1);
  }
  return area;
}

/** The hand label of the Sen1Floods11 chip as lon/lat polygons, and its raster water area. */
async function chipWater(): Promise<{ product: FC; rasterKm2: number }> {
  const r = await openRaster(chipPath('Spain_7370579_LabelHand.tif'));
  const [label] = await r.readWindow({ x0: 0, y0: 0, width: 512, height: 512 }, [0]);
  const grid = r.grid;
  await r.close();
  const mask = new Uint8Array(512 * 512);
  label!.forEach((v, i) => (mask[i] = v === 1 ? 1 : 0));
  const t = grid.transform;
  const toLonLat = (ring: Int32Array): Ring => {
    const out: Ring = [];
    for (let k = 0; k < ring.length; k += 2)
      out.push([t.originX + ring[k]! * t.pixelSizeX, t.originY + ring[k + 1]! * t.pixelSizeY]);
    return out;
  };
  const geoms = polygonize(mask, 512, 512, { connectivity: 8 }).map((c): GeoJSON.Geometry => ({
    type: 'MultiPolygon',
    coordinates: c.polygons.map((p) => [p.shell, ...p.holes].map(toLonLat)),
  }));
  const m = pixelAreaModel(grid, true, (x, y) => [x, y]);
  const rasterKm2 = classAreas(mask, 512, 512, m, [1]).get(1)!.areaM2 / KM2;
  return { product: fc(geoms), rasterKm2 };
}

const shift = (f: FC, dLon: number, dLat: number): FC =>
  JSON.parse(JSON.stringify(f), (k, v) =>
    Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? [v[0] + dLon, v[1] + dLat] : v,
  ) as FC;

describe('zonal statistics', () => {
  it('the real Sen1Floods11 flood label: total area equals the raster pixel area', async () => {
    const { product, rasterKm2 } = await chipWater();
    expect(product.features.length).toBe(571); // gdal_polygonize -8 count (chip README)
    const s = zonalStatistics(product, zones);
    expect(s.totalAreaKm2).toBeGreaterThan(5);
    expect(Math.abs(s.totalAreaKm2 / rasterKm2 - 1)).toBeLessThan(1e-6);
    // The chip is in Spain: no region of ours, no town.
    expect(s.regions).toEqual([]);
    expect(s.towns).toEqual([]);
  });

  it('the same flood moved across the Bamako / Koulikoro boundary: regions add up to the total', async () => {
    const { product } = await chipWater();
    // Bamako district's eastern edge near 7.93 W, 12.63 N; the chip is about 0.046° wide.
    const moved = shift(product, -7.95 - -0.7819, 12.6 - 38.1288);
    const s = zonalStatistics(moved, zones);
    const ids = s.regions.map((r) => r.regionId).sort();
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const sum = s.regions.reduce((a, r) => a + r.areaKm2, 0);
    expect(Math.abs(sum / s.totalAreaKm2 - 1)).toBeLessThan(1e-6);
    for (const r of s.regions) {
      expect(r.areaKm2).toBeGreaterThan(0);
      expect(Math.abs((r.share * r.regionAreaKm2) / r.areaKm2 - 1)).toBeLessThan(1e-6);
      expect(r.previousAreaKm2).toBeNull();
    }
    for (const t of s.towns) expect(t.distanceKm).toBeLessThanOrEqual(5);
  });

  it('a region polygon itself: share 1 and an area matching an independent integration', () => {
    for (const id of ['BF-01', 'ML-BKO', 'NE-8']) {
      const f = zones.regions.features.find((r) => r.properties?.['id'] === id);
      if (!f) continue;
      const s = zonalStatistics(fc([f.geometry]), zones);
      const r = s.regions.find((x) => x.regionId === id)!;
      expect(r.share).toBeCloseTo(1, 9);
      expect(s.regions.filter((x) => x.regionId !== id && x.areaKm2 > 1e-3)).toEqual([]);
      const rings = (f.geometry as GeoJSON.Polygon).coordinates as Ring[];
      const independentKm2 = scanlineAreaM2(rings, 0.002) / KM2;
      expect(Math.abs(r.regionAreaKm2 / independentKm2 - 1)).toBeLessThan(0.005);
      expect(Math.abs(s.totalAreaKm2 / independentKm2 - 1)).toBeLessThan(0.005);
    }
  });

  it('areas of lon/lat rectangles are exact and overlapping features count once', () => {
    const a = rect(-1, 13, -0.5, 13.5);
    const b = rect(-0.75, 13.25, -0.25, 13.75);
    const s = zonalStatistics(fc([a, a, b]), {
      ...zones,
      aois: [{ id: 'q', name: 'Q', geometry: rect(-1, 13, -0.5, 13.25) }],
    });
    const exact =
      (lonLatRectAreaM2(-1, 13, -0.5, 13.5) +
        lonLatRectAreaM2(-0.75, 13.25, -0.25, 13.75) -
        lonLatRectAreaM2(-0.75, 13.25, -0.5, 13.5)) /
      KM2;
    expect(Math.abs(s.totalAreaKm2 / exact - 1)).toBeLessThan(1e-9);
    expect(s.aois).toHaveLength(1);
    expect(s.aois[0]!.share).toBeCloseTo(1, 9);
    expect(s.aois[0]!.areaKm2).toBeCloseTo(lonLatRectAreaM2(-1, 13, -0.5, 13.25) / KM2, 5);
  });

  it('intersection areas by boundary pieces equal polyclip-ts’s clipped polygons (real polygons, holes)', async () => {
    const { product } = await chipWater();
    // The chip moved onto the Bamako district's boundary: many polygons straddle it.
    const moved = shift(product, -7.95 - -0.7819, 12.6 - 38.1288);
    const polys = collectionPolygons(moved);
    const zone = collectionPolygons(fc([region('ML-BKO').geometry]));
    const z = edgeSet(zone);
    let compared = 0;
    for (const p of polys) {
      const ours = intersectionAreaM2(edgeSet([p]), z);
      const theirs = multiPolygonAreaM2(
        intersection(p as [number, number][][], zone as [number, number][][][]),
      );
      expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-6 * Math.max(1, theirs));
      if (theirs > 0 && theirs < multiPolygonAreaM2([p]) * 0.999) compared++;
    }
    expect(compared).toBeGreaterThan(3); // polygons really cut by the boundary
    expect(polys.some((p) => p.length > 1)).toBe(true); // with holes
  });

  it('features touching along an edge or at a corner add up; the same polygon twice counts once', () => {
    const a = rect(1, 13, 1.5, 13.5);
    const b = rect(1.5, 13, 2, 13.5); // shares an edge with a
    const c = rect(2, 13.5, 2.5, 14); // touches b at a corner
    const s = zonalStatistics(fc([a, b, c, b]), zones);
    const exact = (lonLatRectAreaM2(1, 13, 2, 13.5) + lonLatRectAreaM2(2, 13.5, 2.5, 14)) / KM2;
    expect(Math.abs(s.totalAreaKm2 / exact - 1)).toBeLessThan(1e-7);
  });

  it('compares with the previous product, and lists a region that dried up', () => {
    const bko = region('ML-BKO');
    const now = fc([rect(-8.05, 12.6, -8.0, 12.65)]);
    const first = zonalStatistics(now, zones);
    const previous: ZonalStats = {
      ...first,
      regions: [
        ...first.regions.map((r) => ({ ...r, areaKm2: r.areaKm2 / 2 })),
        { ...first.regions[0]!, regionId: 'BF-01', name: 'Boucle du Mouhoun', areaKm2: 7 },
      ],
    };
    const s = zonalStatistics(now, zones, { previous });
    const b = s.regions.find((r) => r.regionId === bko.properties?.['id'])!;
    expect(b.previousAreaKm2).toBeCloseTo(b.areaKm2 / 2, 6);
    const dry = s.regions.find((r) => r.regionId === 'BF-01')!;
    expect(dry.areaKm2).toBe(0);
    expect(dry.previousAreaKm2).toBe(7);
  });

  it('towns inside and within the distance, with an independent great-circle distance', () => {
    // Bamako is at 8.0 W 12.65 N in the bundled towns. A box whose west edge is 3 km east.
    const R = 6371.0088;
    const dLon = (3 / (R * Math.cos((12.65 * Math.PI) / 180))) * (180 / Math.PI);
    const s = zonalStatistics(fc([rect(-8 + dLon, 12.6, -7.9, 12.7)]), zones);
    const bko = s.towns.find((t) => t.name === 'Bamako')!;
    expect(bko.inside).toBe(false);
    expect(Math.abs(bko.distanceKm - 3)).toBeLessThan(0.03); // sphere vs ellipsoid ≲ 0.5 %
    expect(
      zonalStatistics(fc([rect(-8 + dLon, 12.6, -7.9, 12.7)]), zones, {
        townDistanceKm: 2,
      }).towns.some((t) => t.name === 'Bamako'),
    ).toBe(false);
    const inside = zonalStatistics(fc([rect(-8.01, 12.64, -7.99, 12.66)]), zones);
    expect(inside.towns[0]).toMatchObject({
      name: 'Bamako',
      inside: true,
      distanceKm: 0,
      nation: 'ML',
    });
  });

  it('refuses bad geometry with the feature and field', () => {
    const bad = fc([rect(0, 0, 1, 1), { type: 'Point', coordinates: [0, 0] }]);
    expect(() => zonalStatistics(bad, zones)).toThrow(ValidationError);
    expect(() => zonalStatistics(bad, zones)).toThrow(/features\[1\]\.geometry\.type/);
    const nan = fc([
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, Number.NaN],
            [0, 0],
          ],
        ],
      },
    ]);
    expect(() => zonalStatistics(nan, zones)).toThrow(
      /features\[0\]\.geometry\.coordinates\[0\]\[2\]/,
    );
    expect(() => zonalStatistics({ type: 'Feature' } as unknown as FC, zones)).toThrow(
      /FeatureCollection/,
    );
  });
});
