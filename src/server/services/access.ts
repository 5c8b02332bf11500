/**
 * Imaging access windows of an area for the stored satellites: when can each satellite's
 * sensor image a stored area of interest, a bundled area, a box or a point? The search is the
 * library's (`src/access`): point targets get the windows of `findAccessWindows`, areas one
 * window per pass from `findAreaWindows` (the area sampled as the feasibility service does).
 * Satellites are those with a stored element set and a stored sensor whose figures (off-nadir
 * limit, incidence range, swath) parse as a sensor model; answers are kept per query and
 * element-set version.
 */
import { findAccessWindows } from '../../access/access-windows.js';
import { findAreaWindows, sampleArea } from '../../access/aoi-access.js';
import type { Aoi } from '../../access/aoi/types.js';
import { prepareTarget } from '../../access/geometry.js';
import type { Sensor } from '../../access/sensor.js';
import { sampleTrack } from '../../access/track.js';
import { NotFoundError } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { resolveBundledAoi } from '../../io/bundled-aoi.js';
import { sensorSchema } from '../../io/sensors.js';
import type { ServiceDeps } from '../context.js';
import { invalidField, notFound } from '../errors.js';
import type { Caller } from '../policy.js';
import type { OrbitsService } from './orbits.js';

/** Sample points of an area (as the feasibility service: enough for fractions to 1 %). */
export const ACCESS_AREA_POINTS = 400;
const CACHE_SIZE = 32;

export interface AccessQueryInput {
  readonly aoi?: string | undefined;
  readonly area?: string | undefined;
  readonly bbox?: string | undefined;
  readonly point?: string | undefined;
  readonly startMs?: number | undefined;
  readonly hours: number;
  readonly satellite?: string | undefined;
  readonly sensorType?: 'optical' | 'sar' | undefined;
  readonly maxOffNadirDeg?: number | undefined;
  readonly minSunElevationDeg?: number | undefined;
}

export interface AccessWindowOut {
  satelliteId: string;
  catalogNumber: number;
  satelliteName: string;
  sensorId: string;
  sensorType: string;
  sensorKind: Sensor['kind'];
  start: string;
  end: string;
  best: string;
  minOffNadirDeg: number;
  incidenceDeg: number | null;
  sunElevationDeg: number;
  direction: 'ascending' | 'descending';
  fieldOfRegardFraction: number;
  swathFraction: number | null;
}

export interface AccessOut {
  area: { kind: 'aoi' | 'area' | 'bbox' | 'point'; id: string; name: string };
  start: string;
  end: string;
  windows: AccessWindowOut[];
}

/** A stored sensor's figures as a sensor model (null when they are not one: no geometry stored). */
export function storedSensorModel(data: Record<string, unknown>): Sensor | null {
  const { design: _design, source: _source, ...spec } = data;
  const parsed = sensorSchema.safeParse(spec);
  return parsed.success ? (parsed.data as Sensor) : null;
}

/**
 * The sensor with the caller's limits: an agile optical sensor's field of regard shrinks to
 * `maxOffNadirDeg`, optical and nadir sensors get the higher sun limit. What a strip sensor
 * cannot take as a model change (a SAR's sun, off-nadir of SAR and nadir) filters the windows.
 */
export function constrainedSensor(
  s: Sensor,
  maxOffNadirDeg: number | undefined,
  minSunElevationDeg: number | undefined,
): Sensor {
  if (s.kind === 'optical')
    return {
      ...s,
      ...(maxOffNadirDeg !== undefined
        ? { maxOffNadirDeg: Math.min(s.maxOffNadirDeg, maxOffNadirDeg) }
        : {}),
      ...(minSunElevationDeg !== undefined
        ? { minSunElevationDeg: Math.max(s.minSunElevationDeg ?? -90, minSunElevationDeg) }
        : {}),
    };
  if (s.kind === 'nadir' && minSunElevationDeg !== undefined)
    return { ...s, minSunElevationDeg: Math.max(s.minSunElevationDeg ?? -90, minSunElevationDeg) };
  return s;
}

