/**
 * The files the export panel writes, from what the panels show: passes and plans as CSV or JSON,
 * areas (requests and AOIs) and products as GeoJSON feature collections (KML via kml.ts).
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { Aoi, Pass, PlanVersionDetail, ProductDto, RequestDto } from '../../panel-kit/dto.js';
import { toCsv } from './csv.js';

export const PASS_COLUMNS = [
  'station_id',
  'satellite_id',
  'norad_id',
  'satellite_name',
  'aos_utc',
  'tca_utc',
  'los_utc',
  'max_elevation_deg',
  'aos_azimuth_deg',
  'los_azimuth_deg',
  'duration_s',
  'flags',
] as const;

export function passesCsv(passes: readonly Pass[]): string {
  return toCsv(
    PASS_COLUMNS,
    passes.map((p) => [
      p.stationId,
      p.satelliteId,
      p.catalogNumber,
      p.satelliteName,
      p.aos,
      p.tca,
      p.los,
      round(p.maxElevationDeg, 3),
      round(p.aosAzimuthDeg, 3),
      round(p.losAzimuthDeg, 3),
      round(p.durationS, 1),
      p.flags.join(' '),
    ]),
  );
}

export const PLAN_COLUMNS = [
  'plan_id',
  'version',
  'kind',
  'id',
  'satellite_id',
  'request_id',
  'station_id',
  'start_utc',
  'end_utc',
  'status',
  'volume_gb',
] as const;

/** One row per acquisition then per downlink (from the version's planner details, when present). */
export function planCsv(v: PlanVersionDetail): string {
  const details = v.version.details ?? v.details ?? null;
  const rows = [
    ...v.acquisitions.map((a) => [
      v.id,
      v.version.version,
      'acquisition',
      a.id,
      a.satelliteId,
      a.requestId ?? '',
      '',
      a.start,
      a.end,
      a.status,
      null,
    ]),
    ...(details?.downlinks ?? []).map((d, i) => [
      v.id,
      v.version.version,
      'downlink',
      `downlink-${i + 1}`,
      d.satelliteId,
      '',
      d.stationId,
      d.start,
      d.end,
      '',
      round(d.volumeGb, 3),
    ]),
  ];
  return toCsv(PLAN_COLUMNS, rows);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Requests and AOIs as one collection; `kind` tells them apart. */
export function areasCollection(
  requests: readonly RequestDto[],
  aois: readonly Aoi[],
): FeatureCollection {
  const features: Feature[] = [
    ...requests.map((r): Feature => ({
      type: 'Feature',
      id: r.id,
      properties: {
        kind: 'request',
        id: r.id,
        name: r.title,
        status: r.status,
        priority: r.priority,
        owner_nation: r.ownerNation,
        releasability: r.releasability,
        sensor_type: r.sensorType,
        window_start: r.window.start,
        window_end: r.window.end,
      },
      geometry: r.aoi,
    })),
    ...aois.map((a): Feature => ({
      type: 'Feature',
      id: a.id,
      properties: {
        kind: 'aoi',
        id: a.id,
        name: a.name,
        owner_nation: a.ownerNation,
        releasability: a.releasability,
      },
      geometry: a.geometry,
    })),
  ];
  return { type: 'FeatureCollection', features };
}

/** Every shown product's polygons, each feature tagged with its product. */
export function productsCollection(
  shown: ReadonlyArray<{ product: ProductDto; geometry: FeatureCollection }>,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: shown.flatMap(({ product, geometry }) =>
      geometry.features.map((f): Feature => ({
        ...f,
        properties: {
          ...(f.properties ?? {}),
          product_id: product.id,
          product_type: product.type,
          name: product.title,
          acquired_at: product.acquiredAt,
          product_area_km2: product.areaKm2,
        },
      })),
    ),
  };
}

/** A file name safe on every system: `sahelsat-<what>-<UTC instant>.<ext>`. */
export function fileName(what: string, atMs: number, ext: string): string {
  const stamp = new Date(atMs).toISOString().slice(0, 19).replace(/[:]/g, '').replace('T', '-');
  return `sahelsat-${what.replace(/[^a-z0-9-]+/gi, '-')}-${stamp}Z.${ext}`;
}
