/**
 * Areas of interest: geometry validation with located errors, the GeoJSON reader, the bundled
 * layers compared with the shared reference extraction (same sources: areas, counts, ids), the
 * border strips (inside their country, within the strip width of their border), and a river
 * corridor from the reference's Niger line.
 */
import area from '@turf/area';
import { describe, expect, it } from 'vitest';
import { validateGeometry } from '../../src/access/aoi/validate.js';
import { corridorAround } from '../../src/access/aoi/corridor.js';
import { inAny, prepareGeometry } from '../../src/access/aoi/point-in-polygon.js';
import { cellAreaKm2, gridCells } from '../../src/access/aoi/grid.js';
import type { AoiGeometry } from '../../src/access/aoi/types.js';
import { ValidationError } from '../../src/core/errors.js';
import { parseAoiGeoJson } from '../../src/io/aoi-geojson.js';
import {
  loadBundledAoiLayer,
  loadBundledBorders,
  resolveBundledAoi,
} from '../../src/io/bundled-aoi.js';
import { readReference } from '../support/reference.js';

const KM2 = 1e6; // m² per km²
const areaKm2 = (g: AoiGeometry): number =>
  area({ type: 'Feature', properties: {}, geometry: g as never }) / KM2;

describe('geometry validation', () => {
  const square = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ] as [number, number][];
  it('accepts a simple polygon with a hole', () => {
    const hole = [
      [0.2, 0.2],
      [0.2, 0.8],
      [0.8, 0.8],
      [0.8, 0.2],
      [0.2, 0.2],
    ] as [number, number][];
    expect(validateGeometry({ type: 'Polygon', coordinates: [square, hole] })).toEqual([]);
  });
  it('reports an open ring at its last position', () => {
    const issues = validateGeometry({ type: 'Polygon', coordinates: [square.slice(0, 3)] });
    expect(issues[0]!.message).toBe('ring too short');
    const open = validateGeometry({
      type: 'Polygon',
      coordinates: [[...square.slice(0, 4), [0, 0.5]]],
    });
    expect(open[0]).toMatchObject({ path: 'coordinates[0][4]', message: 'ring not closed' });
  });
  it('reports a bow-tie (self-intersection) with the edge', () => {
    const bow = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ] as [number, number][];
    const issues = validateGeometry({ type: 'MultiPolygon', coordinates: [[square], [bow]] });
    expect(issues[0]!.path).toMatch(/^coordinates\[1\]\[0\]\[\d\]$/);
    expect(issues[0]!.message).toMatch(/intersects itself/);
  });
  it('reports a hole crossing its outer ring', () => {
    const hole = [
      [0.5, 0.5],
      [1.5, 0.5],
      [1.5, 0.7],
      [0.5, 0.5],
    ] as [number, number][];
    const issues = validateGeometry({ type: 'Polygon', coordinates: [square, hole] });
    expect(issues[0]!.message).toMatch(/ring 1 meets ring 0/);
  });
  it('reports an unsplit antimeridian crossing and out-of-range positions', () => {
    const across = [
      [179, 0],
      [-179, 0],
      [-179, 1],
      [179, 1],
      [179, 0],
    ] as [number, number][];
    expect(validateGeometry({ type: 'Polygon', coordinates: [across] })[0]!.message).toMatch(
      /antimeridian/,
    );
    expect(validateGeometry({ type: 'Point', coordinates: [190, 0] })[0]!.message).toBe(
      'bad position',
    );
  });
  it('a polygon split at the antimeridian grids on both sides only', () => {
    const g: AoiGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [179, 0],
            [180, 0],
            [180, 1],
            [179, 1],
            [179, 0],
          ],
        ],
        [
          [
            [-180, 0],
            [-179, 0],
            [-179, 1],
            [-180, 1],
            [-180, 0],
          ],
        ],
      ],
    };
    expect(validateGeometry(g)).toEqual([]);
    const cells = gridCells(g, 0.5);
    expect(cells).toHaveLength(8);
    expect(new Set(cells.map((c) => Math.sign(c.lonDeg)))).toEqual(new Set([1, -1]));
  });
});

