import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentAreaM2, pixelAreaModel } from '../../src/imaging/area.js';
import { applyMinimumMappingUnit } from '../../src/imaging/mmu.js';
import { type PixelComponent, polygonize, ringArea2 } from '../../src/imaging/polygonize.js';
import { writeComponentsGeoJson } from '../../src/io/geojson-writer.js';
import { HAS_GDAL, SYSTEM_PYTHON, handLabel, readChip, rng, scratch } from '../support/imagery.js';

function maskOf(rows: string[]): { m: Uint8Array; w: number; h: number } {
  const h = rows.length;
  const w = rows[0]!.length;
  const m = new Uint8Array(w * h);
  rows.forEach((r, y) =>
    [...r].forEach((c, x) => (m[y * w + x] = c === '#' ? 1 : c === 'x' ? 255 : 0)),
  );
  return { m, w, h };
}

/** Every ring closed, rectilinear, and without a repeated vertex (simple). */
function checkRings(comps: PixelComponent[]): void {
  for (const c of comps)
    for (const p of c.polygons) {
      expect(ringArea2(p.shell)).toBeGreaterThan(0);
      for (const h of p.holes) expect(ringArea2(h)).toBeLessThan(0);
      for (const r of [p.shell, ...p.holes]) {
        const n = r.length / 2;
        expect(r[0]).toBe(r[r.length - 2]);
        expect(r[1]).toBe(r[r.length - 1]);
        const seen = new Set<number>();
        for (let k = 0; k < n - 1; k++) {
          const key = r[2 * k]! * 100003 + r[2 * k + 1]!;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          expect(r[2 * k] === r[2 * k + 2] || r[2 * k + 1] === r[2 * k + 3]).toBe(true);
        }
      }
    }
}

/** Connected components by flood fill, the definition to compare with. */
function countComponents(
  m: Uint8Array,
  w: number,
  h: number,
  value: number,
  diagonal: boolean,
): number {
  const seen = new Uint8Array(m.length);
  let n = 0;
  for (let s = 0; s < m.length; s++) {
    if (m[s] !== value || seen[s]) continue;
    n++;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % w;
      const y = (k - x) / w;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if ((!dx && !dy) || (!diagonal && dx && dy)) continue;
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const kk = yy * w + xx;
          if (m[kk] === value && !seen[kk]) {
            seen[kk] = 1;
            stack.push(kk);
          }
        }
    }
  }
  return n;
}

