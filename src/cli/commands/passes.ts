/**
 * `sahelsat passes`: ground-station passes of the satellites of a catalogue file.
 */
import type { Command } from 'commander';
import { formatIsoUtc } from '../../core/time.js';
import { defineMessages } from '../../i18n/index.js';
import type { Pass, PropagationIssue } from '../../passes/pass.js';
import type { CliContext } from '../context.js';
import { findPassesForCatalog } from '../parallel-passes.js';
import { createProgressBar } from '../progress.js';
import {
  checkFormat,
  csvField,
  formatTable,
  loadCatalogFile,
  parseNoradList,
  parseNumberOption,
  parseTimeOption,
  resolveStations,
  selectEntries,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'list the passes of satellites over ground stations',
    tle: 'element sets: TLE (2- or 3-line), OMM JSON, OMM XML or OMM KVN',
    norad: 'only these catalogue numbers (comma-separated)',
    station:
      'station: a bundled id (bamako, ouagadougou, niamey) or NAME:LAT:LON:ALT_M; repeatable (default: the three national stations)',
    start: 'start of the window, ISO 8601 UTC (default: now)',
    days: 'length of the window in days (default 1)',
    minEl: 'minimum elevation in degrees (default: each station’s own, 0 for custom sites)',
    format: 'output format: table, csv or json',
    ignoreChecksum: 'accept TLE lines with a wrong checksum (with a warning)',
    threads: 'worker threads (default: one per core)',
    engine:
      'SGP4 engine of the coarse grid in worker threads: js or wasm (default wasm, the faster here: BENCHMARKS.md)',
    progress: 'passes',
    issues: '{n} satellites could not be propagated over the whole window (first: {first})',
    summary: '{passes} passes of {sats} satellites over {stations} stations',
    hStation: 'station',
    hSatellite: 'satellite',
    hNorad: 'NORAD',
    hAos: 'AOS (UTC)',
    hTca: 'TCA (UTC)',
    hLos: 'LOS (UTC)',
    hMaxEl: 'max el °',
    hDuration: 'duration s',
    hAosAz: 'AOS az °',
    hLosAz: 'LOS az °',
    hFlags: 'flags',
  },
  fr: {
    description: 'liste les passages de satellites au-dessus de stations sol',
    tle: 'jeux d’éléments : TLE (2 ou 3 lignes), OMM JSON, OMM XML ou OMM KVN',
    norad: 'seulement ces numéros de catalogue (séparés par des virgules)',
    station:
      'station : un identifiant fourni (bamako, ouagadougou, niamey) ou NOM:LAT:LON:ALT_M ; répétable (par défaut : les trois stations nationales)',
    start: 'début de la fenêtre, ISO 8601 UTC (par défaut : maintenant)',
    days: 'durée de la fenêtre en jours (par défaut 1)',
    minEl:
      'élévation minimale en degrés (par défaut : celle de chaque station, 0 pour un site libre)',
    format: 'format de sortie : table, csv ou json',
    ignoreChecksum:
      'accepter les lignes TLE dont la somme de contrôle est fausse (avec un avertissement)',
    threads: 'fils de calcul (par défaut : un par cœur)',
    engine:
      'moteur SGP4 de la grille grossière dans les fils : js ou wasm (par défaut wasm, le plus rapide ici : BENCHMARKS.md)',
    progress: 'passages',
    issues: '{n} satellites n’ont pas pu être propagés sur toute la fenêtre (premier : {first})',
    summary: '{passes} passages de {sats} satellites au-dessus de {stations} stations',
    hStation: 'station',
    hSatellite: 'satellite',
    hNorad: 'NORAD',
    hAos: 'AOS (UTC)',
    hTca: 'TCA (UTC)',
    hLos: 'LOS (UTC)',
    hMaxEl: 'él. max °',
    hDuration: 'durée s',
    hAosAz: 'az AOS °',
    hLosAz: 'az LOS °',
    hFlags: 'indicateurs',
  },
});

/** The exact CSV header of `sahelsat passes --format csv`. */
export const PASSES_CSV_HEADER =
  'station,satellite,norad,aos_utc,tca_utc,los_utc,max_el_deg,duration_s,aos_az_deg,los_az_deg,flags';

interface PassesOptions {
  tle: string;
  norad?: string;
  station?: string[];
  start?: string;
  days: string;
  minEl?: string;
  format: string;
  ignoreChecksum?: boolean;
  threads?: string;
  engine: string;
}

