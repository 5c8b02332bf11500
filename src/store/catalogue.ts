/** Satellites with their element-set history, ground stations, sensors and areas of interest. */
import { type RepoContext, fromJson, toJson, visibleTo } from './executor.js';
import type {
  AoiRecord,
  ElementSetRecord,
  GeoJsonGeometry,
  Nation,
  Releasability,
  SatelliteRecord,
  SensorRecord,
  StationRecord,
  Viewer,
} from './records.js';
import type {
  AoisTable,
  ElementSetsTable,
  SatellitesTable,
  SensorsTable,
  StationsTable,
} from './schema.js';

function toSatellite(r: SatellitesTable): SatelliteRecord {
  return {
    id: r.id,
    catalogNumber: r.catalog_number,
    name: r.name,
    objectId: r.object_id,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    latestEpochMs: r.latest_epoch_ms === null ? null : Number(r.latest_epoch_ms),
  };
}

function toElementSet(r: Omit<ElementSetsTable, 'id'> & { id: number }): ElementSetRecord {
  return {
    id: Number(r.id),
    satelliteId: r.satellite_id,
    epochMs: Number(r.epoch_ms),
    line1: r.line1,
    line2: r.line2,
    name: r.name,
    source: r.source,
    importedAtMs: Number(r.imported_at_ms),
    importedBy: r.imported_by,
  };
}

function toStation(r: StationsTable): StationRecord {
  return {
    id: r.id,
    name: r.name,
    nation: r.nation as Nation,
    latDeg: r.lat_deg,
    lonDeg: r.lon_deg,
    altM: r.alt_m,
    minElevationDeg: r.min_elevation_deg,
    data: fromJson<Record<string, unknown>>(r.data) ?? {},
  };
}

function toSensor(r: SensorsTable): SensorRecord {
  return {
    id: r.id,
    satelliteId: r.satellite_id,
    name: r.name,
    type: r.type,
    data: fromJson<Record<string, unknown>>(r.data) ?? {},
  };
}

function toAoi(r: AoisTable): AoiRecord {
  return {
    id: r.id,
    name: r.name,
    geometry: fromJson<GeoJsonGeometry>(r.geometry)!,
    bbox: { minLon: r.min_lon, minLat: r.min_lat, maxLon: r.max_lon, maxLat: r.max_lat },
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
  };
}

/** One element set to store for a satellite identified by catalogue number. */
export interface ElementSetInput {
  /** Id to give the satellite if it is new (default: a fresh one from `newId`). */
  readonly satelliteId?: string;
  readonly catalogNumber: number;
  readonly name: string;
  readonly objectId: string;
  readonly epochMs: number;
  readonly line1: string;
  readonly line2: string;
}

/** What an import changed. */
export interface ImportOutcome {
  readonly satellitesCreated: number;
  readonly elementSetsAdded: number;
  /** Element sets already stored (same satellite and epoch): skipped. */
  readonly duplicates: number;
  readonly satelliteIds: string[];
}

