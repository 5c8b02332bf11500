/**
 * Imagery products: publishing (statistics, STAC items, audit, event) and reading. A product is
 * published by `POST /products` or by a `flood` job; both go through {@link publishProduct},
 * inside the transaction that stores it.
 */
import type { z } from 'zod';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type { ZonalStats } from '../../imaging/zonal.js';
import { zonalStatsCsv } from '../../imaging/zonal-csv.js';
import type {
  BBox,
  Nation,
  Page,
  ProductFilter,
  ProductRecord,
  ProductType,
  Releasability,
  Repos,
} from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import type { LiveEvent } from '../events.js';
import { invalidField, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import type { NewProductBody } from '../schemas/products.js';
import { defaultCollections } from '../stac/collections.js';
import { type Geometry, geometryBounds } from '../stac/geometry.js';
import { productItem, sceneItem } from '../stac/product-items.js';
import { audit, auditNation } from './audit.js';
import { zonalInThread } from './zonal-thread.js';

/** A source scene to catalogue with the product (footprint and time known). */
export interface SceneInput {
  readonly id: string;
  readonly footprint: Geometry;
  readonly datetimeMs: number;
  readonly sensor?: 'sar' | 'optical';
  readonly role?: string;
}

/** What a product is made of, whoever publishes it. */
export interface ProductInput {
  readonly type: ProductType;
  readonly title: string;
  readonly acquiredAtMs: number;
  readonly releasability: Releasability;
  readonly aoiId: string | null;
  readonly geometry: GeoJSON.FeatureCollection;
  readonly sourceScenes: readonly string[];
  readonly method: Record<string, unknown> | null;
  /** The analysed area (the STAC item's footprint), when known. */
  readonly footprint?: Geometry | null;
  /** Scenes to catalogue in sahelsat-scenes (others named in sourceScenes get the product's footprint). */
  readonly scenes?: readonly SceneInput[];
  readonly jobId?: string | null;
}

/** Who publishes: the caller, or the creator of a job. */
export interface Publisher {
  readonly id: string;
  readonly username: string;
  readonly nation: Nation;
}

const bboxOf = (b: readonly number[]): BBox => ({
  minLon: b[0]!,
  minLat: b[1]!,
  maxLon: b[2]!,
  maxLat: b[3]!,
});

/** Bounding box of a product: its polygons', else its footprint's. */
export function productBBox(p: Pick<ProductInput, 'geometry' | 'footprint'>): BBox {
  const features = p.geometry.features;
  const bounds =
    features.length > 0
      ? geometryBounds({ type: 'GeometryCollection', geometries: features.map((f) => f.geometry) })
      : p.footprint
        ? geometryBounds(p.footprint)
        : null;
  if (!bounds || !bounds.every(Number.isFinite))
    throw invalidField('body.geometry', 'the product has no polygon and no footprint');
  return bboxOf(bounds);
}

/** Areas of interest the whole audience of a product may see (its statistics name them). */
export async function audienceAois(
  repos: Pick<Repos, 'catalogue'>,
  audience: { ownerNation: Nation; releasability: Releasability },
  near?: BBox,
): Promise<Array<{ id: string; name: string; geometry: GeoJSON.Geometry }>> {
  return (await repos.catalogue.listAois({ nation: audience.ownerNation }))
    .filter((a) => audience.releasability === 'nation' || a.releasability === 'alliance')
    .filter((a) => a.geometry.type !== 'Point')
    .filter(
      (a) =>
        !near ||
        (a.bbox.maxLon >= near.minLon &&
          a.bbox.minLon <= near.maxLon &&
          a.bbox.maxLat >= near.minLat &&
          a.bbox.minLat <= near.maxLat),
    )
    .map((a) => ({ id: a.id, name: a.name, geometry: a.geometry as unknown as GeoJSON.Geometry }));
}

/**
 * Stores a product in `tx` with its statistics (computed by the caller, compared with
 * `previous`): the product row, its STAC item and its scenes' items, the audit entry. The
 * caller publishes {@link productCreatedEvent} once `tx` has committed.
 */
export async function storeProduct(
  tx: Repos,
  o: { nowMs: number; id: string },
  by: Publisher,
  p: ProductInput,
  computed: { bbox: BBox; stats: ZonalStats; previousId: string | null },
): Promise<ProductRecord> {
  const record: ProductRecord = {
    id: o.id,
    type: p.type,
    title: p.title,
    createdAtMs: o.nowMs,
    createdBy: by.id,
    acquiredAtMs: p.acquiredAtMs,
    ownerNation: by.nation,
    releasability: p.releasability,
    bbox: computed.bbox,
    areaKm2: computed.stats.totalAreaKm2,
    stats: computed.stats,
    method: p.method,
    sourceScenes: [...p.sourceScenes],
    aoiId: p.aoiId,
    jobId: p.jobId ?? null,
    stacItemId: o.id,
    previousId: computed.previousId,
  };
  await tx.products.insert({ ...record, geometry: p.geometry });
  for (const c of defaultCollections(o.nowMs)) await tx.stac.ensureCollection(c);
  const item = productItem(record, p.footprint ?? null);
  await tx.stac.insertItem(item);
  const given = new Map((p.scenes ?? []).map((s) => [s.id, s]));
  for (const id of p.sourceScenes) {
    const s = given.get(id);
    await tx.stac.insertItem(
      sceneItem({
        id,
        footprint: s?.footprint ?? item.geometry,
        datetimeMs: s?.datetimeMs ?? p.acquiredAtMs,
        ...(s?.sensor ? { sensor: s.sensor } : {}),
        ...(s?.role ? { role: s.role } : {}),
        ownerNation: by.nation,
        releasability: p.releasability,
        nowMs: o.nowMs,
      }),
    );
  }
  await audit(
    tx,
    o.nowMs,
    { id: by.id, username: by.username, role: 'analyst', nation: by.nation, sessionId: '' },
    'product.create',
    { type: 'product', id: record.id, nation: auditNation(record) },
    {
      type: record.type,
      title: record.title,
      areaKm2: record.areaKm2,
      jobId: record.jobId,
      previousId: record.previousId,
    },
  );
  return record;
}

/** The API shape of a product (ProductDto of the contract, plus provenance fields). */
export const productOut = (p: ProductRecord) => ({
  id: p.id,
  type: p.type,
  title: p.title,
  createdAt: formatIsoUtc(p.createdAtMs),
  createdBy: p.createdBy,
  acquiredAt: formatIsoUtc(p.acquiredAtMs),
  ownerNation: p.ownerNation,
  releasability: p.releasability,
  bbox: [p.bbox.minLon, p.bbox.minLat, p.bbox.maxLon, p.bbox.maxLat] as [
    number,
    number,
    number,
    number,
  ],
  areaKm2: p.areaKm2,
  stacItemId: p.stacItemId,
  stats: p.stats as ZonalStats,
  aoiId: p.aoiId,
  sourceScenes: [...p.sourceScenes],
  jobId: p.jobId,
  previousId: p.previousId,
});

/** The live event announcing a product, for the holders of its releasability only. */
export function productCreatedEvent(p: ProductRecord, nowMs: number): LiveEvent {
  return {
    type: 'product.created',
    at: formatIsoUtc(nowMs),
    data: productOut(p),
    audience: { kind: 'item', ownerNation: p.ownerNation, releasability: p.releasability },
  };
}

/** @param zonesDir directory of the bundled zones (default: the package's data/aoi) */
export function productsService(deps: ServiceDeps, zonesDir?: string) {
  const { store, clock, events } = deps;
  return {
    /**
     * Publishes a product. The statistics are computed in a worker thread before the
     * transaction (so neither the event loop nor the database waits for them), against the
     * previous comparable product as it stands then.
     */
    async create(caller: Caller, b: z.infer<typeof NewProductBody>): Promise<ProductRecord> {
      requirePermission(caller, 'publish products');
      if (b.aoiId !== undefined && !(await store.catalogue.getAoi(b.aoiId, caller)))
        throw invalidField('body.aoiId', 'no such area of interest');
      const input: ProductInput = {
        type: b.type,
        title: b.title,
        acquiredAtMs: parseIsoUtc(b.acquiredAt, 'body.acquiredAt'),
        releasability: b.releasability,
        aoiId: b.aoiId ?? null,
        geometry: b.geometry as GeoJSON.FeatureCollection,
        sourceScenes: b.sourceScenes ?? [],
        method: b.method ?? null,
      };
      const audience = { ownerNation: caller.nation, releasability: b.releasability };
      const bbox = productBBox(input);
      const previous = await store.products.previous(b.type, input.acquiredAtMs, bbox, audience);
      const stats = await zonalInThread({
        product: input.geometry,
        aois: await audienceAois(store, audience, bbox),
        previous: (previous?.stats as ZonalStats | undefined) ?? null,
        ...(zonesDir ? { zonesDir } : {}),
      });
      const now = clock();
      const product = await store.transaction((tx) =>
        storeProduct(tx, { nowMs: now, id: deps.newId() }, caller, input, {
          bbox,
          stats,
          previousId: previous?.id ?? null,
        }),
      );
      events.publish(productCreatedEvent(product, now));
      return product;
    },
    list: (caller: Caller, f: ProductFilter): Promise<Page<ProductRecord>> =>
      store.products.list(caller, f),
    async get(caller: Caller, id: string): Promise<ProductRecord> {
      const p = await store.products.get(id, caller);
      if (!p) throw notFound('product');
      return p;
    },
    async geometry(caller: Caller, id: string): Promise<unknown> {
      const g = await store.products.geometry(id, caller);
      if (g === null) throw notFound('product');
      return g;
    },
    async statsCsv(caller: Caller, id: string): Promise<string> {
      const p = await store.products.get(id, caller);
      if (!p) throw notFound('product');
      return zonalStatsCsv(p.stats as ZonalStats);
    },
  };
}

export type ProductsService = ReturnType<typeof productsService>;
