/**
 * `sahelsat ephemeris`: SGP4 states of satellites on a time grid, in TEME, Earth-fixed or
 * geodetic coordinates, as CSV, JSON or CCSDS OEM.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { temeToItrf } from '../../core/frames.js';
import { itrfToGeodetic } from '../../core/geodetic.js';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import { defineMessages } from '../../i18n/index.js';
import { type OemSegment, formatOem } from '../../io/oem.js';
import type { ElementSet } from '../../orbit/element-set.js';
import { createPropagator } from '../../orbit/propagator.js';
import type { CliContext } from '../context.js';
import {
  checkFormat,
  csvField,
  loadCatalogFile,
  parseNoradList,
  parseNumberOption,
  selectEntries,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'compute SGP4 states on a time grid (TEME, Earth-fixed or geodetic)',
    tle: 'element sets: TLE, OMM JSON, OMM XML or OMM KVN',
    norad: 'only these catalogue numbers (comma-separated; default: all)',
    start: 'first time, ISO 8601 UTC (with --end and --step-s)',
    end: 'last time, ISO 8601 UTC',
    step: 'step in seconds',
    sinceEpoch:
      'START:STOP:STEP in minutes since each element set’s epoch; STOP is included even off the grid',
    frame: 'frame: teme, itrf or geodetic',
    format: 'output format: csv, json or oem',
    ignoreChecksum: 'accept TLE lines with a wrong checksum (with a warning)',
    grid: 'give either --start, --end and --step-s, or --since-epoch-min',
    tooMany: 'the grid has {n} points; the limit is {max}',
    oemGeodetic: 'OEM holds Cartesian states: use --frame teme or itrf with --format oem',
  },
  fr: {
    description: 'calcule des états SGP4 sur une grille de temps (TEME, terrestre ou géodésique)',
    tle: 'jeux d’éléments : TLE, OMM JSON, OMM XML ou OMM KVN',
    norad: 'seulement ces numéros de catalogue (séparés par des virgules ; par défaut : tous)',
    start: 'premier instant, ISO 8601 UTC (avec --end et --step-s)',
    end: 'dernier instant, ISO 8601 UTC',
    step: 'pas en secondes',
    sinceEpoch:
      'DÉBUT:FIN:PAS en minutes depuis l’époque de chaque jeu ; FIN est incluse même hors de la grille',
    frame: 'repère : teme, itrf ou geodetic',
    format: 'format de sortie : csv, json ou oem',
    ignoreChecksum:
      'accepter les lignes TLE dont la somme de contrôle est fausse (avec un avertissement)',
    grid: 'donner soit --start, --end et --step-s, soit --since-epoch-min',
    tooMany: 'la grille a {n} points ; la limite est {max}',
    oemGeodetic:
      'OEM contient des états cartésiens : utiliser --frame teme ou itrf avec --format oem',
  },
});

const MAX_POINTS = 5_000_000;

interface EphemerisOptions {
  tle: string;
  norad?: string;
  start?: string;
  end?: string;
  stepS?: string;
  sinceEpochMin?: string;
  frame: string;
  format: string;
  ignoreChecksum?: boolean;
}

export function registerEphemeris(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('ephemeris')
    .description(m(L, 'description'))
    .requiredOption('--tle <file>', m(L, 'tle'))
    .option('--norad <ids>', m(L, 'norad'))
    .option('--start <iso>', m(L, 'start'))
    .option('--end <iso>', m(L, 'end'))
    .option('--step-s <s>', m(L, 'step'))
    .option('--since-epoch-min <START:STOP:STEP>', m(L, 'sinceEpoch'))
    .option('--frame <frame>', m(L, 'frame'), 'teme')
    .option('--format <format>', m(L, 'format'), 'csv')
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .action((o: EphemerisOptions) => runEphemeris(ctx, o));
}

/** Minutes since epoch: START, START+STEP, … below STOP, then STOP itself. */
export function sinceEpochGrid(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  const n = Math.floor((stop - start) / step + 1e-9);
  for (let k = 0; k <= n; k++) out.push(start + k * step);
  if (Math.abs(out[out.length - 1]! - stop) > 1e-9) out.push(stop);
  return out;
}

interface Row {
  norad: number;
  t: number;
  tsinceMin: number;
  values: number[] | null;
  error: string;
}

