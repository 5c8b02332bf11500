/**
 * `sahelsat access`: when can each satellite's sensor image each target? Point targets give
 * access windows; areas (polygons, bundled names, corridors around lines) give one window per
 * pass with the fraction of the area reachable and coverable by one swath.
 */
import type { Command } from 'commander';
import { SahelsatError } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { type AccessWindow, findAccessWindows } from '../../access/access-windows.js';
import { type AreaWindow, findAreaWindows, sampleArea } from '../../access/aoi-access.js';
import type { Aoi } from '../../access/aoi/types.js';
import { prepareTarget } from '../../access/geometry.js';
import { groundTrack } from '../../access/ground-track.js';
import type { SatelliteTrack } from '../../access/track.js';
import { defineMessages } from '../../i18n/index.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';
import { resolveAreas, resolveSensor, tracksFor } from '../access-options.js';
import {
  checkFormat,
  csvField,
  formatTable,
  loadCatalogFile,
  parseNoradList,
  parseNumberOption,
  parseTimeOption,
  selectEntries,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'imaging access windows of satellites over targets and areas',
    tle: 'element sets: TLE, OMM JSON, OMM XML or OMM KVN',
    norad: 'only these catalogue numbers (comma-separated)',
    sensor: 'sensor: a JSON file, FILE:ID, or a bundled id (kanopus-v-pss, sentinel-1-iw…)',
    maxOffNadir: 'ad-hoc agile optical sensor: largest off-nadir angle, degrees',
    minSunEl: 'with --max-off-nadir-deg: smallest sun elevation at the target, degrees',
    swath: 'with --max-off-nadir-deg: swath width, km',
    targets: 'GeoJSON targets: points (with an id property), polygons, lines (with --corridor-km)',
    aoi: 'a bundled area: AES, MLI, BFA, NER, a region (Gao, BF-12…), border:MLI-NER, town:NAME',
    corridor: 'half-width of the corridor around line features, km',
    start: 'start of the window, ISO 8601 UTC (default: now)',
    days: 'length of the window in days (default 1)',
    format: 'output format: table, csv, json or geojson',
    ignoreChecksum: 'accept TLE lines with a wrong checksum (with a warning)',
    progress: 'access',
    summary: '{n} windows for {sats} satellites and {targets} targets ({sensor})',
    hTarget: 'target',
    hSatellite: 'satellite',
    hNorad: 'NORAD',
    hStart: 'start (UTC)',
    hEnd: 'end (UTC)',
    hBest: 'best (UTC)',
    hOffNadir: 'off-nadir °',
    hSun: 'sun el °',
    hDir: 'direction',
    hFor: 'FoR %',
    hSwath: 'swath %',
  },
  fr: {
    description: 'fenêtres d’accès en imagerie des satellites sur des cibles et des zones',
    tle: 'jeux d’éléments : TLE, OMM JSON, OMM XML ou OMM KVN',
    norad: 'seulement ces numéros de catalogue (séparés par des virgules)',
    sensor:
      'capteur : un fichier JSON, FICHIER:ID, ou un identifiant fourni (kanopus-v-pss, sentinel-1-iw…)',
    maxOffNadir: 'capteur optique agile ad hoc : dépointage maximal, degrés',
    minSunEl: 'avec --max-off-nadir-deg : élévation minimale du Soleil sur la cible, degrés',
    swath: 'avec --max-off-nadir-deg : largeur de fauchée, km',
    targets:
      'cibles GeoJSON : points (avec une propriété id), polygones, lignes (avec --corridor-km)',
    aoi: 'une zone fournie : AES, MLI, BFA, NER, une région (Gao, BF-12…), border:MLI-NER, town:NOM',
    corridor: 'demi-largeur du couloir autour des entités linéaires, km',
    start: 'début de la fenêtre, ISO 8601 UTC (par défaut : maintenant)',
    days: 'durée de la fenêtre en jours (par défaut 1)',
    format: 'format de sortie : table, csv, json ou geojson',
    ignoreChecksum:
      'accepter les lignes TLE dont la somme de contrôle est fausse (avec un avertissement)',
    progress: 'accès',
    summary: '{n} fenêtres pour {sats} satellites et {targets} cibles ({sensor})',
    hTarget: 'cible',
    hSatellite: 'satellite',
    hNorad: 'NORAD',
    hStart: 'début (UTC)',
    hEnd: 'fin (UTC)',
    hBest: 'meilleur (UTC)',
    hOffNadir: 'dépointage °',
    hSun: 'él. Soleil °',
    hDir: 'sens',
    hFor: 'accessible %',
    hSwath: 'fauchée %',
  },
});

/** The exact CSV header for point targets. */
export const ACCESS_CSV_HEADER =
  'target_id,satellite,norad,start_utc,end_utc,best_utc,min_off_nadir_deg,sun_el_deg,direction';
