/**
 * Item search: parameters (GET query or POST body) → a normalised request, with a 400 naming
 * the parameter for anything malformed; then the search itself over the visible candidates the
 * store's SQL prefilter returned (bbox and interval on indexed columns): exact `intersects`,
 * the CQL2 filter, the sort and the page, evaluated here so both backends answer the same.
 *
 * Paging is by an opaque `token` (the offset in the sorted result); a result set is sorted by
 * the requested fields, then by datetime (newest first), collection and id, a total order, so
 * walking the pages visits every item exactly once when nothing is added meanwhile.
 */
import type { StacItemRecord, StacPrefilter } from '../../store/index.js';
import { type Filter, evaluate, parseCql2, parseRfc3339 } from './cql2.js';
import { badParameter } from './errors.js';
import { type BBox4, type Geometry, geometryBounds, intersector } from './geometry.js';
import { parseGeometry } from './geojson.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface SearchRequest {
  readonly collections?: readonly string[];
  readonly ids?: readonly string[];
  readonly bbox?: BBox4;
  readonly intersects?: Geometry;
  readonly startMs?: number;
  readonly endMs?: number;
  readonly limit: number;
  readonly offset: number;
  readonly sortby: readonly SortKey[];
  readonly filter?: Filter;
}

/** The parameters a GET search (or an items request) accepts. */
const GET_PARAMS = new Set([
  'collections',
  'ids',
  'bbox',
  'intersects',
  'datetime',
  'limit',
  'token',
  'sortby',
  'filter',
  'filter-lang',
  'filter-crs',
]);
const POST_FIELDS = new Set([...GET_PARAMS, 'filter']);

/** Parses `datetime`: an instant, or an interval `a/b` with `..` or an empty string for an open end. */
export function parseDatetime(text: string): { startMs?: number; endMs?: number } {
  const parts = text.split('/');
  const instant = (s: string, which: string): number => {
    const ms = parseRfc3339(s);
    if (ms === null) throw badParameter('datetime', 'datetime.not-rfc3339', { which, value: s });
    return ms;
  };
  if (parts.length === 1) {
    const ms = instant(parts[0]!, '@datetime.which.instant');
    return { startMs: ms, endMs: ms };
  }
  if (parts.length !== 2) throw badParameter('datetime', 'datetime.shape');
  const open = (s: string) => s === '' || s === '..';
  const [a, b] = parts as [string, string];
  if (open(a) && open(b)) throw badParameter('datetime', 'datetime.both-open');
  const startMs = open(a) ? undefined : instant(a, '@datetime.which.start');
  const endMs = open(b) ? undefined : instant(b, '@datetime.which.end');
  if (startMs !== undefined && endMs !== undefined && startMs > endMs)
    throw badParameter('datetime', 'datetime.reversed');
  return {
    ...(startMs !== undefined ? { startMs } : {}),
    ...(endMs !== undefined ? { endMs } : {}),
  };
}

function parseBbox(values: unknown, name = 'bbox'): BBox4 {
  const nums = Array.isArray(values)
    ? values
    : String(values)
        .split(',')
        .map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (
    (nums.length !== 4 && nums.length !== 6) ||
    !nums.every((v) => typeof v === 'number' && Number.isFinite(v))
  )
    throw badParameter(name, 'bbox.numbers');
  const n = nums as number[];
  const [w, s, e, nn] = n.length === 4 ? n : [n[0]!, n[1]!, n[3]!, n[4]!];
  if (s! < -90 || nn! > 90 || s! > nn!) throw badParameter(name, 'bbox.latitudes');
  if (w! < -180 || w! > 180 || e! < -180 || e! > 180) throw badParameter(name, 'bbox.longitudes');
  return [w!, s!, e!, nn!];
}

function parseLimit(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badParameter('limit', 'limit.range', { max: MAX_LIMIT });
  return Math.min(n, MAX_LIMIT);
}

export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(v: unknown): number {
  if (typeof v !== 'string' || v === '') throw badParameter('token', 'token.missing');
  try {
    const o = (JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw badParameter('token', 'token.foreign');
}

function parseSortText(text: string): SortKey[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const desc = s.startsWith('-');
      const field = s.replace(/^[+-]/, '').trim();
      if (field === '') throw badParameter('sortby', 'sortby.empty', { text });
      return { field, direction: desc ? 'desc' : 'asc' };
    });
}

