/**
 * Zonal statistics of a flood or change product: the flooded (or changed) area per first-level
 * region of Mali, Burkina Faso and Niger and per area of interest, the share of each zone, the
 * comparison with the previous product, and the towns inside or near the flooded area.
 *
 * Areas are ellipsoidal (WGS-84) areas of the exact intersection of the product's polygons with
 * each zone (see polygon-set.ts and polygon-area.ts); overlapping product polygons are merged
 * first, so nothing is counted twice. Pure: the zones are passed in (`loadBundledZones` reads
 * the bundled ones).
 */
import { ValidationError } from '../core/errors.js';
import { type LonLatPolygon, polygonAreaM2 } from './polygon-area.js';
import {
  type BoxedPolygon,
  areaInsideM2,
  bboxesMeet,
  dissolve,
  distanceToPolygonsKm,
  prepareZone,
} from './polygon-set.js';

export { loadBundledZones } from './zones-bundled.js';

/** Statistics of one product (areas in km², shares in [0, 1]). */
export interface ZonalStats {
  totalAreaKm2: number;
  regions: Array<{
    regionId: string;
    name: string;
    nation: 'ML' | 'BF' | 'NE';
    areaKm2: number;
    regionAreaKm2: number;
    share: number;
    previousAreaKm2: number | null;
  }>;
  aois: Array<{ aoiId: string; name: string; areaKm2: number; share: number }>;
  towns: Array<{
    name: string;
    nation: string;
    population: number;
    latitudeDeg: number;
    longitudeDeg: number;
    distanceKm: number;
    inside: boolean;
  }>;
}

/** The zones: regions and towns (GeoJSON as in data/aoi/), optional areas of interest. */
export interface Zones {
  regions: GeoJSON.FeatureCollection;
  towns: GeoJSON.FeatureCollection;
  aois?: Array<{ id: string; name: string; geometry: GeoJSON.Geometry }>;
}

/** Options of {@link zonalStatistics}. */
export interface ZonalOptions {
  /** Towns within this distance (km) of the flooded area are listed. Default 5. */
  townDistanceKm?: number;
  /** Statistics of the previous product, for `previousAreaKm2` (null: no comparison). */
  previous?: ZonalStats | null;
}

export const DEFAULT_TOWN_DISTANCE_KM = 5;
const KM2 = 1e6;

/** ISO 3166 alpha-3 (Natural Earth, GeoNames) → our nation codes. */
export const NATION_OF_COUNTRY: Readonly<Record<string, 'ML' | 'BF' | 'NE'>> = {
  MLI: 'ML',
  BFA: 'BF',
  NER: 'NE',
  ML: 'ML',
  BF: 'BF',
  NE: 'NE',
};

/**
 * Polygons of a geometry, validated: Polygon or MultiPolygon, rings of at least 4 finite
 * lon/lat positions. `where` names the geometry in errors (e.g. `features[3].geometry`).
 * @throws ValidationError naming the field
 */
export function geometryPolygons(g: unknown, where: string, file?: string): LonLatPolygon[] {
  const loc = (field: string): { field: string; file?: string } =>
    file === undefined ? { field } : { field, file };
  if (g === null || typeof g !== 'object')
    throw new ValidationError('a geometry is required', {
      location: loc(where),
      expected: 'a GeoJSON Polygon or MultiPolygon',
      code: 'bad-geometry',
    });
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  const polys =
    type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : undefined;
  if (!Array.isArray(polys))
    throw new ValidationError('unsupported geometry', {
      location: loc(`${where}.type`),
      expected: 'Polygon or MultiPolygon with coordinates',
      received: String(type),
      code: 'bad-geometry',
    });
  return polys.map((p: unknown, i) => {
    const pw = type === 'Polygon' ? `${where}.coordinates` : `${where}.coordinates[${i}]`;
    if (!Array.isArray(p) || p.length === 0)
      throw new ValidationError('a polygon needs at least a shell ring', {
        location: loc(pw),
        code: 'bad-geometry',
      });
    return p.map((ring: unknown, r) => {
      if (!Array.isArray(ring) || ring.length < 4)
        throw new ValidationError('a ring needs at least 4 positions', {
          location: loc(`${pw}[${r}]`),
          code: 'bad-geometry',
        });
      return ring.map((pt: unknown, k) => {
        const ok =
          Array.isArray(pt) &&
          pt.length >= 2 &&
          Number.isFinite(pt[0]) &&
          Number.isFinite(pt[1]) &&
          Math.abs(pt[0] as number) <= 180 &&
          Math.abs(pt[1] as number) <= 90;
        if (!ok)
          throw new ValidationError('bad position', {
            location: loc(`${pw}[${r}][${k}]`),
            expected: '[longitude −180…180, latitude −90…90]',
            received: JSON.stringify(pt),
            code: 'bad-geometry',
          });
        return [pt[0] as number, pt[1] as number];
      });
    });
  });
}

/** Polygons of every feature of a FeatureCollection (features without geometry refused). */
export function collectionPolygons(fc: unknown, file?: string): LonLatPolygon[] {
  return collectionPolygonsByFeature(fc, file).flat();
}