function parseNumbers(text: string, n: number, path: string, what: string): number[] {
  const parts = text.split(',').map((x) => x.trim());
  const xs = parts.map(Number);
  if (parts.length !== n || parts.some((p) => p === '') || xs.some((x) => !Number.isFinite(x)))
    throw invalidField(path, `expected ${what}; got ${JSON.stringify(text)}`);
  return xs;
}

function bboxArea(text: string): Aoi {
  const [w, s, e, n] = parseNumbers(text, 4, 'query.bbox', 'minLon,minLat,maxLon,maxLat');
  if (!(w! >= -180 && e! <= 180 && w! < e!))
    throw invalidField('query.bbox', `longitudes must satisfy -180 ≤ minLon < maxLon ≤ 180`);
  if (!(s! >= -90 && n! <= 90 && s! < n!))
    throw invalidField('query.bbox', `latitudes must satisfy -90 ≤ minLat < maxLat ≤ 90`);
  const ring = [
    [w!, s!],
    [e!, s!],
    [e!, n!],
    [w!, n!],
    [w!, s!],
  ] as [number, number][];
  return {
    id: `bbox:${text}`,
    name: `bbox ${text}`,
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: {},
  };
}

function pointArea(text: string): Aoi {
  const [lat, lon] = parseNumbers(text, 2, 'query.point', 'lat,lon (degrees)');
  if (!(lat! >= -90 && lat! <= 90))
    throw invalidField('query.point', 'latitude must be in [-90, 90]');
  if (!(lon! >= -180 && lon! <= 180))
    throw invalidField('query.point', 'longitude must be in [-180, 180]');
  return {
    id: `point:${lat},${lon}`,
    name: `point ${lat}, ${lon}`,
    geometry: { type: 'Point', coordinates: [lon!, lat!] },
    properties: {},
  };
}