function parseSortJson(v: unknown): SortKey[] {
  if (!Array.isArray(v)) throw badParameter('sortby', 'sortby.array');
  return v.map((x, i) => {
    const o = x as { field?: unknown; direction?: unknown };
    if (typeof o?.field !== 'string' || o.field === '')
      throw badParameter(`sortby[${i}].field`, 'sortby.field');
    const d = o.direction ?? 'asc';
    if (d !== 'asc' && d !== 'desc')
      throw badParameter(`sortby[${i}].direction`, 'sortby.direction');
    return { field: o.field, direction: d };
  });
}

function listParam(v: unknown, name: string): string[] {
  const items = Array.isArray(v) ? v : String(v).split(',');
  if (!items.every((x) => typeof x === 'string')) throw badParameter(name, 'list.strings');
  return (items as string[]).map((s) => s.trim()).filter((s) => s !== '');
}

function filterParams(lang: unknown, crs: unknown, filter: unknown, fromText: boolean): Filter {
  if (lang !== undefined && lang !== 'cql2-json') throw badParameter('filter-lang', 'filter.lang');
  if (crs !== undefined && crs !== CRS84)
    throw badParameter('filter-crs', 'filter.crs', { crs: CRS84 });
  let json = filter;
  if (fromText) {
    try {
      json = JSON.parse(String(filter));
    } catch {
      throw badParameter('filter', 'filter.text');
    }
  }
  return parseCql2(json);
}

/** A GET search or items request from its query parameters. */
export function parseSearchQuery(
  q: Readonly<Record<string, unknown>>,
  o: { readonly collection?: string } = {},
): SearchRequest {
  const allowed = o.collection ? [...GET_PARAMS].filter((p) => p !== 'collections') : GET_PARAMS;
  for (const k of Object.keys(q))
    if (!new Set(allowed).has(k)) throw badParameter(k, 'param.unknown');
  for (const [k, v] of Object.entries(q))
    if (Array.isArray(v)) throw badParameter(k, 'param.repeated');
  if (q.bbox !== undefined && q.intersects !== undefined)
    throw badParameter('intersects', 'intersects.with-bbox');
  let intersects: Geometry | undefined;
  if (q.intersects !== undefined) {
    try {
      intersects = parseGeometry(JSON.parse(String(q.intersects)), 'intersects');
    } catch (err) {
      if (err instanceof SyntaxError) throw badParameter('intersects', 'json.invalid');
      throw err;
    }
  }
  return {
    ...(o.collection
      ? { collections: [o.collection] }
      : q.collections !== undefined
        ? { collections: listParam(q.collections, 'collections') }
        : {}),
    ...(q.ids !== undefined ? { ids: listParam(q.ids, 'ids') } : {}),
    ...(q.bbox !== undefined ? { bbox: parseBbox(q.bbox) } : {}),
    ...(intersects ? { intersects } : {}),
    ...(q.datetime !== undefined ? parseDatetime(String(q.datetime)) : {}),
    limit: q.limit !== undefined ? parseLimit(q.limit) : DEFAULT_LIMIT,
    offset: q.token !== undefined ? decodeToken(q.token) : 0,
    sortby: q.sortby !== undefined ? parseSortText(String(q.sortby)) : [],
    ...(q.filter !== undefined
      ? { filter: filterParams(q['filter-lang'], q['filter-crs'], q.filter, true) }
      : {}),
  };
}

