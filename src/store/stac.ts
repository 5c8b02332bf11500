/**
 * The STAC catalogue: collections and items. Items carry the releasability of what they
 * describe; every item read is filtered by the viewer's nation. Searches here are the SQL
 * prefilter only (collections, ids, bounding box, datetime interval); exact spatial predicates,
 * CQL2 filters, sorting and paging are applied by the server's STAC code, identically on both
 * backends.
 */
import { sql } from 'kysely';
import { type RepoContext, fromJson, toJson, visibleTo } from './executor.js';
import type { BBox, Nation, Releasability, Viewer } from './records.js';
import type { StacCollectionsTable, StacItemsTable } from './schema-products.js';

export interface StacCollectionRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Other fields of the collection document (license, keywords, providers, summaries…). */
  readonly document: Record<string, unknown>;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface StacItemRecord {
  readonly collectionId: string;
  readonly id: string;
  readonly datetimeMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly bbox: BBox;
  readonly geometry: { readonly type: string } & Record<string, unknown>;
  readonly properties: Record<string, unknown>;
  readonly assets: Record<string, Record<string, unknown>>;
  readonly links: ReadonlyArray<Record<string, unknown>>;
  readonly extensions: readonly string[];
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** The SQL prefilter of a search; every field is optional. */
export interface StacPrefilter {
  readonly collections?: readonly string[];
  readonly ids?: readonly string[];
  /** Items whose bounding box intersects this box. */
  readonly bbox?: BBox;
  /** Items whose interval [start, end] meets [startMs, endMs] (either end open). */
  readonly startMs?: number;
  readonly endMs?: number;
}

function toCollection(r: StacCollectionsTable): StacCollectionRecord {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    document: fromJson<Record<string, unknown>>(r.document) ?? {},
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
  };
}

/**
 * An item record whose JSON columns are parsed on first use: a search evaluates filters on the
 * properties of many candidates but needs geometry, assets and links only for some.
 */
function toItem(r: StacItemsTable): StacItemRecord {
  const lazy = <T>(text: string, fallback: T): (() => T) => {
    let v: T | undefined;
    return () => (v ??= fromJson<T>(text) ?? fallback);
  };
  const geometry = lazy<StacItemRecord['geometry']>(r.geometry, { type: 'GeometryCollection' });
  const properties = lazy<Record<string, unknown>>(r.properties, {});
  const assets = lazy<StacItemRecord['assets']>(r.assets, {});
  const links = lazy<StacItemRecord['links']>(r.links, []);
  const extensions = lazy<readonly string[]>(r.extensions, []);
  return {
    collectionId: r.collection_id,
    id: r.id,
    datetimeMs: Number(r.datetime_ms),
    startMs: Number(r.start_ms),
    endMs: Number(r.end_ms),
    bbox: { minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat },
    get geometry() {
      return geometry();
    },
    get properties() {
      return properties();
    },
    get assets() {
      return assets();
    },
    get links() {
      return links();
    },
    get extensions() {
      return extensions();
    },
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
  };
}