export function registerPasses(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('passes')
    .description(m(L, 'description'))
    .requiredOption('--tle <file>', m(L, 'tle'))
    .option('--norad <ids>', m(L, 'norad'))
    .option('--station <station>', m(L, 'station'), (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .option('--start <iso>', m(L, 'start'))
    .option('--days <n>', m(L, 'days'), '1')
    .option('--min-el <deg>', m(L, 'minEl'))
    .option('--format <format>', m(L, 'format'), 'table')
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .option('--threads <n>', m(L, 'threads'))
    .option('--engine <engine>', m(L, 'engine'), 'wasm')
    .action(async (o: PassesOptions) => runPasses(ctx, o));
}

async function runPasses(ctx: CliContext, o: PassesOptions): Promise<void> {
  const L = ctx.lang;
  const format = checkFormat(ctx, o.format, ['table', 'csv', 'json'] as const);
  const engine = checkFormat(ctx, o.engine, ['js', 'wasm'] as const, '--engine');
  const days = parseNumberOption(ctx, o.days, '--days', { min: 1e-6, max: 366 })!;
  const minEl = parseNumberOption(ctx, o.minEl, '--min-el', { min: -5, max: 90 });
  const threads = parseNumberOption(ctx, o.threads, '--threads', {
    min: 0,
    max: 256,
    integer: true,
  });
  const startMs = parseTimeOption(o.start, '--start', Date.now());
  const stations = resolveStations(ctx, o.station, minEl);
  const entries = selectEntries(
    ctx,
    loadCatalogFile(ctx, o.tle, { ignoreChecksum: o.ignoreChecksum ?? false }),
    parseNoradList(ctx, o.norad),
  );
  const elements = entries.map((e) => e.elements);
  const bar = createProgressBar(
    ctx.stderr,
    { label: m(L, 'progress'), total: elements.length, unit: 'sat' },
    elements.length > 20,
  );
  const { passes, issues } = await findPassesForCatalog(
    elements,
    stations,
    {
      startMs,
      endMs: startMs + days * 86_400_000,
      ...(minEl !== undefined ? { minElevationDeg: minEl } : {}),
    },
    {
      ...(threads !== undefined ? { threads } : {}),
      engine,
      onProgress: (n) => bar.update(n),
      signal: ctx.signal,
    },
  );
  bar.finish();
  reportIssues(ctx, issues);
  if (format === 'csv') ctx.stdout.write(passesToCsv(passes));
  else if (format === 'json')
    ctx.stdout.write(`${JSON.stringify(passes.map(passToJson), null, 1)}\n`);
  else {
    ctx.stdout.write(passesToTable(ctx, passes));
    ctx.stderr.write(
      `${m(L, 'summary', { passes: passes.length, sats: elements.length, stations: stations.length })}\n`,
    );
  }
}

function reportIssues(ctx: CliContext, issues: PropagationIssue[]): void {
  if (issues.length === 0) return;
  const i = issues[0]!;
  const first = `${i.catalogNumber} ${i.satelliteName}: ${i.message} (${formatIsoUtc(i.atMs)})`;
  ctx.stderr.write(`${m(ctx.lang, 'issues', { n: issues.length, first })}\n`);
}

/** Passes as CSV with the documented header; times ISO 8601 UTC with milliseconds. */
export function passesToCsv(passes: readonly Pass[]): string {
  const lines = [PASSES_CSV_HEADER];
  for (const p of passes) {
    lines.push(
      [
        csvField(p.stationId),
        csvField(p.satelliteName),
        p.catalogNumber,
        formatIsoUtc(p.aosMs),
        formatIsoUtc(p.tcaMs),
        formatIsoUtc(p.losMs),
        p.maxElevationDeg.toFixed(4),
        p.durationS.toFixed(3),
        p.aosAzimuthDeg.toFixed(3),
        p.losAzimuthDeg.toFixed(3),
        p.flags.join(';'),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A pass as a JSON object with the same field names as the CSV columns. */
export function passToJson(p: Pass): Record<string, unknown> {
  return {
    station: p.stationId,
    satellite: p.satelliteName,
    norad: p.catalogNumber,
    aos_utc: formatIsoUtc(p.aosMs),
    tca_utc: formatIsoUtc(p.tcaMs),
    los_utc: formatIsoUtc(p.losMs),
    max_el_deg: Number(p.maxElevationDeg.toFixed(4)),
    duration_s: Number(p.durationS.toFixed(3)),
    aos_az_deg: Number(p.aosAzimuthDeg.toFixed(3)),
    los_az_deg: Number(p.losAzimuthDeg.toFixed(3)),
    flags: p.flags,
  };
}

function passesToTable(ctx: CliContext, passes: readonly Pass[]): string {
  const L = ctx.lang;
  const t = (ms: number) => formatIsoUtc(ms).replace('T', ' ').slice(0, 19);
  const rows = [
    [
      m(L, 'hStation'),
      m(L, 'hSatellite'),
      m(L, 'hNorad'),
      m(L, 'hAos'),
      m(L, 'hTca'),
      m(L, 'hLos'),
      m(L, 'hMaxEl'),
      m(L, 'hDuration'),
      m(L, 'hAosAz'),
      m(L, 'hLosAz'),
      m(L, 'hFlags'),
    ],
    ...passes.map((p) => [
      p.stationId,
      p.satelliteName,
      String(p.catalogNumber),
      t(p.aosMs),
      t(p.tcaMs),
      t(p.losMs),
      p.maxElevationDeg.toFixed(1),
      p.durationS.toFixed(0),
      p.aosAzimuthDeg.toFixed(0),
      p.losAzimuthDeg.toFixed(0),
      p.flags.join(' '),
    ]),
  ];
  return formatTable(rows, new Set([2, 6, 7, 8, 9]));
}