export function catalogueRepo({ db }: RepoContext) {
  return {
    /**
     * Stores element sets, creating satellites as needed and keeping every epoch (history).
     * `newId` makes ids for new satellites. Run inside a transaction so a file lands whole.
     */
    async importElementSets(
      sets: readonly ElementSetInput[],
      meta: { source: string; importedBy: string | null; nowMs: number; newId: () => string },
    ): Promise<ImportOutcome> {
      let satellitesCreated = 0;
      let elementSetsAdded = 0;
      let duplicates = 0;
      const ids = new Set<string>();
      for (const s of sets) {
        let sat = await db
          .selectFrom('satellites')
          .selectAll()
          .where('catalog_number', '=', s.catalogNumber)
          .executeTakeFirst();
        if (!sat) {
          sat = {
            id: s.satelliteId ?? meta.newId(),
            catalog_number: s.catalogNumber,
            name: s.name || `NORAD ${s.catalogNumber}`,
            object_id: s.objectId,
            created_at_ms: meta.nowMs,
            updated_at_ms: meta.nowMs,
            latest_epoch_ms: null,
          };
          await db.insertInto('satellites').values(sat).execute();
          satellitesCreated++;
        }
        ids.add(sat.id);
        const inserted = await db
          .insertInto('element_sets')
          .values({
            satellite_id: sat.id,
            epoch_ms: s.epochMs,
            line1: s.line1,
            line2: s.line2,
            name: s.name,
            source: meta.source,
            imported_at_ms: meta.nowMs,
            imported_by: meta.importedBy,
          })
          .onConflict((oc) => oc.columns(['satellite_id', 'epoch_ms']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          duplicates++;
          continue;
        }
        elementSetsAdded++;
        if (sat.latest_epoch_ms === null || s.epochMs > Number(sat.latest_epoch_ms)) {
          await db
            .updateTable('satellites')
            .set({
              latest_epoch_ms: s.epochMs,
              updated_at_ms: meta.nowMs,
              name: s.name || sat.name,
              object_id: s.objectId || sat.object_id,
            })
            .where('id', '=', sat.id)
            .execute();
        }
      }
      return { satellitesCreated, elementSetsAdded, duplicates, satelliteIds: [...ids] };
    },
    async listSatellites(): Promise<SatelliteRecord[]> {
      const rows = await db.selectFrom('satellites').selectAll().orderBy('name').execute();
      return rows.map(toSatellite);
    },
    async getSatellite(id: string): Promise<SatelliteRecord | null> {
      const r = await db
        .selectFrom('satellites')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? toSatellite(r) : null;
    },
    /** Element-set history of a satellite, newest epoch first. */
    async elementSets(satelliteId: string, limit = 1000): Promise<ElementSetRecord[]> {
      const rows = await db
        .selectFrom('element_sets')
        .selectAll()
        .where('satellite_id', '=', satelliteId)
        .orderBy('epoch_ms', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toElementSet);
    },
    /** The newest element set of every satellite. */
    async latestElementSets(): Promise<ElementSetRecord[]> {
      const rows = await db
        .selectFrom('element_sets as e')
        .innerJoin('satellites as s', (j) =>
          j.onRef('s.id', '=', 'e.satellite_id').onRef('s.latest_epoch_ms', '=', 'e.epoch_ms'),
        )
        .selectAll('e')
        .execute();
      return rows.map(toElementSet);
    },
    /**
     * A number that changes whenever an element set is added (the highest id): caches of
     * propagators and passes are keyed by it, so they follow imports made by any process.
     */
    async elementSetsVersion(): Promise<number> {
      const r = await db
        .selectFrom('element_sets')
        .select((eb) => eb.fn.max('id').as('v'))
        .executeTakeFirst();
      return Number(r?.v ?? 0);
    },
    async countElementSets(): Promise<number> {
      const r = await db
        .selectFrom('element_sets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async upsertStation(s: StationRecord): Promise<void> {
      const row: StationsTable = {
        id: s.id,
        name: s.name,
        nation: s.nation,
        lat_deg: s.latDeg,
        lon_deg: s.lonDeg,
        alt_m: s.altM,
        min_elevation_deg: s.minElevationDeg,
        data: toJson(s.data),
      };
      const { id: _id, ...rest } = row;
      await db
        .insertInto('stations')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async listStations(): Promise<StationRecord[]> {
      return (await db.selectFrom('stations').selectAll().orderBy('id').execute()).map(toStation);
    },
    async getStation(id: string): Promise<StationRecord | null> {
      const r = await db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toStation(r) : null;
    },

    async upsertSensor(s: SensorRecord): Promise<void> {
      const row: SensorsTable = {
        id: s.id,
        satellite_id: s.satelliteId,
        name: s.name,
        type: s.type,
        data: toJson(s.data),
      };
      const { id: _id, ...rest } = row;
      await db
        .insertInto('sensors')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async listSensors(): Promise<SensorRecord[]> {
      return (await db.selectFrom('sensors').selectAll().orderBy('id').execute()).map(toSensor);
    },
    async getSensor(id: string): Promise<SensorRecord | null> {
      const r = await db.selectFrom('sensors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSensor(r) : null;
    },

    async insertAoi(a: AoiRecord): Promise<AoiRecord> {
      await db
        .insertInto('aois')
        .values({
          id: a.id,
          name: a.name,
          geometry: toJson(a.geometry),
          min_lon: a.bbox.minLon,
          min_lat: a.bbox.minLat,
          max_lon: a.bbox.maxLon,
          max_lat: a.bbox.maxLat,
          owner_nation: a.ownerNation,
          releasability: a.releasability,
          created_by: a.createdBy,
          created_at_ms: a.createdAtMs,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return a;
    },
    async listAois(viewer: Viewer): Promise<AoiRecord[]> {
      const rows = await db
        .selectFrom('aois')
        .selectAll()
        .where(visibleTo(viewer))
        .orderBy('name')
        .execute();
      return rows.map(toAoi);
    },
    async getAoi(id: string, viewer: Viewer): Promise<AoiRecord | null> {
      const r = await db
        .selectFrom('aois')
        .selectAll()
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toAoi(r) : null;
    },
  };
}

export type CatalogueRepo = ReturnType<typeof catalogueRepo>;