/** The CSV header when some targets are areas (points then have fractions 1). */
export const ACCESS_AREA_CSV_HEADER = `${ACCESS_CSV_HEADER},for_fraction,swath_fraction`;

interface AccessOptions {
  tle: string;
  norad?: string;
  sensor?: string;
  maxOffNadirDeg?: string;
  minSunElDeg?: string;
  swathKm?: string;
  targets?: string;
  aoi?: string;
  corridorKm?: string;
  start?: string;
  days: string;
  format: string;
  ignoreChecksum?: boolean;
}

export function registerAccess(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('access')
    .description(m(L, 'description'))
    .requiredOption('--tle <file>', m(L, 'tle'))
    .option('--norad <ids>', m(L, 'norad'))
    .option('--sensor <file|id>', m(L, 'sensor'))
    .option('--max-off-nadir-deg <deg>', m(L, 'maxOffNadir'))
    .option('--min-sun-el-deg <deg>', m(L, 'minSunEl'))
    .option('--swath-km <km>', m(L, 'swath'))
    .option('--targets <file>', m(L, 'targets'))
    .option('--aoi <name>', m(L, 'aoi'))
    .option('--corridor-km <km>', m(L, 'corridor'))
    .option('--start <iso>', m(L, 'start'))
    .option('--days <n>', m(L, 'days'), '1')
    .option('--format <format>', m(L, 'format'), 'table')
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .action(async (o: AccessOptions) => runAccess(ctx, o));
}

/** One output row: a point window or an area window, with what the formats need. */
interface Row {
  readonly targetId: string;
  readonly satelliteName: string;
  readonly catalogNumber: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly bestMs: number;
  readonly minOffNadirDeg: number;
  readonly sunElevationDeg: number;
  readonly direction: 'ascending' | 'descending';
  readonly forFraction: number;
  readonly swathFraction: number | null;
  readonly point: AccessWindow | null;
  readonly area: AreaWindow | null;
  readonly track: SatelliteTrack;
}

async function runAccess(ctx: CliContext, o: AccessOptions): Promise<void> {
  const L = ctx.lang;
  const format = checkFormat(ctx, o.format, ['table', 'csv', 'json', 'geojson'] as const);
  const days = parseNumberOption(ctx, o.days, '--days', { min: 1e-6, max: 366 })!;
  const startMs = parseTimeOption(o.start, '--start', Date.now());
  const endMs = startMs + days * 86_400_000;
  const sensor = resolveSensor(ctx, o);
  const areas = resolveAreas(ctx, o, o.targets !== undefined ? '--targets' : '--aoi');
  const entries = selectEntries(
    ctx,
    loadCatalogFile(ctx, o.tle, { ignoreChecksum: o.ignoreChecksum ?? false }),
    parseNoradList(ctx, o.norad),
  );
  const points = areas.filter((a) => a.geometry.type === 'Point');
  const polygons = areas.filter((a) => a.geometry.type !== 'Point');
  const prepared = points.map((a) => {
    // GeoJSON's optional third coordinate is the height in metres.
    const [lon, lat, heightM] = a.geometry.coordinates as readonly [number, number, number?];
    return prepareTarget(a.id, {
      latitudeDeg: lat,
      longitudeDeg: lon,
      altitudeKm: Number.isFinite(heightM) ? heightM! / 1000 : 0,
    });
  });
  const samplings = new Map(polygons.map((a) => [a.id, sampleArea(a)]));
  const tracks = tracksFor(ctx, entries, startMs, endMs);
  const total = tracks.length * (1 + polygons.length);
  const bar = createProgressBar(
    ctx.stderr,
    { label: m(L, 'progress'), total, unit: 'jobs' },
    total > 20,
  );
  const rows: Row[] = [];
  let done = 0;
  for (const track of tracks) {
    if (ctx.signal.aborted) throw new SahelsatError('interrupted', 'interrupted');
    const opts = { startMs, endMs };
    findAccessWindows(track, sensor, prepared, opts).forEach((list) =>
      list.forEach((w) =>
        rows.push({
          ...w,
          forFraction: 1,
          swathFraction: 1,
          point: w,
          area: null,
          track,
        }),
      ),
    );
    bar.update(++done);
    for (const a of polygons) {
      for (const w of findAreaWindows(a, samplings.get(a.id)!, track, sensor, opts)) {
        rows.push({
          ...w,
          targetId: w.aoiId,
          forFraction: w.fieldOfRegardFraction,
          swathFraction: w.swathFraction,
          point: null,
          area: w,
          track,
        });
      }
      bar.update(++done);
      // Let a pending SIGINT reach the abort signal between two areas.
      await new Promise((r) => setImmediate(r));
      if (ctx.signal.aborted) throw new SahelsatError('interrupted', 'interrupted');
    }
  }
  bar.finish();
  rows.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      a.targetId.localeCompare(b.targetId) ||
      a.catalogNumber - b.catalogNumber,
  );
  const areal = polygons.length > 0;
  if (format === 'csv') ctx.stdout.write(rowsToCsv(rows, areal));
  else if (format === 'json')
    ctx.stdout.write(
      `${JSON.stringify(
        rows.map((r) => rowToJson(r, areal)),
        null,
        1,
      )}\n`,
    );
  else if (format === 'geojson') ctx.stdout.write(rowsToGeoJson(rows, areal, areas));
  else {
    ctx.stdout.write(rowsToTable(ctx, rows, areal));
    ctx.stderr.write(
      `${m(L, 'summary', { n: rows.length, sats: tracks.length, targets: areas.length, sensor: sensor.name })}\n`,
    );
  }
}

