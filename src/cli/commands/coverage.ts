/**
 * `sahelsat coverage`: how often is each place of a region seen? A grid over the region, every
 * cell's access opportunities for every satellite, revisit statistics per cell, summaries per
 * area (the region, the bundled countries, regions and border strips it holds), written as
 * cells.geojson, cells.csv, summary.json and heatmap.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { gridCells, resolutionKmToDeg } from '../../access/aoi/grid.js';
import { type Aoi, type PolygonCoords, polygonsOf } from '../../access/aoi/types.js';
import {
  type AreaSummary,
  type SummaryArea,
  planCoverage,
  summarizeAreas,
  summarizeCells,
} from '../../access/coverage.js';
import type { RevisitStats } from '../../access/revisit.js';
import { defineMessages } from '../../i18n/index.js';
import { loadBundledAoiLayer } from '../../io/bundled-aoi.js';
import { coverageCellsCsv, coverageCellsGeoJson } from '../../io/coverage-files.js';
import { coverageHeatmapPng } from '../../io/coverage-png.js';
import type { CliContext } from '../context.js';
import { resolveAreas, resolveSensor, tracksFor } from '../access-options.js';
import { runCoverage } from '../parallel-coverage.js';
import { sharedMessages as sm } from '../shared-messages.js';
import { createProgressBar } from '../progress.js';
import {
  loadCatalogFile,
  parseNoradList,
  parseNumberOption,
  parseTimeOption,
  selectEntries,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'coverage and revisit of a region: grid statistics, summaries and a heatmap',
    tle: 'element sets: TLE, OMM JSON, OMM XML or OMM KVN',
    norad: 'only these catalogue numbers (comma-separated)',
    sensor: 'sensor: a JSON file, FILE:ID, or a bundled id (kanopus-v-pss, sentinel-1-iw…)',
    maxOffNadir: 'ad-hoc agile optical sensor: largest off-nadir angle, degrees',
    minSunEl: 'with --max-off-nadir-deg: smallest sun elevation at the target, degrees',
    region: 'region: a bundled name (AES, MLI, Gao, border:MLI-NER…) or a GeoJSON file',
    resolutionDeg: 'grid step, degrees',
    resolutionKm: 'grid step, km (instead of --resolution-deg)',
    start: 'start of the analysis, ISO 8601 UTC (default: now)',
    days: 'length of the analysis in days (default 7)',
    out: 'output directory (created if needed)',
    metric: 'heatmap value: max-gap, mean-gap, p95-gap, first-access or count (default max-gap)',
    threads: 'worker threads (default: one per core for large grids, none for small ones)',
    noCells: 'the region holds no grid cell at this resolution',
    progress: 'coverage',
    statement:
      '{p} % of {name} is seen at least every {h} h ({seen} % seen at least once, {n} cells)',
    statementNone:
      '{name}: more than 5 % of the area is not revisited in the analysis window ({seen} % seen at least once, {n} cells)',
    wrote: 'wrote {files}',
  },
  fr: {
    description:
      'couverture et revisite d’une région : statistiques par maille, synthèses et carte de chaleur',
    tle: 'jeux d’éléments : TLE, OMM JSON, OMM XML ou OMM KVN',
    norad: 'seulement ces numéros de catalogue (séparés par des virgules)',
    sensor:
      'capteur : un fichier JSON, FICHIER:ID, ou un identifiant fourni (kanopus-v-pss, sentinel-1-iw…)',
    maxOffNadir: 'capteur optique agile ad hoc : dépointage maximal, degrés',
    minSunEl: 'avec --max-off-nadir-deg : élévation minimale du Soleil sur la cible, degrés',
    region: 'région : un nom fourni (AES, MLI, Gao, border:MLI-NER…) ou un fichier GeoJSON',
    resolutionDeg: 'pas de la grille, degrés',
    resolutionKm: 'pas de la grille, km (au lieu de --resolution-deg)',
    start: 'début de l’analyse, ISO 8601 UTC (par défaut : maintenant)',
    days: 'durée de l’analyse en jours (par défaut 7)',
    out: 'répertoire de sortie (créé si besoin)',
    metric:
      'valeur de la carte : max-gap, mean-gap, p95-gap, first-access ou count (par défaut max-gap)',
    threads:
      'fils de calcul (par défaut : un par cœur pour les grandes grilles, aucun pour les petites)',
    noCells: 'la région ne contient aucune maille à cette résolution',
    progress: 'couverture',
    statement:
      '{p} % de {name} est vu au moins toutes les {h} h ({seen} % vu au moins une fois, {n} mailles)',
    statementNone:
      '{name} : plus de 5 % de la surface n’est pas revisitée dans la fenêtre d’analyse ({seen} % vu au moins une fois, {n} mailles)',
    wrote: 'écrit : {files}',
  },
});

interface CoverageOptionsCli {
  tle: string;
  norad?: string;
  sensor?: string;
  maxOffNadirDeg?: string;
  minSunElDeg?: string;
  region: string;
  resolutionDeg?: string;
  resolutionKm?: string;
  start?: string;
  days: string;
  out: string;
  metric: string;
  threads?: string;
}

const METRICS = ['max-gap', 'mean-gap', 'p95-gap', 'first-access', 'count'] as const;

export function registerCoverage(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('coverage')
    .description(m(L, 'description'))
    .requiredOption('--tle <file>', m(L, 'tle'))
    .option('--norad <ids>', m(L, 'norad'))
    .option('--sensor <file|id>', m(L, 'sensor'))
    .option('--max-off-nadir-deg <deg>', m(L, 'maxOffNadir'))
    .option('--min-sun-el-deg <deg>', m(L, 'minSunEl'))
    .requiredOption('--region <name|file>', m(L, 'region'))
    .option('--resolution-deg <deg>', m(L, 'resolutionDeg'))
    .option('--resolution-km <km>', m(L, 'resolutionKm'))
    .option('--start <iso>', m(L, 'start'))
    .option('--days <n>', m(L, 'days'), '7')
    .requiredOption('--out <dir>', m(L, 'out'))
    .option('--metric <name>', m(L, 'metric'), 'max-gap')
    .option('--threads <n>', m(L, 'threads'))
    .action(async (o: CoverageOptionsCli) => runCoverageCommand(ctx, o));
}

/** The region as one area: a single feature as is, several merged into a multipolygon. */
function regionArea(areas: readonly Aoi[], label: string): Aoi {
  if (areas.length === 1) return areas[0]!;
  const polys: PolygonCoords[] = areas.flatMap((a) => [...polygonsOf(a.geometry)]);
  return {
    id: label,
    name: label,
    geometry: { type: 'MultiPolygon', coordinates: polys },
    properties: {},
  };
}