describe('polygonize', () => {
  it('outlines a square with a hole', () => {
    const { m, w, h } = maskOf(['###', '#.#', '###']);
    const [c, ...rest] = polygonize(m, w, h);
    expect(rest).toEqual([]);
    expect(c!.pixels).toBe(8);
    expect(Array.from(c!.polygons[0]!.shell)).toEqual([3, 0, 3, 3, 0, 3, 0, 0, 3, 0]);
    expect(c!.polygons[0]!.holes.map((r) => Array.from(r))).toEqual([
      [1, 1, 1, 2, 2, 2, 2, 1, 1, 1],
    ]);
  });

  it('keeps diagonal neighbours as one component (8) or two (4), never a self-touching ring', () => {
    const { m, w, h } = maskOf(['#.', '.#']);
    const c8 = polygonize(m, w, h, { connectivity: 8 });
    expect(c8.length).toBe(1);
    expect(c8[0]!.polygons.length).toBe(2);
    expect(polygonize(m, w, h, { connectivity: 4 }).length).toBe(2);
  });

  it('splits a pinched ring into a shell and a hole touching it at one point', () => {
    // A U whose tips touch diagonally: the inside connects to the outside through the pinch.
    const { m, w, h } = maskOf(['####', '#..#', '#.#.', '###.']);
    const comps = polygonize(m, w, h, { connectivity: 4 });
    checkRings(comps);
    expect(comps.reduce((s, c) => s + c.pixels, 0)).toBe(m.reduce((s, v) => s + v, 0));
  });

  it('on random masks: exact pixel areas, simple rings, component counts equal to flood fill', () => {
    const r = rng(42);
    for (const density of [0.2, 0.5, 0.7])
      for (const conn of [4, 8] as const) {
        const w = 61;
        const h = 47;
        const m = new Uint8Array(w * h);
        for (let i = 0; i < m.length; i++) m[i] = r() < density ? 1 : 0;
        const comps = polygonize(m, w, h, { connectivity: conn });
        checkRings(comps);
        expect(comps.reduce((s, c) => s + c.pixels, 0)).toBe(m.reduce((s, v) => s + v, 0));
        expect(comps.length).toBe(countComponents(m, w, h, 1, conn === 8));
      }
  });

  it('gives the polygon counts GDAL gives on the chip (README: 571 with -8; 1946 for both classes with 4)', async () => {
    const label = await handLabel();
    const water = Uint8Array.from(label, (v) => (v === 1 ? 1 : 0));
    expect(polygonize(water, 512, 512, { connectivity: 8 }).length).toBe(571);
    const [vh] = await readChip('Spain_7370579_S1Hand.tif', [1]);
    const dark = Uint8Array.from(vh!, (v) => (v < -21.82 ? 1 : 0));
    const both =
      polygonize(dark, 512, 512, { connectivity: 4, value: 1 }).length +
      polygonize(dark, 512, 512, { connectivity: 4, value: 0 }).length;
    expect(both).toBe(1946);
  });

  it.skipIf(!HAS_GDAL)(
    'writes GeoJSON polygons that GEOS finds valid, with areas matching the pixels',
    async () => {
      const label = await handLabel();
      const water = Uint8Array.from(label, (v) => (v === 1 ? 1 : 0));
      const comps = polygonize(water, 512, 512, { connectivity: 8 });
      const grid = {
        width: 512,
        height: 512,
        epsg: 4326,
        transform: {
          originX: -0.78189,
          originY: 38.12881,
          pixelSizeX: 8.983e-5,
          pixelSizeY: -8.983e-5,
        },
      };
      const model = pixelAreaModel(grid, true, (x, y) => [x, y]);
      const dir = await scratch('geojson');
      const path = join(dir, 'w.geojson');
      await writeComponentsGeoJson(path, comps, {
        grid,
        toLonLat: (x, y) => [x, y],
        properties: (c) => ({ area_m2: componentAreaM2(c, model), pixels: c.pixels }),
      });
      const json = JSON.parse(await readFile(path, 'utf8')) as {
        features: { properties: { area_m2: number; pixels: number } }[];
      };
      expect(json.features.length).toBe(571);
      // Area of each feature = its pixels × the row's pixel area (within the row-to-row variation).
      for (const f of json.features)
        expect(f.properties.area_m2 / f.properties.pixels).toBeCloseTo(model.rowArea[256]!, 0);
      const out = execFileSync(
        SYSTEM_PYTHON,
        [
          '-c',
          'import sys\nfrom osgeo import ogr\nds=ogr.Open(sys.argv[1])\nl=ds.GetLayer()\nbad=sum(0 if f.GetGeometryRef().IsValid() else 1 for f in l)\nprint(l.GetFeatureCount(), bad)',
          path,
        ],
        { encoding: 'utf8' },
      );
      expect(out.trim()).toBe('571 0');
    },
  );
});

describe('minimum mapping unit', () => {
  it('removes small water patches, fills small enclosed dry holes, leaves nodata alone', () => {
    const { m, w, h } = maskOf(['#.....', '......', '.####.', '.#.##.', '.####.', 'xx..#.']);
    const r = applyMinimumMappingUnit(m, w, h, 2);
    expect(r.waterRemovedPx).toBe(1);
    expect(r.holesFilledPx).toBe(1);
    expect(m[0]).toBe(0);
    expect(m[3 * w + 2]).toBe(1);
    expect(m[5 * w]).toBe(255);
  });
});
