/**
 * Zonal statistics as one CSV table (RFC 4180, `.` decimal point, UTF-8): a `total` row, then
 * `region`, `aoi` and `town` rows. Columns not meaningful for a row kind are empty.
 */
import type { ZonalStats } from './zonal.js';

export const ZONAL_CSV_COLUMNS = [
  'kind',
  'id',
  'name',
  'nation',
  'area_km2',
  'zone_area_km2',
  'share',
  'previous_area_km2',
  'population',
  'latitude_deg',
  'longitude_deg',
  'distance_km',
  'inside',
] as const;

const cell = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The statistics as CSV text (with header, lines ending in `\n`). */
export function zonalStatsCsv(s: ZonalStats): string {
  const rows: (string | number | boolean | null)[][] = [
    ['total', '', '', '', s.totalAreaKm2, '', '', '', '', '', '', '', ''],
  ];
  for (const r of s.regions)
    rows.push([
      'region',
      r.regionId,
      r.name,
      r.nation,
      r.areaKm2,
      r.regionAreaKm2,
      Number(r.share.toPrecision(6)),
      r.previousAreaKm2,
      '',
      '',
      '',
      '',
      '',
    ]);
  for (const a of s.aois)
    rows.push([
      'aoi',
      a.aoiId,
      a.name,
      '',
      a.areaKm2,
      '',
      Number(a.share.toPrecision(6)),
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  for (const t of s.towns)
    rows.push([
      'town',
      '',
      t.name,
      t.nation,
      '',
      '',
      '',
      '',
      t.population,
      t.latitudeDeg,
      t.longitudeDeg,
      t.distanceKm,
      t.inside,
    ]);
  return [ZONAL_CSV_COLUMNS.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