describe('GeoJSON reader', () => {
  it('locates a bad feature by line and path', () => {
    const text = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[1,2]}},
{"type":"Feature","properties":{"id":"b"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]}}
]}`;
    try {
      parseAoiGeoJson(text, 'targets.geojson');
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      const e = err as ValidationError;
      expect(e.location).toMatchObject({
        file: 'targets.geojson',
        line: 3,
        field: 'features[1].geometry.coordinates[0][3]',
      });
      expect(e.message).toMatch(/ring not closed/);
    }
  });
  it('rejects unsupported geometries and duplicate ids, keeps lines apart', () => {
    const fc = (f: string): string => `{"type":"FeatureCollection","features":[${f}]}`;
    expect(() =>
      parseAoiGeoJson(
        fc('{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[]}}'),
        'x',
      ),
    ).toThrow(/unsupported geometry type/);
    const p =
      '{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[1,2]}}';
    expect(() => parseAoiGeoJson(fc(`${p},${p}`), 'x')).toThrow(/duplicate id "a"/);
    const layer = parseAoiGeoJson(
      fc(
        `${p},{"type":"Feature","properties":{"name":"r"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}`,
      ),
      'x',
    );
    expect(layer.aois.map((a) => a.id)).toEqual(['a']);
    expect(layer.lines[0]!.name).toBe('r');
    expect(() => parseAoiGeoJson('{"type":', 'x')).toThrow(/not valid JSON/);
  });
});

interface RefFeature {
  properties: Record<string, unknown>;
  geometry: AoiGeometry;
}
const ref = (name: string): RefFeature[] =>
  (JSON.parse(readReference('geodata', name)) as { features: RefFeature[] }).features;

describe('bundled layers (against the reference extraction of the same sources)', () => {
  const countries = loadBundledAoiLayer('countries');
  it('the three countries, each within 0.2 % of the reference area', () => {
    expect(countries.map((c) => c.id)).toEqual(['MLI', 'BFA', 'NER']);
    const refC = ref('countries_mli_bfa_ner_ne10m.geojson');
    for (const c of countries) {
      const r = refC.find((x) => x.properties.iso_a3 === c.id)!;
      expect(Math.abs(areaKm2(c.geometry) / areaKm2(r.geometry) - 1)).toBeLessThan(0.002);
    }
    // sanity against published surfaces (km²): Mali 1.24 M, Niger 1.27 M, Burkina Faso 0.27 M
    // (Natural Earth's generalised 1:10m outlines, on turf's sphere, within 8 %)
    const km2 = Object.fromEntries(countries.map((c) => [c.id, areaKm2(c.geometry)]));
    expect(Math.abs(km2.MLI! / 1.24e6 - 1)).toBeLessThan(0.08);
    expect(Math.abs(km2.NER! / 1.267e6 - 1)).toBeLessThan(0.08);
    expect(Math.abs(km2.BFA! / 2.74e5 - 1)).toBeLessThan(0.08);
  });
  it('first-level regions: Mali 9, Niger 8, Burkina Faso 13; areas match the reference', () => {
    const regions = loadBundledAoiLayer('regions');
    const count = (iso: string): number =>
      regions.filter((r) => r.properties.country === iso).length;
    expect([count('MLI'), count('NER'), count('BFA')]).toEqual([9, 8, 13]);
    const refA = ref('admin1_mli_bfa_ner_ne10m.geojson');
    for (const r of regions.filter((x) => x.properties.country !== 'BFA')) {
      const m = refA.find((x) => x.properties.iso_3166_2 === r.id)!;
      expect(Math.abs(areaKm2(r.geometry) / areaKm2(m.geometry) - 1), r.id).toBeLessThan(0.002);
    }
    const refB = ref('admin1_bfa_13_regions_dissolved_ne10m.geojson');
    for (const r of regions.filter((x) => x.properties.country === 'BFA')) {
      const m = refB.find((x) => x.properties.region === r.name)!;
      expect(Math.abs(areaKm2(r.geometry) / areaKm2(m.geometry) - 1), r.name).toBeLessThan(0.005);
    }
  });
  it('towns: the same GeoNames places as the reference', () => {
    const towns = loadBundledAoiLayer('towns');
    const refT = ref('towns_mli_bfa_ner_geonames.geojson');
    expect(towns).toHaveLength(refT.length);
    expect(new Set(towns.map((t) => t.id))).toEqual(
      new Set(refT.map((t) => `geonames:${String(t.properties.geonameid)}`)),
    );
  });
  it('borders: the same lines as the reference mesh (total length within 0.5 %)', () => {
    const len = (coords: readonly (readonly [number, number])[]): number => {
      let s = 0;
      for (let i = 1; i < coords.length; i++) {
        const [x0, y0] = coords[i - 1]!;
        const [x1, y1] = coords[i]!;
        const dx = (x1 - x0) * Math.cos(((y0 + y1) / 2) * (Math.PI / 180));
        s += Math.hypot(dx, y1 - y0) * 111.195;
      }
      return s;
    };
    const ours = loadBundledBorders().reduce(
      (acc, b) =>
        acc +
        (b.geometry.type === 'LineString'
          ? len(b.geometry.coordinates)
          : b.geometry.coordinates.reduce((a, l) => a + len(l), 0)),
      0,
    );
    const refB = ref('borders_mli_bfa_ner_ne10m.geojson')[0]!.geometry as unknown as {
      coordinates: [number, number][][];
    };
    const theirs = refB.coordinates.reduce((a, l) => a + len(l), 0);
    expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.005);
  });
  it('border strips lie inside their country and within 50 km of their border', () => {
    const strips = loadBundledAoiLayer('border-strips');
    const borders = loadBundledBorders();
    expect(new Set(strips.map((s) => s.properties.segment)).size).toBe(17);
    const distanceKm = (lon: number, lat: number, lines: [number, number][][]): number => {
      let best = Infinity;
      const k = Math.cos(lat * (Math.PI / 180));
      for (const l of lines) {
        for (let i = 1; i < l.length; i++) {
          const ax = (l[i - 1]![0] - lon) * k;
          const ay = l[i - 1]![1] - lat;
          const bx = (l[i]![0] - lon) * k;
          const by = l[i]![1] - lat;
          const dx = bx - ax;
          const dy = by - ay;
          const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
          best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy) * 111.195);
        }
      }
      return best;
    };
    for (const s of strips) {
      const country = countries.find((c) => c.id === s.properties.side)!;
      const border = borders.find((b) => b.id === s.properties.segment)!;
      const lines = (
        border.geometry.type === 'LineString'
          ? [border.geometry.coordinates]
          : border.geometry.coordinates
      ) as [number, number][][];
      const cells = gridCells(s.geometry, 0.1);
      expect(cells.length, s.id).toBeGreaterThan(0);
      const poly = prepareGeometry(country.geometry);
      for (const c of cells) {
        expect(inAny(poly, c.lonDeg, c.latDeg), `${s.id} ${c.lonDeg},${c.latDeg}`).toBe(true);
        expect(distanceKm(c.lonDeg, c.latDeg, lines), s.id).toBeLessThan(50.5);
      }
      // the strip is about 50 km wide: area ≈ 50 km × border length (ends and bends aside)
    }
    const mliNer = resolveBundledAoi('border:MLI-NER');
    expect(mliNer.geometry.type).toBe('MultiPolygon');
    // Mali–Niger border ≈ 820 km: both sides of a 50-km band ≈ 2 × 50 × 820 km²
    expect(areaKm2(mliNer.geometry)).toBeGreaterThan(0.8 * 2 * 50 * 820);
    expect(areaKm2(mliNer.geometry)).toBeLessThan(1.2 * 2 * 50 * 820);
  });
  it('resolves names: codes, French and English names, accents and case ignored', () => {
    expect(resolveBundledAoi('tombouctou').id).toBe('ML-6');
    expect(resolveBundledAoi('Timbuktu').id).toBe('ML-6');
    expect(resolveBundledAoi('tillaberi').id).toBe('NE-6');
    expect(resolveBundledAoi('Niger').id).toBe('NER');
    expect(resolveBundledAoi('AES').geometry.type).toBe('MultiPolygon');
    expect(resolveBundledAoi('town:Ouagadougou').geometry.type).toBe('Point');
    expect(() => resolveBundledAoi('Atlantis')).toThrow(/unknown area/);
    expect(() => resolveBundledAoi('border:MLI-XXX')).toThrow(/unknown border strip/);
  });
});

describe('grid and corridor', () => {
  it('cells of 0.1° cover each country within 0.5 % of its area', () => {
    for (const c of loadBundledAoiLayer('countries')) {
      const cells = gridCells(c.geometry, 0.1);
      const total = cells.reduce((s, x) => s + x.areaKm2, 0);
      expect(Math.abs(total / areaKm2(c.geometry) - 1), c.id).toBeLessThan(0.005);
    }
    expect(cellAreaKm2(0, 1)).toBeCloseTo(12_364, -1);
  });
  it('a 10-km corridor around the reference Niger river line', () => {
    const river = parseAoiGeoJson(readReference('geodata', 'river_niger_ne10m.geojson'), 'niger');
    expect(river.lines.length).toBeGreaterThan(0);
    const line = river.lines.find((l) => /River/i.test(String(l.properties.featurecla)))!;
    const corridor = corridorAround(line.geometry, 10);
    expect(validateGeometry(corridor)).toEqual([]);
    const parts =
      line.geometry.type === 'LineString' ? [line.geometry.coordinates] : line.geometry.coordinates;
    const poly = prepareGeometry(corridor);
    for (const [lon, lat] of parts.flat()) expect(inAny(poly, lon, lat)).toBe(true);
    // a point 30 km north of the river at Niamey is outside, one 5 km away inside
    expect(inAny(poly, 2.11, 13.51 + 30 / 111.2)).toBe(false);
    expect(inAny(poly, 2.11, 13.5 + 2 / 111.2)).toBe(true);
    let length = 0;
    for (const coords of parts) {
      for (let i = 1; i < coords.length; i++) {
        const [x0, y0] = coords[i - 1]!;
        const [x1, y1] = coords[i]!;
        length += Math.hypot((x1 - x0) * Math.cos((y0 * Math.PI) / 180), y1 - y0) * 111.195;
      }
    }
    // area ≈ 2 × 10 km × length, less where meanders overlap
    const a = areaKm2(corridor);
    expect(a).toBeLessThan(2 * 10 * length * 1.02);
    expect(a).toBeGreaterThan(2 * 10 * length * 0.6);
  });
});