/** The polygons of each feature of a FeatureCollection, validated. */
export function collectionPolygonsByFeature(fc: unknown, file?: string): LonLatPolygon[][] {
  const f = (fc as { type?: unknown; features?: unknown } | null) ?? {};
  if (f.type !== 'FeatureCollection' || !Array.isArray(f.features))
    throw new ValidationError('not a GeoJSON FeatureCollection', {
      location: file === undefined ? { field: 'type' } : { file, field: 'type' },
      expected: '{"type":"FeatureCollection","features":[…]}',
      code: 'bad-geometry',
    });
  return f.features.map((feat: unknown, i) =>
    geometryPolygons(
      (feat as { geometry?: unknown } | null)?.geometry,
      `features[${i}].geometry`,
      file,
    ),
  );
}

const round = (v: number, digits: number): number => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

function townStats(
  flooded: readonly BoxedPolygon[],
  towns: GeoJSON.FeatureCollection,
  maxKm: number,
): ZonalStats['towns'] {
  const out: ZonalStats['towns'] = [];
  for (const t of towns.features) {
    if (t.geometry?.type !== 'Point') continue;
    const [lon, lat] = t.geometry.coordinates as [number, number];
    const d = distanceToPolygonsKm(lon, lat, flooded, maxKm);
    if (!(d.distanceKm <= maxKm)) continue;
    const p = t.properties ?? {};
    const country = String(p['country'] ?? '');
    out.push({
      name: String(p['name'] ?? ''),
      nation: NATION_OF_COUNTRY[country] ?? country,
      population: Number(p['population'] ?? 0),
      latitudeDeg: lat,
      longitudeDeg: lon,
      distanceKm: round(d.distanceKm, 3),
      inside: d.inside,
    });
  }
  return out.sort((a, b) => a.distanceKm - b.distanceKm || b.population - a.population);
}

/**
 * Computes the zonal statistics of a product (a FeatureCollection of WGS-84 polygons).
 * Regions are listed when the product covers part of them or the previous product did (so a
 * receding flood shows its zero); AOIs when the product covers part of them. Both sorted by
 * decreasing area.
 * @throws ValidationError (code `bad-geometry`) naming the feature and field of a bad geometry
 * @example zonalStatistics(water, loadBundledZones(), { previous: lastWeek })
 */
export function zonalStatistics(
  product: GeoJSON.FeatureCollection,
  zones: Zones,
  options: ZonalOptions = {},
): ZonalStats {
  const maxKm = options.townDistanceKm ?? DEFAULT_TOWN_DISTANCE_KM;
  if (!(maxKm >= 0 && maxKm <= 500))
    throw new ValidationError('town distance out of range', {
      location: { field: 'townDistanceKm' },
      expected: '0…500 km',
      received: String(maxKm),
    });
  const features = collectionPolygonsByFeature(product);
  const flooded = dissolve(
    features.flatMap((f) => f),
    features.flatMap((f, i) => f.map(() => i)),
  );
  let total = 0;
  for (const p of flooded) total += polygonAreaM2(p.rings);
  const previous = options.previous ?? null;
  const prevArea = new Map(previous?.regions.map((r) => [r.regionId, r.areaKm2]) ?? []);
  const regions: ZonalStats['regions'] = [];
  zones.regions.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const id = String(p['id'] ?? i);
    const zone = prepareZone(geometryPolygons(f.geometry, `regions.features[${i}].geometry`));
    const areaKm2 = areaInsideM2(flooded, zone) / KM2;
    const before = previous ? (prevArea.get(id) ?? 0) : null;
    if (areaKm2 <= 0 && !(before !== null && before > 0)) return;
    const regionAreaKm2 = zone.areaM2 / KM2;
    regions.push({
      regionId: id,
      name: String(p['name'] ?? id),
      nation: NATION_OF_COUNTRY[String(p['country'] ?? '')] ?? 'ML',
      areaKm2: round(areaKm2, 6),
      regionAreaKm2: round(regionAreaKm2, 3),
      share: regionAreaKm2 > 0 ? areaKm2 / regionAreaKm2 : 0,
      previousAreaKm2: before,
    });
  });
  const aois: ZonalStats['aois'] = [];
  (zones.aois ?? []).forEach((a, i) => {
    const zone = prepareZone(geometryPolygons(a.geometry, `aois[${i}].geometry`));
    if (!flooded.some((p) => bboxesMeet(p.bbox, zone.bbox))) return;
    const areaKm2 = areaInsideM2(flooded, zone) / KM2;
    if (areaKm2 <= 0) return;
    aois.push({
      aoiId: a.id,
      name: a.name,
      areaKm2: round(areaKm2, 6),
      share: zone.areaM2 > 0 ? (areaKm2 * KM2) / zone.areaM2 : 0,
    });
  });
  return {
    totalAreaKm2: round(total / KM2, 6),
    regions: regions.sort((a, b) => b.areaKm2 - a.areaKm2),
    aois: aois.sort((a, b) => b.areaKm2 - a.areaKm2),
    towns: townStats(flooded, zones.towns, maxKm),
  };
}
