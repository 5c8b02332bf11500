/** Satellites (TLE import, element-set history), stations, sensors, areas of interest, passes. */
import type { z } from 'zod';
import { formatLocation } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { type CatalogIssue, issue } from '../../io/catalog-issue.js';
import type { CatalogFormat } from '../../io/catalog-types.js';
import { readCatalog } from '../../io/catalog.js';
import { formatTle } from '../../orbit/tle-lines.js';
import { type Pass, findPasses } from '../../passes/index.js';
import type { AoiRecord, StationRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import { type NewAoiBody, PassesOut } from '../schemas/catalogue.js';
import { audit, auditNation } from './audit.js';
import { geometryBBox } from './geometry.js';
import type { OrbitsService } from './orbits.js';

const issueOut = (i: CatalogIssue) => ({
  message: formatLocation(i.location)
    ? `${formatLocation(i.location)}: ${i.message}${i.expected ? `; expected ${i.expected}` : ''}${i.received !== undefined ? `; got ${JSON.stringify(i.received)}` : ''}`
    : i.message,
  ...(i.location.line !== undefined ? { line: i.location.line } : {}),
  ...(i.location.column !== undefined ? { column: i.location.column } : {}),
  ...(i.location.field !== undefined ? { field: i.location.field } : {}),
});

type PassOut = {
  stationId: string;
  satelliteId: string;
  catalogNumber: number;
  satelliteName: string;
  aos: string;
  tca: string;
  los: string;
  maxElevationDeg: number;
  aosAzimuthDeg: number;
  losAzimuthDeg: number;
  durationS: number;
  flags: string[];
};

/** Passes are cached per 10-minute bucket of the window start: clients asking "next 24 h" share one computation. */
const PASS_BUCKET_MS = 10 * 60_000;
const PASS_MARGIN_MS = 3600_000;
const PASS_CACHE_SIZE = 64;
const JSON_CACHE_SIZE = 32;

export function catalogueService(deps: ServiceDeps, orbits: OrbitsService) {
  const { store, clock } = deps;
  const jsonCache = new Map<string, Promise<string>>();
  const passCache = new Map<
    string,
    Promise<Array<{ aosMs: number; losMs: number; out: PassOut }>>
  >();

  const station = async (id: string): Promise<StationRecord> => {
    const s = await store.catalogue.getStation(id);
    if (!s) throw notFound('station');
    return s;
  };

  return {
    /**
     * Imports a catalogue (TLE, or OMM as JSON, XML or KVN; detected unless `format` says):
     * every good entry lands, atomically; bad ones are reported with their line. Element sets
     * are stored as TLE lines (OMM digits beyond a TLE's precision are rounded).
     */
    async importCatalog(caller: Caller, text: string, source: string, format?: CatalogFormat) {
      requirePermission(caller, 'import element sets');
      const parsed = readCatalog(text, { fileName: source, ...(format ? { format } : {}) });
      const errors = [...parsed.errors];
      const sets = parsed.entries.flatMap((e) => {
        try {
          const [line1, line2] = formatTle(e.elements);
          return [
            {
              catalogNumber: e.elements.catalogNumber,
              name: e.elements.name,
              objectId: e.elements.objectId,
              epochMs: e.elements.epochMs,
              line1,
              line2,
            },
          ];
        } catch (err) {
          errors.push(
            issue(`cannot be stored as a TLE: ${(err as Error).message}`, {
              file: source,
              line: e.line,
            }),
          );
          return [];
        }
      });
      if (sets.length === 0 && errors.length === 0) {
        throw new ApiError(400, 'invalid-input', 'error.validation', { count: 1 }, [
          {
            path: 'body',
            message:
              'no element set found: expected TLE lines ("1 …", "2 …") or an OMM (JSON, XML, KVN)',
          },
        ]);
      }
      const now = clock();
      const outcome = await store.transaction(async (tx) => {
        const o = await tx.catalogue.importElementSets(sets, {
          source,
          importedBy: caller.id,
          nowMs: now,
          newId: deps.newId,
        });
        await audit(
          tx,
          now,
          caller,
          'satellites.import',
          { type: 'element-sets', id: source },
          {
            satellitesCreated: o.satellitesCreated,
            elementSetsAdded: o.elementSetsAdded,
            duplicates: o.duplicates,
            errors: errors.length,
            format: parsed.format,
          },
        );
        return o;
      });
      orbits.invalidate();
      return {
        satellitesCreated: outcome.satellitesCreated,
        elementSetsAdded: outcome.elementSetsAdded,
        duplicates: outcome.duplicates,
        format: parsed.format,
        errors: errors.map(issueOut),
        warnings: parsed.warnings.map(issueOut),
      };
    },
    listSatellites: () => store.catalogue.listSatellites(),
    async satellite(id: string) {
      const s = await store.catalogue.getSatellite(id);
      if (!s) throw notFound('satellite');
      const [latest] = await store.catalogue.elementSets(id, 1);
      return { satellite: s, elementSet: latest ?? null };
    },
    async elementSets(id: string) {
      if (!(await store.catalogue.getSatellite(id))) throw notFound('satellite');
      return store.catalogue.elementSets(id);
    },
    listStations: () => store.catalogue.listStations(),
    station,
    listSensors: () => store.catalogue.listSensors(),
    listAois: (caller: Caller) => store.catalogue.listAois(caller),
    async aoi(caller: Caller, id: string) {
      const a = await store.catalogue.getAoi(id, caller);
      if (!a) throw notFound('area of interest');
      return a;
    },
    async createAoi(caller: Caller, b: z.infer<typeof NewAoiBody>): Promise<AoiRecord> {
      requirePermission(caller, 'create areas of interest');
      const now = clock();
      const a: AoiRecord = {
        id: deps.newId(),
        name: b.name,
        geometry: b.geometry,
        bbox: geometryBBox(b.geometry),
        ownerNation: caller.nation,
        releasability: b.releasability,
        createdBy: caller.id,
        createdAtMs: now,
      };
      await store.transaction(async (tx) => {
        await tx.catalogue.insertAoi(a);
        await audit(
          tx,
          now,
          caller,
          'aoi.create',
          { type: 'aoi', id: a.id, nation: auditNation(a) },
          { name: a.name },
        );
      });
      return a;
    },
    /**
     * Passes over a station in [start, start + hours]. The search runs once per station, window
     * bucket and element-set version, over a window widened by an hour on each side, so passes
     * in progress at the window edges keep their true AOS and LOS.
     */
    /**
     * The passes answer as JSON text, for the hot path: the default window starts at the
     * current second, and the text is kept per station, second, length, satellite filter and
     * element-set version, so concurrent callers in the same second share one serialisation.
     */
    async passesJson(
      stationId: string,
      startMs: number | undefined,
      hours: number,
      satelliteId?: string,
    ): Promise<string> {
      const from = startMs ?? Math.floor(clock() / 1000) * 1000;
      const version = await orbits.version();
      const key = `${stationId}|${from}|${hours}|${satelliteId ?? ''}|${version}`;
      let text = jsonCache.get(key);
      if (!text) {
        text = this.passes(stationId, from, hours, satelliteId).then((r) =>
          JSON.stringify(PassesOut.parse(r)),
        );
        text.catch(() => jsonCache.delete(key));
        jsonCache.set(key, text);
        if (jsonCache.size > JSON_CACHE_SIZE) jsonCache.delete(jsonCache.keys().next().value!);
      }
      return text;
    },
    async passes(
      stationId: string,
      startMs: number | undefined,
      hours: number,
      satelliteId?: string,
    ) {
      const st = await station(stationId);
      const from = startMs ?? clock();
      const to = from + hours * 3600_000;
      const version = await orbits.version();
      const bucket = Math.floor(from / PASS_BUCKET_MS) * PASS_BUCKET_MS;
      const bucketEnd = Math.ceil(to / PASS_BUCKET_MS) * PASS_BUCKET_MS;
      const key = `${st.id}|${bucket}|${bucketEnd}|${version}`;
      let entry = passCache.get(key);
      if (!entry) {
        entry = (async () => {
          const props = await orbits.propagators();
          const gs = {
            id: st.id,
            name: st.name,
            nation: st.nation,
            latitudeDeg: st.latDeg,
            longitudeDeg: st.lonDeg,
            altitudeM: st.altM,
            minElevationDeg: st.minElevationDeg,
          };
          const passes: Pass[] = [];
          const bySatNumber = new Map<number, string>();
          for (const { satelliteId: sid, propagator } of props) {
            bySatNumber.set(propagator.elements.catalogNumber, sid);
            passes.push(
              ...findPasses(propagator, [gs], {
                startMs: bucket - PASS_MARGIN_MS,
                endMs: bucketEnd + PASS_MARGIN_MS,
              }).passes,
            );
          }
          passes.sort((a, b) => a.aosMs - b.aosMs);
          // Formatted once here: each call then only filters by time.
          return passes.map((p) => ({
            aosMs: p.aosMs,
            losMs: p.losMs,
            out: {
              stationId: p.stationId,
              satelliteId: bySatNumber.get(p.catalogNumber) ?? '',
              catalogNumber: p.catalogNumber,
              satelliteName: p.satelliteName,
              aos: formatIsoUtc(p.aosMs),
              tca: formatIsoUtc(p.tcaMs),
              los: formatIsoUtc(p.losMs),
              maxElevationDeg: p.maxElevationDeg,
              aosAzimuthDeg: p.aosAzimuthDeg,
              losAzimuthDeg: p.losAzimuthDeg,
              durationS: p.durationS,
              flags: [...p.flags],
            },
          }));
        })();
        entry.catch(() => passCache.delete(key));
        passCache.set(key, entry);
        if (passCache.size > PASS_CACHE_SIZE) passCache.delete(passCache.keys().next().value!);
      }
      const cached = await entry;
      return {
        station: st.id,
        start: formatIsoUtc(from),
        end: formatIsoUtc(to),
        passes: cached
          .filter(
            (p) =>
              p.losMs > from &&
              p.aosMs < to &&
              (satelliteId === undefined || p.out.satelliteId === satelliteId),
          )
          .map((p) => p.out),
      };
    },
  };
}

export type CatalogueService = ReturnType<typeof catalogueService>;