export function stacRepo({ db, dialect }: RepoContext) {
  // Ties on datetime are broken by collection and id in code-point order on both backends (the
  // order the in-code search uses), whatever the PostgreSQL database's collation.
  const text = (column: 'collection_id' | 'id') =>
    dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
  /** The visible items passing the prefilter (a query to select from), or null when none can. */
  const prefiltered = (viewer: Viewer, f: StacPrefilter) => {
    if (f.collections?.length === 0 || f.ids?.length === 0) return null;
    let q = db.selectFrom('stac_items').where(visibleTo(viewer));
    if (f.collections) q = q.where('collection_id', 'in', [...f.collections]);
    if (f.ids) q = q.where('id', 'in', [...f.ids]);
    if (f.bbox) {
      const b = f.bbox;
      q = q.where('max_lat', '>=', b.minLat).where('min_lat', '<=', b.maxLat);
      // A box crossing the antimeridian (minLon > maxLon) is two longitude ranges.
      q =
        b.minLon <= b.maxLon
          ? q.where('max_lon', '>=', b.minLon).where('min_lon', '<=', b.maxLon)
          : q.where((eb) => eb.or([eb('max_lon', '>=', b.minLon), eb('min_lon', '<=', b.maxLon)]));
    }
    if (f.startMs !== undefined) q = q.where('end_ms', '>=', f.startMs);
    if (f.endMs !== undefined) q = q.where('start_ms', '<=', f.endMs);
    return q;
  };
  return {
    /** Creates a collection, or updates its title, description and document. */
    async upsertCollection(c: StacCollectionRecord): Promise<void> {
      await db
        .insertInto('stac_collections')
        .values({
          id: c.id,
          title: c.title,
          description: c.description,
          document: toJson(c.document),
          created_at_ms: c.createdAtMs,
          updated_at_ms: c.updatedAtMs,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            title: c.title,
            description: c.description,
            document: toJson(c.document),
            updated_at_ms: c.updatedAtMs,
          }),
        )
        .execute();
    },
    /** Creates a collection unless it exists (its stored texts are left as they are). */
    async ensureCollection(c: StacCollectionRecord): Promise<void> {
      await db
        .insertInto('stac_collections')
        .values({
          id: c.id,
          title: c.title,
          description: c.description,
          document: toJson(c.document),
          created_at_ms: c.createdAtMs,
          updated_at_ms: c.updatedAtMs,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async listCollections(): Promise<StacCollectionRecord[]> {
      const rows = await db.selectFrom('stac_collections').selectAll().orderBy('id').execute();
      return rows.map(toCollection);
    },
    async getCollection(id: string): Promise<StacCollectionRecord | null> {
      const r = await db
        .selectFrom('stac_collections')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? toCollection(r) : null;
    },
    /**
     * Spatial and temporal extent of the items of a collection this viewer may see (so an
     * extent never reveals a hidden item), or null when there are none.
     */
    async extent(
      collectionId: string,
      viewer: Viewer,
    ): Promise<{ bbox: BBox; startMs: number; endMs: number } | null> {
      const r = await db
        .selectFrom('stac_items')
        .where('collection_id', '=', collectionId)
        .where(visibleTo(viewer))
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.min('min_lon').as('min_lon'),
          eb.fn.min('min_lat').as('min_lat'),
          eb.fn.max('max_lon').as('max_lon'),
          eb.fn.max('max_lat').as('max_lat'),
          eb.fn.min('start_ms').as('start_ms'),
          eb.fn.max('end_ms').as('end_ms'),
        ])
        .executeTakeFirstOrThrow();
      if (Number(r.n) === 0) return null;
      return {
        bbox: {
          minLon: Number(r.min_lon),
          minLat: Number(r.min_lat),
          maxLon: Number(r.max_lon),
          maxLat: Number(r.max_lat),
        },
        startMs: Number(r.start_ms),
        endMs: Number(r.end_ms),
      };
    },
    /** Inserts an item; an existing item with the same collection and id is left as it is. */
    async insertItem(i: StacItemRecord): Promise<boolean> {
      const r = await db
        .insertInto('stac_items')
        .values({
          collection_id: i.collectionId,
          id: i.id,
          datetime_ms: i.datetimeMs,
          start_ms: i.startMs,
          end_ms: i.endMs,
          min_lon: i.bbox.minLon,
          min_lat: i.bbox.minLat,
          max_lon: i.bbox.maxLon,
          max_lat: i.bbox.maxLat,
          geometry: toJson(i.geometry),
          properties: toJson(i.properties),
          assets: toJson(i.assets),
          links: toJson(i.links),
          extensions: toJson(i.extensions),
          owner_nation: i.ownerNation,
          releasability: i.releasability,
          created_at_ms: i.createdAtMs,
          updated_at_ms: i.updatedAtMs,
        })
        .onConflict((oc) => oc.columns(['collection_id', 'id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async getItem(
      collectionId: string,
      id: string,
      viewer: Viewer,
    ): Promise<StacItemRecord | null> {
      const r = await db
        .selectFrom('stac_items')
        .selectAll()
        .where('collection_id', '=', collectionId)
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toItem(r) : null;
    },
    /**
     * The visible items passing the prefilter, newest first (then collection and id: a total
     * order, so paging over it is stable).
     */
    async candidates(viewer: Viewer, f: StacPrefilter): Promise<StacItemRecord[]> {
      const q = prefiltered(viewer, f);
      if (!q) return [];
      const rows = await q
        .selectAll()
        .orderBy('datetime_ms', 'desc')
        .orderBy(text('collection_id'))
        .orderBy(text('id'))
        .execute();
      return rows.map(toItem);
    },
    /**
     * One page of the prefiltered items in the default order (newest first, collection, id) and
     * their number, entirely in SQL: the search's fast path when nothing is left to evaluate in
     * code (no intersects, no filter, no sort).
     */
    async page(
      viewer: Viewer,
      f: StacPrefilter,
      limit: number,
      offset: number,
    ): Promise<{ items: StacItemRecord[]; total: number }> {
      const q = prefiltered(viewer, f);
      if (!q) return { items: [], total: 0 };
      const [rows, count] = await Promise.all([
        q
          .selectAll()
          .orderBy('datetime_ms', 'desc')
          .orderBy(text('collection_id'))
          .orderBy(text('id'))
          .limit(limit)
          .offset(offset)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toItem), total: Number(count.n) };
    },
    /** Number of items in the catalogue (all nations), for health and tests. */
    async count(): Promise<number> {
      const r = await sql<{ n: number }>`select count(*) as n from stac_items`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
  };
}

export type StacRepo = ReturnType<typeof stacRepo>;
