/** Map layers imported by users: metadata, the features as imported, a copy for drawing. */
import { type RepoContext, visibleTo } from './executor.js';
import type { Nation, Releasability, Viewer } from './records.js';
import type { UserLayersTable } from './schema-user-layers.js';
import './schema-user-layers.js';

/** A user layer without its features (lists, metadata). */
export interface UserLayerRecord {
  readonly id: string;
  readonly name: string;
  /** `#rrggbb`. */
  readonly colour: string;
  readonly sourceFormat: 'geojson' | 'kml';
  /** The imported file's name, when the client gave it. */
  readonly sourceName: string | null;
  readonly featureCount: number;
  readonly positionCount: number;
  readonly geometryTypes: readonly string[];
  readonly bbox: readonly [number, number, number, number] | null;
  /** Positions of the copy for drawing (equal to positionCount when not simplified). */
  readonly displayPositionCount: number;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly version: number;
}

export interface NewUserLayer extends UserLayerRecord {
  /** GeoJSON FeatureCollection text as imported. */
  readonly features: string;
  /** Simplified FeatureCollection text, or null. */
  readonly displayFeatures: string | null;
}

export interface UserLayerChanges {
  readonly name?: string;
  readonly colour?: string;
  readonly releasability?: Releasability;
}

const META_COLUMNS = [
  'id',
  'name',
  'colour',
  'source_format',
  'source_name',
  'feature_count',
  'position_count',
  'geometry_types',
  'min_lon',
  'min_lat',
  'max_lon',
  'max_lat',
  'display_position_count',
  'owner_nation',
  'releasability',
  'created_by',
  'created_at_ms',
  'updated_at_ms',
  'version',
] as const;

type MetaRow = Pick<UserLayersTable, (typeof META_COLUMNS)[number]>;

function toRecord(r: MetaRow): UserLayerRecord {
  return {
    id: r.id,
    name: r.name,
    colour: r.colour,
    sourceFormat: r.source_format as 'geojson' | 'kml',
    sourceName: r.source_name,
    featureCount: Number(r.feature_count),
    positionCount: Number(r.position_count),
    geometryTypes: JSON.parse(r.geometry_types) as string[],
    bbox:
      r.min_lon === null || r.min_lat === null || r.max_lon === null || r.max_lat === null
        ? null
        : [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    displayPositionCount: Number(r.display_position_count),
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    version: Number(r.version),
  };
}

export function userLayersRepo({ db }: RepoContext) {
  return {
    async insert(l: NewUserLayer): Promise<UserLayerRecord> {
      await db
        .insertInto('user_layers')
        .values({
          id: l.id,
          name: l.name,
          colour: l.colour,
          source_format: l.sourceFormat,
          source_name: l.sourceName,
          feature_count: l.featureCount,
          position_count: l.positionCount,
          geometry_types: JSON.stringify(l.geometryTypes),
          min_lon: l.bbox?.[0] ?? null,
          min_lat: l.bbox?.[1] ?? null,
          max_lon: l.bbox?.[2] ?? null,
          max_lat: l.bbox?.[3] ?? null,
          features: l.features,
          display_features: l.displayFeatures,
          display_position_count: l.displayPositionCount,
          owner_nation: l.ownerNation,
          releasability: l.releasability,
          created_by: l.createdBy,
          created_at_ms: l.createdAtMs,
          updated_at_ms: l.updatedAtMs,
          version: l.version,
        })
        .execute();
      const { features: _f, displayFeatures: _d, ...meta } = l;
      return meta;
    },
    /** Layers the viewer may see, oldest first (drawing order: newer on top). */
    async list(viewer: Viewer): Promise<UserLayerRecord[]> {
      const rows = await db
        .selectFrom('user_layers')
        .select([...META_COLUMNS])
        .where(visibleTo(viewer))
        .orderBy('created_at_ms')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async get(id: string, viewer: Viewer): Promise<UserLayerRecord | null> {
      const r = await db
        .selectFrom('user_layers')
        .select([...META_COLUMNS])
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    /** The features as imported (`original`) or the copy for drawing (`display`), as text. */
    async features(
      id: string,
      viewer: Viewer,
      which: 'original' | 'display',
    ): Promise<string | null> {
      const r = await db
        .selectFrom('user_layers')
        .select(['features', 'display_features'])
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      if (!r) return null;
      return which === 'display' ? (r.display_features ?? r.features) : r.features;
    },
    /** Applies changes if the version is still `expectedVersion`; null when changed meanwhile. */
    async update(
      id: string,
      expectedVersion: number,
      c: UserLayerChanges,
      nowMs: number,
    ): Promise<UserLayerRecord | null> {
      const set: Partial<UserLayersTable> = { updated_at_ms: nowMs, version: expectedVersion + 1 };
      if (c.name !== undefined) set.name = c.name;
      if (c.colour !== undefined) set.colour = c.colour;
      if (c.releasability !== undefined) set.releasability = c.releasability;
      const r = await db
        .updateTable('user_layers')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning([...META_COLUMNS])
        .executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    async delete(id: string): Promise<boolean> {
      const r = await db.deleteFrom('user_layers').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
