/** Imaging requests and their status history. Every read is filtered by the viewer's nation. */
import { type RepoContext, fromJson, likePattern, toJson, visibleTo } from './executor.js';
import type {
  BBox,
  GeoJsonGeometry,
  Nation,
  Page,
  Releasability,
  RequestConstraints,
  RequestEventRecord,
  RequestRecord,
  RequestStatus,
  SensorType,
  Viewer,
} from './records.js';
import type { RequestEventsTable, RequestsTable } from './schema.js';

function toRequest(r: RequestsTable): RequestRecord {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    aoi: fromJson<GeoJsonGeometry>(r.aoi)!,
    bbox: { minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat },
    priority: r.priority,
    windowStartMs: Number(r.window_start_ms),
    windowEndMs: Number(r.window_end_ms),
    sensorType: r.sensor_type as SensorType,
    releasability: r.releasability as Releasability,
    ownerNation: r.owner_nation as Nation,
    createdBy: r.created_by,
    status: r.status as RequestStatus,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    version: r.version,
    constraints: r.constraints ? fromJson<RequestConstraints>(r.constraints) : null,
  };
}

function toRow(r: RequestRecord): RequestsTable {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    aoi: toJson(r.aoi),
    min_lon: r.bbox.minLon,
    min_lat: r.bbox.minLat,
    max_lon: r.bbox.maxLon,
    max_lat: r.bbox.maxLat,
    priority: r.priority,
    window_start_ms: r.windowStartMs,
    window_end_ms: r.windowEndMs,
    sensor_type: r.sensorType,
    releasability: r.releasability,
    owner_nation: r.ownerNation,
    created_by: r.createdBy,
    status: r.status,
    created_at_ms: r.createdAtMs,
    updated_at_ms: r.updatedAtMs,
    version: r.version,
    constraints: constraintsJson(r.constraints),
  };
}

function constraintsJson(c: RequestConstraints | null | undefined): string | null {
  return c && Object.keys(c).length > 0 ? toJson(c) : null;
}

function toEvent(r: Omit<RequestEventsTable, 'id'> & { id: number }): RequestEventRecord {
  return {
    id: Number(r.id),
    requestId: r.request_id,
    fromStatus: r.from_status as RequestStatus | null,
    toStatus: r.to_status as RequestStatus,
    atMs: Number(r.at_ms),
    userId: r.user_id,
    reason: r.reason,
  };
}

/** Filters of a request list; every one is optional. */
export interface RequestFilter {
  readonly status?: readonly RequestStatus[];
  readonly ownerNation?: Nation;
  /** Case-insensitive substring of the title. */
  readonly q?: string;
  /** Requests whose AOI bounding box intersects this box. */
  readonly bbox?: BBox;
  readonly limit: number;
  readonly offset: number;
}

/** The editable fields of a draft. */
export type RequestChanges = Partial<
  Pick<
    RequestRecord,
    | 'title'
    | 'description'
    | 'aoi'
    | 'bbox'
    | 'priority'
    | 'windowStartMs'
    | 'windowEndMs'
    | 'sensorType'
    | 'releasability'
    | 'constraints'
  >
>;