function runEphemeris(ctx: CliContext, o: EphemerisOptions): void {
  const L = ctx.lang;
  const frame = checkFormat(ctx, o.frame, ['teme', 'itrf', 'geodetic'] as const, '--frame');
  const format = checkFormat(ctx, o.format, ['csv', 'json', 'oem'] as const);
  if (format === 'oem' && frame === 'geodetic') {
    throw new ValidationError(m(L, 'oemGeodetic'), { location: { field: '--frame' } });
  }
  const useGrid = o.start !== undefined || o.end !== undefined || o.stepS !== undefined;
  if (
    useGrid === (o.sinceEpochMin !== undefined) ||
    (useGrid && (!o.start || !o.end || !o.stepS))
  ) {
    throw new ValidationError(m(L, 'grid'), {
      location: { field: '--start/--end/--step-s | --since-epoch-min' },
    });
  }
  const entries = selectEntries(
    ctx,
    loadCatalogFile(ctx, o.tle, { ignoreChecksum: o.ignoreChecksum ?? false }),
    parseNoradList(ctx, o.norad),
  );
  const timesFor = buildGrid(ctx, o);
  const rows: Row[] = [];
  const segments: OemSegment[] = [];
  for (const entry of entries) {
    const el = entry.elements;
    const prop = createPropagator(el);
    const grid = timesFor(el);
    if (grid.length * entries.length > MAX_POINTS) {
      throw new ValidationError(
        m(L, 'tooMany', { n: grid.length * entries.length, max: MAX_POINTS }),
        {
          location: { field: '--step-s' },
        },
      );
    }
    const states: OemSegment['states'][number][] = [];
    for (const { t, tsinceMin } of grid) {
      const r = prop.atMinutesSinceEpoch(tsinceMin);
      if (!r.ok) {
        rows.push({
          norad: el.catalogNumber,
          t,
          tsinceMin,
          values: null,
          error: `${r.errorCode}: ${r.message}`,
        });
        continue;
      }
      let values: number[];
      if (frame === 'teme') {
        const p = r.positionKm;
        const v = r.velocityKmS;
        values = [p.x, p.y, p.z, v.x, v.y, v.z];
      } else {
        const s = temeToItrf(r, t);
        const p = s.positionKm;
        const v = s.velocityKmS;
        if (frame === 'itrf') values = [p.x, p.y, p.z, v.x, v.y, v.z];
        else {
          const g = itrfToGeodetic(p);
          values = [g.latitudeDeg, g.longitudeDeg, g.altitudeKm];
        }
      }
      rows.push({ norad: el.catalogNumber, t, tsinceMin, values, error: '' });
      if (format === 'oem') {
        states.push({
          t,
          positionKm: [values[0]!, values[1]!, values[2]!],
          velocityKmS: [values[3]!, values[4]!, values[5]!],
        });
      }
    }
    if (format === 'oem') segments.push(oemSegment(el, frame === 'teme' ? 'TEME' : 'ITRF', states));
  }
  if (format === 'oem') ctx.stdout.write(formatOem(segments, Date.now()));
  else if (format === 'json')
    ctx.stdout.write(
      `${JSON.stringify(
        rows.map((r) => rowToJson(r, frame)),
        null,
        1,
      )}\n`,
    );
  else ctx.stdout.write(rowsToCsv(rows, frame));
}

function oemSegment(
  el: ElementSet,
  refFrame: string,
  states: OemSegment['states'][number][],
): OemSegment {
  return {
    objectName: el.name,
    objectId: el.objectId,
    refFrame,
    states,
    comments:
      refFrame === 'ITRF'
        ? [
            'Earth-fixed frame from TEME by GMST 1982; polar motion and UT1-UTC neglected (Sahelsat docs/frames.md)',
          ]
        : ['SGP4 output frame (True Equator, Mean Equinox of date)'],
  };
}

function buildGrid(
  ctx: CliContext,
  o: EphemerisOptions,
): (el: ElementSet) => { t: number; tsinceMin: number }[] {
  if (o.sinceEpochMin !== undefined) {
    const parts = o.sinceEpochMin.split(':').map((s) => Number(s));
    const [start, stop, step] = parts;
    if (
      parts.length !== 3 ||
      parts.some((x) => !Number.isFinite(x)) ||
      !(step! > 0) ||
      !(stop! >= start!)
    ) {
      throw new ValidationError('bad --since-epoch-min', {
        location: { field: '--since-epoch-min' },
        expected: 'START:STOP:STEP minutes with STEP > 0 and STOP ≥ START',
        received: o.sinceEpochMin,
      });
    }
    const minutes = sinceEpochGrid(start!, stop!, step!);
    return (el) => minutes.map((tsinceMin) => ({ t: el.epochMs + tsinceMin * 60_000, tsinceMin }));
  }
  const startMs = parseIsoUtc(o.start!, '--start');
  const endMs = parseIsoUtc(o.end!, '--end');
  const stepS = parseNumberOption(ctx, o.stepS, '--step-s', { min: 1e-3 })!;
  if (endMs < startMs) {
    throw new ValidationError('the window ends before it starts', {
      location: { field: '--end' },
      received: o.end!,
    });
  }
  const n = Math.floor((endMs - startMs) / (stepS * 1000) + 1e-9) + 1;
  if (n > MAX_POINTS) {
    throw new ValidationError(m(ctx.lang, 'tooMany', { n, max: MAX_POINTS }), {
      location: { field: '--step-s' },
    });
  }
  const times = Array.from({ length: n }, (_, k) => startMs + k * stepS * 1000);
  return (el) => times.map((t) => ({ t, tsinceMin: (t - el.epochMs) / 60_000 }));
}

const HEADERS = {
  teme: 'norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error',
  itrf: 'norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error',
  geodetic: 'norad,time_utc,tsince_min,lat_deg,lon_deg,alt_km,error',
} as const;

function rowsToCsv(rows: readonly Row[], frame: 'teme' | 'itrf' | 'geodetic'): string {
  const width = frame === 'geodetic' ? 3 : 6;
  const lines: string[] = [HEADERS[frame]];
  for (const r of rows) {
    const values = r.values
      ? r.values.map((v, i) =>
          frame === 'geodetic' ? v.toFixed(i < 2 ? 8 : 6) : v.toFixed(i < 3 ? 8 : 9),
        )
      : new Array<string>(width).fill('');
    lines.push(
      [r.norad, formatIsoUtc(r.t), r.tsinceMin.toFixed(8), ...values, csvField(r.error)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function rowToJson(r: Row, frame: 'teme' | 'itrf' | 'geodetic'): Record<string, unknown> {
  const base = { norad: r.norad, time_utc: formatIsoUtc(r.t), tsince_min: r.tsinceMin };
  if (!r.values) return { ...base, error: r.error };
  const v = r.values;
  if (frame === 'geodetic') return { ...base, lat_deg: v[0], lon_deg: v[1], alt_km: v[2] };
  return {
    ...base,
    x_km: v[0],
    y_km: v[1],
    z_km: v[2],
    vx_km_s: v[3],
    vy_km_s: v[4],
    vz_km_s: v[5],
  };
}
