/**
 * The imported-layer reader and the simplification for drawing, on the reference geodata (read
 * in place): the Douglas–Peucker guarantee checked independently (every dropped vertex lies
 * within the tolerance of the segment that replaced it), the budget met, nothing invented;
 * GeoJSON forms (bare geometry, Feature, null geometry, 3D positions, GeometryCollection).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simplifyForDisplay } from '../../src/io/simplify-layer.js';
import { parseUserLayer, sniffLayerFormat } from '../../src/io/user-layer.js';
import { referencePath } from '../support/reference.js';

const read = (f: string) => readFileSync(referencePath('geodata', f), 'utf8');

/** Distance in degrees from p to the segment ab (planar). */
function segDist(p: number[], a: number[], b: number[]): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const l2 = dx * dx + dy * dy;
  const t =
    l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / l2));
  return Math.hypot(a[0]! + t * dx - p[0]!, a[1]! + t * dy - p[1]!);
}

/** Lines of a layer (LineString and MultiLineString features), each as a list of positions. */
function lines(fc: GeoJSON.FeatureCollection): number[][][] {
  return fc.features.flatMap((f) => {
    const g = f.geometry;
    if (g.type === 'LineString') return [g.coordinates];
    if (g.type === 'MultiLineString') return g.coordinates;
    return [];
  });
}

describe('simplifyForDisplay', () => {
  const rivers = parseUserLayer(read('rivers_west_africa_ne10m.geojson'));
  if (!rivers.ok) throw new Error(JSON.stringify(rivers.issues));
  const fc = rivers.layer.collection;

  it('leaves a layer within the budget alone', () => {
    expect(simplifyForDisplay(fc, rivers.layer.positionCount)).toBeNull();
  });

  it('keeps the budget, the line ends, and every dropped vertex within the tolerance', () => {
    const budget = 2000;
    const s = simplifyForDisplay(fc, budget)!;
    expect(s.positionCount).toBeLessThanOrEqual(budget);
    expect(s.positionCount).toBeGreaterThan(budget * 0.9);
    const before = lines(fc);
    const after = lines(s.collection);
    expect(after).toHaveLength(before.length);
    let checked = 0;
    before.forEach((orig, i) => {
      const kept = after[i]!;
      expect(kept[0]).toEqual(orig[0]);
      expect(kept.at(-1)).toEqual(orig.at(-1));
      // Walk the original: kept vertices in order; each dropped one near the segment over it.
      let k = 0;
      for (const p of orig) {
        if (k < kept.length && kept[k]![0] === p[0] && kept[k]![1] === p[1]) {
          k++;
          continue;
        }
        expect(segDist(p, kept[k - 1]!, kept[k]!)).toBeLessThanOrEqual(s.toleranceDeg * (1 + 1e-9));
        checked++;
      }
      expect(k).toBe(kept.length);
    });
    expect(checked).toBeGreaterThan(10_000);
    // A display tolerance, not a distortion: well under a tenth of a degree here.
    expect(s.toleranceDeg).toBeLessThan(0.1);
  });

  it('keeps polygons drawable: closed rings of at least four positions', () => {
    const countries = parseUserLayer(read('countries_west_africa_ne10m.geojson'));
    if (!countries.ok) throw new Error('countries');
    const s = simplifyForDisplay(countries.layer.collection, 5000)!;
    expect(s.positionCount).toBeLessThan(5000 * 1.1);
    for (const f of s.collection.features) {
      const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring.at(-1));
        }
    }
  });
});

describe('parseUserLayer', () => {
  it('guesses the format from the first character', () => {
    expect(sniffLayerFormat('\uFEFF  {"type":"Point"}')).toBe('geojson');
    expect(sniffLayerFormat('\n<?xml version="1.0"?><kml/>')).toBe('kml');
    expect(sniffLayerFormat('lon,lat')).toBeNull();
  });

  it('reads bare geometries, Features, null geometries, 3D positions and collections', () => {
    const bare = parseUserLayer('{"type":"MultiPoint","coordinates":[[1,2,300],[3,4]]}');
    expect(bare.ok && bare.layer).toMatchObject({
      featureCount: 1,
      positionCount: 2,
      geometryTypes: ['MultiPoint'],
      bbox: [1, 2, 3, 4],
    });
    const gc = parseUserLayer(
      JSON.stringify({
        type: 'FeatureCollection',
        name: 'Mixed',
        features: [
          { type: 'Feature', id: 7, properties: null, geometry: null },
          {
            type: 'Feature',
            properties: { name: 'both' },
            geometry: {
              type: 'GeometryCollection',
              geometries: [
                { type: 'Point', coordinates: [-8, 12.6] },
                {
                  type: 'LineString',
                  coordinates: [
                    [-8, 12.6],
                    [-4.2, 14.5],
                  ],
                },
              ],
            },
          },
        ],
      }),
    );
    if (!gc.ok) throw new Error(JSON.stringify(gc.issues));
    expect(gc.layer.documentName).toBe('Mixed');
    expect(gc.layer.geometryTypes).toEqual(['LineString', 'Point']);
    expect(gc.layer.collection.features[0]).toEqual({
      type: 'Feature',
      id: 7,
      properties: {},
      geometry: null,
    });
  });

  it('lists the first problems and counts the rest over every feature', () => {
    const fc = {
      type: 'FeatureCollection',
      features: Array.from({ length: 25 }, (_, i) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: i === 3 ? [1, 2, 3, 4] : [i, 91] },
      })),
    };
    const r = parseUserLayer(JSON.stringify(fc, null, 1));
    if (r.ok) throw new Error('accepted');
    expect(r.issues).toHaveLength(21);
    expect(r.issues[3]).toMatchObject({
      path: 'features[3].geometry.coordinates',
      message: 'a position is [longitude, latitude] or [longitude, latitude, altitude] in numbers',
    });
    expect(r.issues[19]!.path).toBe('features[19].geometry.coordinates');
    expect(r.issues[20]).toEqual({ path: '(root)', message: '5 more problem(s) not listed' });
  });

  it('refuses a KML with a DTD (entity expansion, external lookups)', () => {
    const bomb =
      '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<kml><Placemark><name>&b;</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>';
    expect(parseUserLayer(bomb)).toEqual({
      ok: false,
      issues: [
        {
          path: '(root)',
          line: 2,
          message: 'a DOCTYPE or ENTITY declaration is not accepted in a KML file',
        },
      ],
    });
  });

  it('reports problems in French with the same paths', () => {
    const r = parseUserLayer('{"type":"Point","coordinates":[10,-91]}', { lang: 'fr' });
    expect(r).toEqual({
      ok: false,
      issues: [{ path: 'coordinates', message: 'latitude -91 hors de −90…90' }],
    });
  });
});