export function accessService(deps: ServiceDeps, orbits: OrbitsService) {
  const { store, clock } = deps;
  const cache = new Map<string, Promise<AccessOut>>();

  /** The area asked for: exactly one of aoi, area, bbox, point. */
  async function resolveArea(
    caller: Caller,
    q: AccessQueryInput,
  ): Promise<{ aoi: Aoi; kind: AccessOut['area']['kind'] }> {
    const given = (['aoi', 'area', 'bbox', 'point'] as const).filter((k) => q[k] !== undefined);
    if (given.length !== 1)
      throw invalidField(
        `query.${given[1] ?? 'aoi'}`,
        given.length === 0
          ? 'give the area: one of aoi (a stored area id), area (a bundled area name), bbox or point'
          : `give only one of aoi, area, bbox, point (got ${given.join(', ')})`,
      );
    const kind = given[0]!;
    if (kind === 'aoi') {
      // Nation visibility: an area released to another nation does not exist for this caller.
      const a = await store.catalogue.getAoi(q.aoi!, caller);
      if (!a) throw notFound('area of interest');
      return {
        kind,
        aoi: { id: a.id, name: a.name, geometry: a.geometry as Aoi['geometry'], properties: {} },
      };
    }
    if (kind === 'area') {
      try {
        return { kind, aoi: resolveBundledAoi(q.area!) };
      } catch (err) {
        if (err instanceof NotFoundError) throw invalidField('query.area', err.message);
        throw err;
      }
    }
    if (kind === 'bbox') return { kind, aoi: bboxArea(q.bbox!) };
    return { kind, aoi: pointArea(q.point!) };
  }

  async function compute(
    area: { aoi: Aoi; kind: AccessOut['area']['kind'] },
    q: AccessQueryInput,
    from: number,
  ): Promise<AccessOut> {
    const to = from + q.hours * 3600_000;
    const props = new Map((await orbits.propagators()).map((p) => [p.satelliteId, p.propagator]));
    const sensors = (await store.catalogue.listSensors())
      .filter((s) => s.satelliteId !== null && props.has(s.satelliteId))
      .filter((s) => q.satellite === undefined || s.satelliteId === q.satellite)
      .filter((s) => q.sensorType === undefined || s.type === q.sensorType)
      .sort((a, b) => a.id.localeCompare(b.id));
    const { aoi } = area;
    const isPoint = aoi.geometry.type === 'Point';
    const sampling = isPoint ? null : sampleArea(aoi, ACCESS_AREA_POINTS);
    const target = isPoint
      ? prepareTarget(aoi.id, {
          latitudeDeg: (aoi.geometry.coordinates as readonly number[])[1]!,
          longitudeDeg: (aoi.geometry.coordinates as readonly number[])[0]!,
          altitudeKm: 0,
        })
      : null;
    const windows: AccessWindowOut[] = [];
    const opts = { startMs: from, endMs: to };
    for (const rec of sensors) {
      const model = storedSensorModel(rec.data);
      if (!model) continue;
      const sensor = constrainedSensor(model, q.maxOffNadirDeg, q.minSunElevationDeg);
      const propagator = props.get(rec.satelliteId!)!;
      const track = sampleTrack(propagator, from, to);
      const base = {
        satelliteId: rec.satelliteId!,
        sensorId: rec.id,
        sensorType: rec.type,
        sensorKind: sensor.kind,
      };
      const found = target
        ? findAccessWindows(track, sensor, [target], opts)[0]!.map((w) => ({
            ...w,
            incidenceDeg: w.incidenceDeg as number | null,
            fieldOfRegardFraction: 1,
            swathFraction: 1 as number | null,
          }))
        : findAreaWindows(aoi, sampling!, track, sensor, opts).map((w) => ({
            ...w,
            incidenceDeg: null as number | null,
          }));
      for (const w of found) {
        // What the model does not take: off-nadir of strip sensors, the sun for a SAR.
        if (q.maxOffNadirDeg !== undefined && w.minOffNadirDeg > q.maxOffNadirDeg) continue;
        if (
          q.minSunElevationDeg !== undefined &&
          sensor.kind === 'sar' &&
          w.sunElevationDeg < q.minSunElevationDeg
        )
          continue;
        windows.push({
          ...base,
          catalogNumber: w.catalogNumber,
          satelliteName: w.satelliteName,
          start: formatIsoUtc(w.startMs),
          end: formatIsoUtc(w.endMs),
          best: formatIsoUtc(w.bestMs),
          minOffNadirDeg: w.minOffNadirDeg,
          incidenceDeg: w.incidenceDeg,
          sunElevationDeg: w.sunElevationDeg,
          direction: w.direction,
          fieldOfRegardFraction: w.fieldOfRegardFraction,
          swathFraction: w.swathFraction,
        });
      }
    }
    windows.sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        a.satelliteId.localeCompare(b.satelliteId) ||
        a.sensorId.localeCompare(b.sensorId),
    );
    return {
      area: { kind: area.kind, id: aoi.id, name: aoi.name },
      start: formatIsoUtc(from),
      end: formatIsoUtc(to),
      windows,
    };
  }

  return {
    /**
     * Access windows over [start, start + hours] (start default: the current second). The
     * answer is kept per area, window, filters and element-set version; the area is checked
     * against the caller's nation before anything kept is used.
     */
    async windows(caller: Caller, q: AccessQueryInput): Promise<AccessOut> {
      const area = await resolveArea(caller, q);
      if (q.satellite !== undefined && !(await store.catalogue.getSatellite(q.satellite)))
        throw notFound('satellite');
      const from = q.startMs ?? Math.floor(clock() / 1000) * 1000;
      const version = await orbits.version();
      const key = JSON.stringify([
        area.kind,
        area.aoi.id,
        from,
        q.hours,
        q.satellite ?? '',
        q.sensorType ?? '',
        q.maxOffNadirDeg ?? '',
        q.minSunElevationDeg ?? '',
        version,
      ]);
      let entry = cache.get(key);
      if (!entry) {
        entry = compute(area, q, from);
        entry.catch(() => cache.delete(key));
        cache.set(key, entry);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return entry;
    },
  };
}

export type AccessService = ReturnType<typeof accessService>;