/** Bundled areas to summarise: countries, first-level regions, border strips (both sides). */
function bundledSummaryAreas(): SummaryArea[] {
  const out: SummaryArea[] = [];
  for (const c of loadBundledAoiLayer('countries'))
    out.push({ id: c.id, name: c.name, kind: 'country', geometry: c.geometry });
  for (const r of loadBundledAoiLayer('regions'))
    out.push({ id: r.id, name: r.name, kind: 'region', geometry: r.geometry });
  const bySegment = new Map<string, Aoi[]>();
  for (const s of loadBundledAoiLayer('border-strips')) {
    const seg = String(s.properties.segment);
    bySegment.set(seg, [...(bySegment.get(seg) ?? []), s]);
  }
  for (const [seg, sides] of bySegment) {
    out.push({
      id: `border:${seg}`,
      name: String(sides[0]!.properties.name).replace(/,.*$/, ''),
      kind: 'border-strip',
      geometry: {
        type: 'MultiPolygon',
        coordinates: sides.flatMap((s) => [...polygonsOf(s.geometry)]),
      },
    });
  }
  return out;
}

async function runCoverageCommand(ctx: CliContext, o: CoverageOptionsCli): Promise<void> {
  const L = ctx.lang;
  if (!(METRICS as readonly string[]).includes(o.metric)) {
    throw new ValidationError(sm(L, 'option.bad'), {
      location: { field: '--metric' },
      expected: METRICS.join(' | '),
      received: o.metric,
    });
  }
  const days = parseNumberOption(ctx, o.days, '--days', { min: 1e-3, max: 366 })!;
  const startMs = parseTimeOption(o.start, '--start', Date.now());
  const endMs = startMs + days * 86_400_000;
  const km = parseNumberOption(ctx, o.resolutionKm, '--resolution-km', { min: 0.1, max: 500 });
  const degOpt = parseNumberOption(ctx, o.resolutionDeg, '--resolution-deg', {
    min: 0.001,
    max: 10,
  });
  if ((km === undefined) === (degOpt === undefined)) {
    throw new ValidationError(sm(L, 'option.bad'), {
      location: { field: '--resolution-deg' },
      expected: 'exactly one of --resolution-deg R or --resolution-km K',
    });
  }
  const stepDeg = degOpt ?? resolutionKmToDeg(km!);
  const threads = parseNumberOption(ctx, o.threads, '--threads', {
    min: 0,
    max: 256,
    integer: true,
  });
  const sensor = resolveSensor(ctx, o);
  const areas = resolveAreas(ctx, { aoi: o.region }, '--region').filter(
    (a) => a.geometry.type !== 'Point',
  );
  const region = regionArea(areas, o.region);
  const cells = areas.length > 0 ? gridCells(region.geometry, stepDeg) : [];
  if (cells.length === 0) {
    throw new ValidationError(m(L, 'noCells'), {
      location: { field: '--region' },
      received: `${o.region} at ${stepDeg}°`,
    });
  }
  const entries = selectEntries(ctx, loadCatalogFile(ctx, o.tle), parseNoradList(ctx, o.norad));
  const tracks = tracksFor(ctx, entries, startMs, endMs);
  const plan = planCoverage(
    cells,
    tracks.map((track) => ({ track, sensor })),
    { startMs, endMs },
  );
  const bar = createProgressBar(ctx.stderr, {
    label: m(L, 'progress'),
    total: cells.length,
    unit: 'cells',
  });
  const stats = await runCoverage(plan, {
    ...(threads !== undefined ? { threads } : {}),
    onProgress: (n) => bar.update(n),
    signal: ctx.signal,
  });
  bar.finish();

  const summaries: AreaSummary[] = [
    summarizeCells({ id: region.id, name: region.name, kind: 'region' }, cells, stats),
  ];
  const userAreas: SummaryArea[] =
    areas.length > 1
      ? areas.map((a) => ({ id: a.id, name: a.name, kind: 'area', geometry: a.geometry }))
      : [];
  summaries.push(
    ...summarizeAreas(
      [...userAreas, ...bundledSummaryAreas().filter((a) => a.id !== region.id)],
      cells,
      stats,
    ),
  );
  const frenchNames = new Map<string, string>();
  for (const layer of ['countries', 'regions', 'border-strips'] as const) {
    for (const a of loadBundledAoiLayer(layer)) {
      if (typeof a.properties.name_fr !== 'string') continue;
      const id = layer === 'border-strips' ? `border:${String(a.properties.segment)}` : a.id;
      frenchNames.set(id, a.properties.name_fr.replace(/, côté .*$/, ''));
    }
  }
  const statements = (lang: 'en' | 'fr'): string[] =>
    summaries.map((s) => statement(lang, s, frenchNames));

  const dir = resolve(ctx.cwd, o.out);
  mkdirSync(dir, { recursive: true });
  const files = {
    'cells.geojson': coverageCellsGeoJson(cells, stats, stepDeg),
    'cells.csv': coverageCellsCsv(cells, stats),
    'summary.json': `${JSON.stringify(
      {
        generator: 'sahelsat coverage',
        region: { id: region.id, name: region.name },
        sensor,
        satellites: tracks.map((t) => ({ name: t.satelliteName.trim(), norad: t.catalogNumber })),
        start_utc: formatIsoUtc(startMs),
        end_utc: formatIsoUtc(endMs),
        resolution_deg: stepDeg,
        cells: cells.length,
        definitions: {
          gap_h:
            'time between the end of one access and the start of the next (accesses of all satellites merged), hours; gaps before the first and after the last access are censored and not counted',
          max_gap_h_p95:
            'area-weighted 95th percentile over the cells of their largest gap: 95 % of the area is seen at least this often; null when more than 5 % of the area has fewer than two accesses',
        },
        summaries,
        statements: { en: statements('en'), fr: statements('fr') },
      },
      null,
      1,
    )}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(resolve(dir, name), text);
  writeFileSync(resolve(dir, 'heatmap.png'), heatmap(cells, stats, stepDeg, o.metric));
  for (const s of statements(L)) ctx.stdout.write(`${s}\n`);
  ctx.stderr.write(
    `${m(L, 'wrote', { files: [...Object.keys(files), 'heatmap.png'].map((f) => resolve(dir, f)).join(', ') })}\n`,
  );
}

function statement(lang: 'en' | 'fr', s: AreaSummary, frenchNames: Map<string, string>): string {
  const vars = {
    name: lang === 'fr' ? (frenchNames.get(s.id) ?? s.name) : s.name,
    seen: (s.fractionSeen * 100).toFixed(1),
    n: s.cellCount,
  };
  return s.maxGapH.p95 === null
    ? m(lang, 'statementNone', vars)
    : m(lang, 'statement', { ...vars, p: 95, h: s.maxGapH.p95.toFixed(1) });
}

function heatmap(
  cells: ReturnType<typeof gridCells>,
  stats: readonly RevisitStats[],
  stepDeg: number,
  metric: string,
): Buffer {
  const value = (s: RevisitStats): number | null => {
    switch (metric) {
      case 'mean-gap':
        return s.meanGapH;
      case 'p95-gap':
        return s.p95GapH;
      case 'first-access':
        return s.timeToFirstAccessH;
      case 'count':
        return s.accessCount;
      default:
        return s.maxGapH;
    }
  };
  const ring = (a: Aoi): (readonly [number, number])[][] =>
    polygonsOf(a.geometry).flatMap((p) => p.map((r) => r.map(([x, y]) => [x, y] as const)));
  const lines = [
    ...loadBundledAoiLayer('regions').flatMap((a) =>
      ring(a).map((c) => ({ coordinates: c, rgb: [110, 110, 110] as const, widthPx: 1 })),
    ),
    ...loadBundledAoiLayer('countries').flatMap((a) =>
      ring(a).map((c) => ({ coordinates: c, rgb: [0, 0, 0] as const, widthPx: 2 })),
    ),
  ];
  return coverageHeatmapPng(
    cells.map((c, i) => ({ latDeg: c.latDeg, lonDeg: c.lonDeg, value: value(stats[i]!) })),
    { stepDeg, lines },
  );
}
