/**
 * STAC documents (landing page, collections, items, item collections, queryables) from store
 * records, with the navigation links the API adds. Every href is absolute: `base` is the
 * server's origin as the client reached it (e.g. `http://127.0.0.1:8080`); hrefs stored as
 * root-relative paths (`/api/v1/...`) are resolved against it.
 */
import { formatIsoUtc } from '../../core/time.js';
import type { StacCollectionRecord, StacItemRecord } from '../../store/index.js';
import { CONFORMANCE } from './conformance.js';

export const STAC_VERSION = '1.0.0';
const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

type Link = Record<string, unknown> & { rel: string; href: string };

export interface Urls {
  readonly base: string;
  readonly root: string;
}

export const urlsOf = (base: string): Urls => ({ base, root: `${base}/stac` });

const absolute = (u: Urls, href: unknown): unknown =>
  typeof href === 'string' && href.startsWith('/') ? `${u.base}${href}` : href;

export function landingPage(u: Urls, collections: readonly StacCollectionRecord[]) {
  return {
    type: 'Catalog',
    stac_version: STAC_VERSION,
    id: 'sahelsat',
    title: 'Sahelsat catalogue',
    description:
      'Scenes and products (flood, change) of the Mali–Burkina Faso–Niger ground segment. Items released to one nation are visible to that nation only.',
    conformsTo: [...CONFORMANCE],
    links: [
      { rel: 'self', href: u.root, type: JSON_TYPE, title: 'This document' },
      { rel: 'root', href: u.root, type: JSON_TYPE },
      { rel: 'conformance', href: `${u.root}/conformance`, type: JSON_TYPE },
      { rel: 'data', href: `${u.root}/collections`, type: JSON_TYPE },
      { rel: 'search', href: `${u.root}/search`, type: GEOJSON, method: 'GET' },
      { rel: 'search', href: `${u.root}/search`, type: GEOJSON, method: 'POST' },
      { rel: QUERYABLES_REL, href: `${u.root}/queryables`, type: 'application/schema+json' },
      {
        rel: 'service-desc',
        href: `${u.root}/api`,
        type: 'application/vnd.oai.openapi+json;version=3.1',
      },
      { rel: 'service-doc', href: `${u.base}/api/docs`, type: 'text/html' },
      ...collections.map((c) => ({
        rel: 'child',
        href: `${u.root}/collections/${encodeURIComponent(c.id)}`,
        type: JSON_TYPE,
        title: c.title,
      })),
    ],
  };
}

export function conformance() {
  return { conformsTo: [...CONFORMANCE] };
}

export interface Extent {
  readonly bbox: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  readonly startMs: number;
  readonly endMs: number;
}

export function collectionDocument(u: Urls, c: StacCollectionRecord, extent: Extent | null) {
  const href = `${u.root}/collections/${encodeURIComponent(c.id)}`;
  return {
    type: 'Collection',
    stac_version: STAC_VERSION,
    stac_extensions: [] as string[],
    id: c.id,
    title: c.title,
    description: c.description,
    license: 'other',
    ...c.document,
    extent: extent
      ? {
          spatial: {
            bbox: [
              [extent.bbox.minLon, extent.bbox.minLat, extent.bbox.maxLon, extent.bbox.maxLat],
            ],
          },
          temporal: { interval: [[formatIsoUtc(extent.startMs), formatIsoUtc(extent.endMs)]] },
        }
      : { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[null, null]] } },
    links: [
      { rel: 'self', href, type: JSON_TYPE },
      { rel: 'root', href: u.root, type: JSON_TYPE },
      { rel: 'parent', href: u.root, type: JSON_TYPE },
      { rel: 'items', href: `${href}/items`, type: GEOJSON },
      { rel: QUERYABLES_REL, href: `${href}/queryables`, type: 'application/schema+json' },
    ],
  };
}

export function collectionsDocument(u: Urls, docs: ReadonlyArray<Record<string, unknown>>) {
  return {
    collections: docs,
    links: [
      { rel: 'self', href: `${u.root}/collections`, type: JSON_TYPE },
      { rel: 'root', href: u.root, type: JSON_TYPE },
      { rel: 'parent', href: u.root, type: JSON_TYPE },
    ],
  };
}

export function itemDocument(u: Urls, i: StacItemRecord) {
  const collection = `${u.root}/collections/${encodeURIComponent(i.collectionId)}`;
  const assets = Object.fromEntries(
    Object.entries(i.assets).map(([k, a]) => [k, { ...a, href: absolute(u, a.href) }]),
  );
  return {
    type: 'Feature',
    stac_version: STAC_VERSION,
    stac_extensions: [...i.extensions],
    id: i.id,
    collection: i.collectionId,
    geometry: i.geometry,
    bbox: [i.bbox.minLon, i.bbox.minLat, i.bbox.maxLon, i.bbox.maxLat],
    properties: i.properties,
    assets,
    links: [
      {
        rel: 'self',
        href: `${collection}/items/${encodeURIComponent(i.id)}`,
        type: GEOJSON,
      },
      { rel: 'parent', href: collection, type: JSON_TYPE },
      { rel: 'collection', href: collection, type: JSON_TYPE },
      { rel: 'root', href: u.root, type: JSON_TYPE },
      ...i.links.map((l) => ({ ...l, href: absolute(u, l.href) }) as Link),
    ],
  };
}

/** An ItemCollection (search results or a collection's items). */
export function itemCollection(
  u: Urls,
  items: readonly StacItemRecord[],
  o: { matched: number; self: Link; next: Link | null; extra?: Link[] },
) {
  return {
    type: 'FeatureCollection',
    features: items.map((i) => itemDocument(u, i)),
    links: [
      o.self,
      { rel: 'root', href: u.root, type: JSON_TYPE },
      ...(o.extra ?? []),
      ...(o.next ? [o.next] : []),
    ],
    numberMatched: o.matched,
    numberReturned: items.length,
  };
}

/** The properties a filter or a sort may use (a JSON Schema, as OGC API Features Part 3). */
export function queryables(u: Urls, collectionId?: string) {
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: collectionId
      ? `${u.root}/collections/${encodeURIComponent(collectionId)}/queryables`
      : `${u.root}/queryables`,
    type: 'object',
    title: collectionId ? `Queryables of ${collectionId}` : 'Queryables',
    properties: {
      id: { description: 'Item id', type: 'string' },
      collection: { description: 'Collection id', type: 'string' },
      geometry: { description: 'Footprint', $ref: 'https://geojson.org/schema/Geometry.json' },
      datetime: { description: 'Acquisition instant', type: 'string', format: 'date-time' },
      created: { description: 'Publication instant', type: 'string', format: 'date-time' },
      title: { type: 'string' },
      'sahelsat:product_type': { type: 'string', enum: ['flood', 'change', 'scene'] },
      'sahelsat:nation': { type: 'string', enum: ['ML', 'BF', 'NE', 'AES'] },
      'sahelsat:releasability': { type: 'string', enum: ['nation', 'alliance'] },
      'sahelsat:area_km2': { description: 'Flooded or changed area, km²', type: 'number' },
      'sahelsat:aoi_id': { type: 'string' },
      'sahelsat:sensor': { type: 'string', enum: ['sar', 'optical'] },
    },
    additionalProperties: true,
  };
}