/** A POST search from its JSON body. */
export function parseSearchBody(body: unknown): SearchRequest {
  if (body === undefined || body === null) return parseSearchQuery({});
  if (typeof body !== 'object' || Array.isArray(body)) throw badParameter('body', 'body.object');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!POST_FIELDS.has(k)) throw badParameter(k, 'field.unknown');
  if (b.bbox !== undefined && b.intersects !== undefined)
    throw badParameter('intersects', 'intersects.with-bbox');
  if (b.datetime !== undefined && typeof b.datetime !== 'string')
    throw badParameter('datetime', 'datetime.string');
  if (b.bbox !== undefined && !Array.isArray(b.bbox)) throw badParameter('bbox', 'bbox.array');
  if (b.collections !== undefined && !Array.isArray(b.collections))
    throw badParameter('collections', 'list.array');
  if (b.ids !== undefined && !Array.isArray(b.ids)) throw badParameter('ids', 'list.array');
  return {
    ...(b.collections !== undefined
      ? { collections: listParam(b.collections, 'collections') }
      : {}),
    ...(b.ids !== undefined ? { ids: listParam(b.ids, 'ids') } : {}),
    ...(b.bbox !== undefined ? { bbox: parseBbox(b.bbox) } : {}),
    ...(b.intersects !== undefined
      ? { intersects: parseGeometry(b.intersects, 'intersects') }
      : {}),
    ...(b.datetime !== undefined ? parseDatetime(b.datetime as string) : {}),
    limit: b.limit !== undefined ? parseLimit(b.limit) : DEFAULT_LIMIT,
    offset: b.token !== undefined ? decodeToken(b.token) : 0,
    sortby:
      b.sortby === undefined
        ? []
        : typeof b.sortby === 'string'
          ? parseSortText(b.sortby)
          : parseSortJson(b.sortby),
    ...(b.filter !== undefined
      ? { filter: filterParams(b['filter-lang'], b['filter-crs'], b.filter, false) }
      : {}),
  };
}

/** The SQL part of a search. */
export function prefilterOf(r: SearchRequest): StacPrefilter {
  const [w, s, e, n] = r.bbox ?? (r.intersects ? intersectsBounds(r.intersects) : undefined) ?? [];
  return {
    ...(r.collections ? { collections: r.collections } : {}),
    ...(r.ids ? { ids: r.ids } : {}),
    ...(w !== undefined ? { bbox: { minLon: w, minLat: s!, maxLon: e!, maxLat: n! } } : {}),
    ...(r.startMs !== undefined ? { startMs: r.startMs } : {}),
    ...(r.endMs !== undefined ? { endMs: r.endMs } : {}),
  };
}

function intersectsBounds(g: Geometry): BBox4 | undefined {
  const b = geometryBounds(g);
  return b.every(Number.isFinite) ? b : undefined;
}

type SortValue = string | number | boolean | null;

function sortValue(item: StacItemRecord, field: string): SortValue {
  const name = field.startsWith('properties.') ? field.slice('properties.'.length) : field;
  if (name === 'id') return item.id;
  if (name === 'collection') return item.collectionId;
  if (name === 'datetime') return item.datetimeMs;
  if (name === 'start_datetime') return item.startMs;
  if (name === 'end_datetime') return item.endMs;
  const v = item.properties[name];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1; // missing values last, whatever the direction
  if (b === null) return -1;
  if (typeof a !== typeof b) return String(typeof a) < String(typeof b) ? -1 : 1;
  return a < b ? -1 : 1;
}

/** The default order, also the tie-breaker: newest first, then collection and id. */
function defaultOrder(a: StacItemRecord, b: StacItemRecord): number {
  return (
    b.datetimeMs - a.datetimeMs ||
    (a.collectionId < b.collectionId ? -1 : a.collectionId > b.collectionId ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface SearchPage {
  readonly items: StacItemRecord[];
  readonly matched: number;
  /** Offset of the next page, or null when this is the last one. */
  readonly nextOffset: number | null;
}

/** Applies the exact predicates, the sort and the page to the prefiltered candidates. */
export function searchItems(candidates: readonly StacItemRecord[], r: SearchRequest): SearchPage {
  const hits = r.intersects ? intersector(r.intersects) : null;
  const matched = candidates.filter(
    (it) =>
      (!hits || hits(it.geometry)) &&
      (!r.filter ||
        evaluate(r.filter, {
          id: it.id,
          collection: it.collectionId,
          geometry: it.geometry,
          properties: it.properties,
        }) === true),
  );
  const sorted = [...matched].sort((a, b) => {
    for (const k of r.sortby) {
      const c = compareValues(sortValue(a, k.field), sortValue(b, k.field));
      const bothPresent = sortValue(a, k.field) !== null && sortValue(b, k.field) !== null;
      if (c !== 0) return k.direction === 'desc' && bothPresent ? -c : c;
    }
    return defaultOrder(a, b);
  });
  const items = sorted.slice(r.offset, r.offset + r.limit);
  const next = r.offset + r.limit;
  return { items, matched: matched.length, nextOffset: next < matched.length ? next : null };
}