export function requestsRepo({ db }: RepoContext) {
  const visible = (viewer: Viewer) => db.selectFrom('requests').where(visibleTo(viewer));
  const filtered = (viewer: Viewer, f: Omit<RequestFilter, 'limit' | 'offset'>) => {
    let q = visible(viewer);
    if (f.status && f.status.length > 0) q = q.where('status', 'in', [...f.status]);
    if (f.ownerNation) q = q.where('owner_nation', '=', f.ownerNation);
    if (f.q)
      q = q.where((eb) => eb(eb.fn('lower', ['title']), 'like', likePattern(f.q!.toLowerCase())));
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
    async insert(r: RequestRecord): Promise<RequestRecord> {
      await db.insertInto('requests').values(toRow(r)).execute();
      return r;
    },
    /**
     * Inserts new requests with their first history event (status as given, no previous one),
     * two multi-row statements for all of them (group commit of creations).
     */
    async insertMany(rs: readonly RequestRecord[]): Promise<void> {
      if (rs.length === 0) return;
      await db.insertInto('requests').values(rs.map(toRow)).execute();
      await db
        .insertInto('request_events')
        .values(
          rs.map((r) => ({
            request_id: r.id,
            from_status: null,
            to_status: r.status,
            at_ms: r.createdAtMs,
            user_id: r.createdBy,
            reason: null,
          })),
        )
        .execute();
    },
    /** The request, or null when it does not exist or the viewer may not see it. */
    async get(id: string, viewer: Viewer): Promise<RequestRecord | null> {
      const r = await visible(viewer).selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRequest(r) : null;
    },
    /** The request whatever its releasability (for system work such as planning jobs). */
    async getAny(id: string): Promise<RequestRecord | null> {
      const r = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRequest(r) : null;
    },
    /** Every request in these statuses, whatever its releasability (system work: planning). */
    async listAnyByStatus(statuses: readonly RequestStatus[]): Promise<RequestRecord[]> {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('requests')
        .selectAll()
        .where('status', 'in', [...statuses])
        .orderBy('created_at_ms')
        .orderBy('id')
        .execute();
      return rows.map(toRequest);
    },
    async list(viewer: Viewer, f: RequestFilter): Promise<Page<RequestRecord>> {
      const rows = await filtered(viewer, f)
        .selectAll()
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const total = await filtered(viewer, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toRequest), total: Number(total.n) };
    },
    /** Number of visible requests per status. */
    async countByStatus(viewer: Viewer): Promise<Partial<Record<RequestStatus, number>>> {
      const rows = await visible(viewer)
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    /**
     * Applies changes if the stored version is still `expectedVersion` (optimistic locking);
     * returns the new record, or null when the row changed meanwhile.
     */
    async update(
      id: string,
      expectedVersion: number,
      c: RequestChanges,
      nowMs: number,
    ): Promise<RequestRecord | null> {
      const set: Partial<RequestsTable> = { updated_at_ms: nowMs, version: expectedVersion + 1 };
      if (c.title !== undefined) set.title = c.title;
      if (c.description !== undefined) set.description = c.description;
      if (c.aoi !== undefined) set.aoi = toJson(c.aoi);
      if (c.bbox !== undefined) {
        set.min_lon = c.bbox.minLon;
        set.min_lat = c.bbox.minLat;
        set.max_lon = c.bbox.maxLon;
        set.max_lat = c.bbox.maxLat;
      }
      if (c.priority !== undefined) set.priority = c.priority;
      if (c.windowStartMs !== undefined) set.window_start_ms = c.windowStartMs;
      if (c.windowEndMs !== undefined) set.window_end_ms = c.windowEndMs;
      if (c.sensorType !== undefined) set.sensor_type = c.sensorType;
      if (c.releasability !== undefined) set.releasability = c.releasability;
      if (c.constraints !== undefined) set.constraints = constraintsJson(c.constraints);
      const r = await db
        .updateTable('requests')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      return r ? toRequest(r) : null;
    },
    /**
     * Moves a request from `from` to `to` if it is still in `from`, and records the event.
     * Returns the updated record, or null when its status changed meanwhile.
     */
    async transition(
      id: string,
      from: RequestStatus,
      to: RequestStatus,
      by: { userId: string | null; reason: string | null; nowMs: number },
    ): Promise<RequestRecord | null> {
      const r = await db
        .updateTable('requests')
        .set((eb) => ({ status: to, updated_at_ms: by.nowMs, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      if (!r) return null;
      await this.addEvent(id, from, to, by);
      return toRequest(r);
    },
    async addEvent(
      requestId: string,
      from: RequestStatus | null,
      to: RequestStatus,
      by: { userId: string | null; reason: string | null; nowMs: number },
    ): Promise<void> {
      await db
        .insertInto('request_events')
        .values({
          request_id: requestId,
          from_status: from,
          to_status: to,
          at_ms: by.nowMs,
          user_id: by.userId,
          reason: by.reason,
        })
        .execute();
    },
    async events(requestId: string): Promise<RequestEventRecord[]> {
      const rows = await db
        .selectFrom('request_events')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },
  };
}

export type RequestsRepo = ReturnType<typeof requestsRepo>;