const deg = (x: number, d = 3): string => x.toFixed(d);

/** Rows as CSV: the exact point header, or the area header when some targets are areas. */
function rowsToCsv(rows: readonly Row[], areal: boolean): string {
  const lines = [areal ? ACCESS_AREA_CSV_HEADER : ACCESS_CSV_HEADER];
  for (const r of rows) {
    const cols = [
      csvField(r.targetId),
      csvField(r.satelliteName.trim()),
      r.catalogNumber,
      formatIsoUtc(r.startMs),
      formatIsoUtc(r.endMs),
      formatIsoUtc(r.bestMs),
      deg(r.minOffNadirDeg),
      deg(r.sunElevationDeg),
      r.direction,
    ];
    if (areal) cols.push(r.forFraction.toFixed(4), r.swathFraction?.toFixed(4) ?? '');
    lines.push(cols.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function rowToJson(r: Row, areal: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    target_id: r.targetId,
    satellite: r.satelliteName.trim(),
    norad: r.catalogNumber,
    start_utc: formatIsoUtc(r.startMs),
    end_utc: formatIsoUtc(r.endMs),
    best_utc: formatIsoUtc(r.bestMs),
    min_off_nadir_deg: Number(deg(r.minOffNadirDeg)),
    sun_el_deg: Number(deg(r.sunElevationDeg)),
    direction: r.direction,
  };
  if (r.point) {
    Object.assign(base, {
      incidence_deg: Number(deg(r.point.incidenceDeg)),
      look_side: r.point.lookSide,
      cross_track_km: Number(r.point.crossTrackKm.toFixed(3)),
      start_cut: r.point.startCut,
      end_cut: r.point.endCut,
    });
  }
  if (areal) {
    base.for_fraction = Number(r.forFraction.toFixed(4));
    base.swath_fraction = r.swathFraction === null ? null : Number(r.swathFraction.toFixed(4));
  }
  return base;
}

/**
 * A FeatureCollection: one LineString per window, the ground track from a minute before the
 * best time to a minute after (or the whole window when longer), with the window's fields.
 */
function rowsToGeoJson(rows: readonly Row[], areal: boolean, areas: readonly Aoi[]): string {
  const names = new Map(areas.map((a) => [a.id, a.name]));
  const features = rows.map((r) => ({
    type: 'Feature',
    geometry: {
      type: 'LineString',
      coordinates: groundTrack(
        r.track,
        Math.min(r.startMs, r.bestMs - 60_000),
        Math.max(r.endMs, r.bestMs + 60_000),
      ),
    },
    properties: { ...rowToJson(r, areal), target_name: names.get(r.targetId) ?? r.targetId },
  }));
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}

function rowsToTable(ctx: CliContext, rows: readonly Row[], areal: boolean): string {
  const L = ctx.lang;
  const t = (ms: number): string => formatIsoUtc(ms).replace('T', ' ').slice(0, 19);
  const header = [
    m(L, 'hTarget'),
    m(L, 'hSatellite'),
    m(L, 'hNorad'),
    m(L, 'hStart'),
    m(L, 'hEnd'),
    m(L, 'hBest'),
    m(L, 'hOffNadir'),
    m(L, 'hSun'),
    m(L, 'hDir'),
    ...(areal ? [m(L, 'hFor'), m(L, 'hSwath')] : []),
  ];
  const body = rows.map((r) => [
    r.targetId,
    r.satelliteName.trim(),
    String(r.catalogNumber),
    t(r.startMs),
    t(r.endMs),
    t(r.bestMs),
    r.minOffNadirDeg.toFixed(1),
    r.sunElevationDeg.toFixed(1),
    r.direction,
    ...(areal
      ? [
          (r.forFraction * 100).toFixed(0),
          r.swathFraction === null ? '' : (r.swathFraction * 100).toFixed(0),
        ]
      : []),
  ]);
  return formatTable([header, ...body], new Set([2, 6, 7, 9, 10]));
}
