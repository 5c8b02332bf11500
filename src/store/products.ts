/**
 * Imagery products (flood and change extents) with their statistics. Every read is filtered by
 * the viewer's nation; the geometry (possibly large) is read only on its own.
 */
import { type RepoContext, fromJson, toJson, visibleTo } from './executor.js';
import type { BBox, Nation, Page, Releasability, Viewer } from './records.js';
import type { ProductsTable } from './schema-products.js';

export const PRODUCT_TYPES = ['flood', 'change'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** A stored product, without its geometry (see `geometry`). */
export interface ProductRecord {
  readonly id: string;
  readonly type: ProductType;
  readonly title: string;
  readonly createdAtMs: number;
  readonly createdBy: string;
  readonly acquiredAtMs: number;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly bbox: BBox;
  readonly areaKm2: number;
  /** Zonal statistics (the server's `ZonalStats`), as stored. */
  readonly stats: unknown;
  readonly method: Record<string, unknown> | null;
  readonly sourceScenes: readonly string[];
  readonly aoiId: string | null;
  readonly jobId: string | null;
  readonly stacItemId: string;
  /** The product the statistics were compared with, if any. */
  readonly previousId: string | null;
}

/** A product to store, with its GeoJSON FeatureCollection. */
export interface NewProduct extends ProductRecord {
  readonly geometry: unknown;
}

export interface ProductFilter {
  readonly type?: ProductType;
  /** Created at or after this instant, UTC ms. */
  readonly sinceMs?: number;
  /** Products whose bounding box intersects this box. */
  readonly bbox?: BBox;
  readonly limit: number;
  readonly offset: number;
}

type Row = Omit<ProductsTable, 'geometry'>;

function toProduct(r: Row): ProductRecord {
  return {
    id: r.id,
    type: r.type as ProductType,
    title: r.title,
    createdAtMs: Number(r.created_at_ms),
    createdBy: r.created_by,
    acquiredAtMs: Number(r.acquired_at_ms),
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    bbox: { minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat },
    areaKm2: r.area_km2,
    stats: fromJson(r.stats),
    method: fromJson<Record<string, unknown>>(r.method),
    sourceScenes: fromJson<string[]>(r.source_scenes) ?? [],
    aoiId: r.aoi_id,
    jobId: r.job_id,
    stacItemId: r.stac_item_id,
    previousId: r.previous_id,
  };
}

/** Every column but the geometry. */
const SUMMARY = [
  'id',
  'type',
  'title',
  'created_at_ms',
  'created_by',
  'acquired_at_ms',
  'owner_nation',
  'releasability',
  'min_lon',
  'min_lat',
  'max_lon',
  'max_lat',
  'area_km2',
  'stats',
  'method',
  'source_scenes',
  'aoi_id',
  'job_id',
  'stac_item_id',
  'previous_id',
] as const;

export function productsRepo({ db }: RepoContext) {
  const filtered = (viewer: Viewer, f: Omit<ProductFilter, 'limit' | 'offset'>) => {
    let q = db.selectFrom('products').where(visibleTo(viewer));
    if (f.type) q = q.where('type', '=', f.type);
    if (f.sinceMs !== undefined) q = q.where('created_at_ms', '>=', f.sinceMs);
    if (f.bbox) {
      const b = f.bbox;
      q = q
        .where('max_lon', '>=', b.minLon)
        .where('min_lon', '<=', b.maxLon)
        .where('max_lat', '>=', b.minLat)
        .where('min_lat', '<=', b.maxLat);
    }
    return q;
  };
  return {
    async insert(p: NewProduct): Promise<ProductRecord> {
      await db
        .insertInto('products')
        .values({
          id: p.id,
          type: p.type,
          title: p.title,
          created_at_ms: p.createdAtMs,
          created_by: p.createdBy,
          acquired_at_ms: p.acquiredAtMs,
          owner_nation: p.ownerNation,
          releasability: p.releasability,
          min_lon: p.bbox.minLon,
          min_lat: p.bbox.minLat,
          max_lon: p.bbox.maxLon,
          max_lat: p.bbox.maxLat,
          area_km2: p.areaKm2,
          geometry: toJson(p.geometry),
          stats: toJson(p.stats),
          method: p.method === null ? null : toJson(p.method),
          source_scenes: toJson(p.sourceScenes),
          aoi_id: p.aoiId,
          job_id: p.jobId,
          stac_item_id: p.stacItemId,
          previous_id: p.previousId,
        })
        .execute();
      const { geometry: _g, ...rest } = p;
      return rest;
    },
    async get(id: string, viewer: Viewer): Promise<ProductRecord | null> {
      const r = await db
        .selectFrom('products')
        .select(SUMMARY)
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toProduct(r) : null;
    },
    /** The product's GeoJSON FeatureCollection, or null when absent or invisible. */
    async geometry(id: string, viewer: Viewer): Promise<unknown> {
      const r = await db
        .selectFrom('products')
        .select('geometry')
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? fromJson(r.geometry) : null;
    },
    /**
     * The GeoJSON of a product for the server's own processes (the alert rule engine), which
     * apply the visibility rule themselves before using it; never for answering a user.
     */
    async geometryForSystem(id: string): Promise<unknown> {
      const r = await db
        .selectFrom('products')
        .select('geometry')
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? fromJson(r.geometry) : null;
    },
    async list(viewer: Viewer, f: ProductFilter): Promise<Page<ProductRecord>> {
      const [rows, count] = await Promise.all([
        filtered(viewer, f)
          .select(SUMMARY)
          .orderBy('created_at_ms', 'desc')
          .orderBy('id')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
        filtered(viewer, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toProduct), total: Number(count.n) };
    },
    /**
     * The newest product of `type` acquired before `beforeMs` whose bounding box intersects
     * `bbox`, among those every holder of the new product may see: an alliance product is
     * compared only with alliance products, a nation product also with its nation's own (so
     * statistics never carry a nation's figures to a wider audience).
     */
    async previous(
      type: ProductType,
      beforeMs: number,
      bbox: BBox,
      audience: { ownerNation: Nation; releasability: Releasability },
    ): Promise<ProductRecord | null> {
      let q = db
        .selectFrom('products')
        .select(SUMMARY)
        .where('type', '=', type)
        .where('acquired_at_ms', '<', beforeMs)
        .where('max_lon', '>=', bbox.minLon)
        .where('min_lon', '<=', bbox.maxLon)
        .where('max_lat', '>=', bbox.minLat)
        .where('min_lat', '<=', bbox.maxLat);
      q =
        audience.releasability === 'alliance'
          ? q.where('releasability', '=', 'alliance')
          : q.where(visibleTo({ nation: audience.ownerNation }));
      const r = await q
        .orderBy('acquired_at_ms', 'desc')
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .executeTakeFirst();
      return r ? toProduct(r) : null;
    },
  };
}

export type ProductsRepo = ReturnType<typeof productsRepo>;
