/** STAC items describing products and the scenes they were made from. */
import { formatIsoUtc } from '../../core/time.js';
import type {
  BBox,
  Nation,
  ProductRecord,
  Releasability,
  StacItemRecord,
} from '../../store/index.js';
import { SCENES_COLLECTION, productCollection } from './collections.js';
import { type Geometry, bboxPolygon, geometryBounds } from './geometry.js';

/** Scene ids become item ids: letters, digits, `.`, `_`, `-` (others replaced by `_`). */
export function sceneIdOf(name: string): string {
  const base = name.replace(/^.*[/\\]/, '').replace(/\.(tiff?|TIFF?)$/, '');
  return base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'scene';
}

const toBBox = ([w, s, e, n]: readonly number[]): BBox => ({
  minLon: w!,
  minLat: s!,
  maxLon: e!,
  maxLat: n!,
});

/**
 * The item of a product: its footprint (the analysed area when known, else the bounding box of
 * the product's polygons), its acquisition instant, and assets served by the API.
 */
export function productItem(p: ProductRecord, footprint: Geometry | null): StacItemRecord {
  const b = p.bbox;
  const geometry = footprint ?? bboxPolygon([b.minLon, b.minLat, b.maxLon, b.maxLat]);
  const api = `/api/v1/products/${encodeURIComponent(p.id)}`;
  return {
    collectionId: productCollection(p.type),
    id: p.stacItemId,
    datetimeMs: p.acquiredAtMs,
    startMs: p.acquiredAtMs,
    endMs: p.acquiredAtMs,
    bbox: toBBox(geometryBounds(geometry)),
    geometry: geometry as StacItemRecord['geometry'],
    properties: {
      datetime: formatIsoUtc(p.acquiredAtMs),
      created: formatIsoUtc(p.createdAtMs),
      updated: formatIsoUtc(p.createdAtMs),
      title: p.title,
      'sahelsat:product_type': p.type,
      'sahelsat:nation': p.ownerNation,
      'sahelsat:releasability': p.releasability,
      'sahelsat:area_km2': p.areaKm2,
      ...(p.aoiId ? { 'sahelsat:aoi_id': p.aoiId } : {}),
    },
    assets: {
      geometry: {
        href: `${api}/geometry`,
        type: 'application/geo+json',
        title: p.type === 'flood' ? 'Water polygons (WGS-84)' : 'Change polygons (WGS-84)',
        roles: ['data'],
      },
      stats: {
        href: `${api}/stats.csv`,
        type: 'text/csv',
        title: 'Statistics per region, area of interest and town',
        roles: ['metadata'],
      },
    },
    links: [
      { rel: 'via', href: api, type: 'application/json', title: 'The product in the API' },
      ...p.sourceScenes.map((s) => ({
        rel: 'derived_from',
        href: `/stac/collections/${SCENES_COLLECTION}/items/${encodeURIComponent(s)}`,
        type: 'application/geo+json',
      })),
    ],
    extensions: [],
    ownerNation: p.ownerNation,
    releasability: p.releasability,
    createdAtMs: p.createdAtMs,
    updatedAtMs: p.createdAtMs,
  };
}

/** The item of a source scene. */
export function sceneItem(s: {
  id: string;
  footprint: Geometry;
  datetimeMs: number;
  sensor?: 'sar' | 'optical';
  role?: string;
  ownerNation: Nation;
  releasability: Releasability;
  nowMs: number;
}): StacItemRecord {
  return {
    collectionId: SCENES_COLLECTION,
    id: s.id,
    datetimeMs: s.datetimeMs,
    startMs: s.datetimeMs,
    endMs: s.datetimeMs,
    bbox: toBBox(geometryBounds(s.footprint)),
    geometry: s.footprint as StacItemRecord['geometry'],
    properties: {
      datetime: formatIsoUtc(s.datetimeMs),
      created: formatIsoUtc(s.nowMs),
      updated: formatIsoUtc(s.nowMs),
      title: s.id,
      'sahelsat:product_type': 'scene',
      'sahelsat:nation': s.ownerNation,
      'sahelsat:releasability': s.releasability,
      ...(s.sensor ? { 'sahelsat:sensor': s.sensor } : {}),
      ...(s.sensor === 'sar' ? { constellation: 'sentinel-1' } : {}),
      ...(s.sensor === 'optical' ? { constellation: 'sentinel-2' } : {}),
      ...(s.role ? { 'sahelsat:role': s.role } : {}),
    },
    assets: {},
    links: [],
    extensions: [],
    ownerNation: s.ownerNation,
    releasability: s.releasability,
    createdAtMs: s.nowMs,
    updatedAtMs: s.nowMs,
  };
}
