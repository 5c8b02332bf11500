/**
 * `sahelsat track`: antenna pointing table of a satellite seen from a station — azimuth,
 * elevation, range, range rate and the Doppler shift of a carrier — on a time grid.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { temeToItrf } from '../../core/frames.js';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import { dopplerShiftHz, lookAngles, topocentricFrame } from '../../core/topocentric.js';
import { defineMessages } from '../../i18n/index.js';
import { createPropagator } from '../../orbit/propagator.js';
import { stationGeodetic } from '../../passes/station.js';
import type { CliContext } from '../context.js';
import {
  checkFormat,
  csvField,
  loadCatalogFile,
  parseNoradList,
  parseNumberOption,
  resolveStations,
  selectEntries,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'pointing table: azimuth, elevation, range, range rate and Doppler from a station',
    tle: 'element sets: TLE, OMM JSON, OMM XML or OMM KVN',
    norad: 'catalogue number of the satellite (required when the file holds several)',
    station: 'station: bamako, ouagadougou, niamey or NAME:LAT:LON:ALT_M',
    start: 'first time, ISO 8601 UTC',
    end: 'last time, ISO 8601 UTC',
    step: 'step in seconds (default 10)',
    freq: 'carrier frequency in MHz for the Doppler shift (e.g. 8200 for X band)',
    above: 'only the instants above this elevation, in degrees',
    format: 'output format: csv or json',
    one: 'choose one satellite with --norad (the file holds {n})',
    tooMany: 'the grid has {n} points; the limit is {max}',
  },
  fr: {
    description:
      'table de pointage : azimut, élévation, distance, vitesse radiale et Doppler depuis une station',
    tle: 'jeux d’éléments : TLE, OMM JSON, OMM XML ou OMM KVN',
    norad: 'numéro de catalogue du satellite (obligatoire si le fichier en contient plusieurs)',
    station: 'station : bamako, ouagadougou, niamey ou NOM:LAT:LON:ALT_M',
    start: 'premier instant, ISO 8601 UTC',
    end: 'dernier instant, ISO 8601 UTC',
    step: 'pas en secondes (par défaut 10)',
    freq: 'fréquence porteuse en MHz pour le décalage Doppler (par ex. 8200 en bande X)',
    above: 'seulement les instants au-dessus de cette élévation, en degrés',
    format: 'format de sortie : csv ou json',
    one: 'choisir un satellite avec --norad (le fichier en contient {n})',
    tooMany: 'la grille a {n} points ; la limite est {max}',
  },
});

const MAX_POINTS = 2_000_000;

/** The exact CSV header of `sahelsat track`. */
export const TRACK_CSV_HEADER =
  'norad,station,time_utc,azimuth_deg,elevation_deg,range_km,range_rate_km_s,doppler_hz,error';

interface TrackOptions {
  tle: string;
  norad?: string;
  station: string;
  start: string;
  end: string;
  stepS: string;
  freqMhz?: string;
  aboveDeg?: string;
  format: string;
}

export function registerTrack(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('track')
    .description(m(L, 'description'))
    .requiredOption('--tle <file>', m(L, 'tle'))
    .option('--norad <id>', m(L, 'norad'))
    .requiredOption('--station <station>', m(L, 'station'))
    .requiredOption('--start <iso>', m(L, 'start'))
    .requiredOption('--end <iso>', m(L, 'end'))
    .option('--step-s <s>', m(L, 'step'), '10')
    .option('--freq-mhz <f>', m(L, 'freq'))
    .option('--above-deg <deg>', m(L, 'above'))
    .option('--format <format>', m(L, 'format'), 'csv')
    .action((o: TrackOptions) => runTrack(ctx, o));
}

function runTrack(ctx: CliContext, o: TrackOptions): void {
  const L = ctx.lang;
  const format = checkFormat(ctx, o.format, ['csv', 'json'] as const);
  const stepS = parseNumberOption(ctx, o.stepS, '--step-s', { min: 0.001 })!;
  const freqHz = (parseNumberOption(ctx, o.freqMhz, '--freq-mhz', { min: 0 }) ?? 0) * 1e6;
  const above = parseNumberOption(ctx, o.aboveDeg, '--above-deg', { min: -90, max: 90 });
  const startMs = parseIsoUtc(o.start, '--start');
  const endMs = parseIsoUtc(o.end, '--end');
  if (endMs < startMs) {
    throw new ValidationError('the window ends before it starts', {
      location: { field: '--end' },
      received: o.end,
    });
  }
  const n = Math.floor((endMs - startMs) / (stepS * 1000) + 1e-9) + 1;
  if (n > MAX_POINTS)
    throw new ValidationError(m(L, 'tooMany', { n, max: MAX_POINTS }), {
      location: { field: '--step-s' },
    });
  const entries = selectEntries(ctx, loadCatalogFile(ctx, o.tle), parseNoradList(ctx, o.norad));
  if (entries.length !== 1)
    throw new ValidationError(m(L, 'one', { n: entries.length }), {
      location: { field: '--norad' },
    });
  const el = entries[0]!.elements;
  const station = resolveStations(ctx, [o.station], undefined)[0]!;
  const frame = topocentricFrame(stationGeodetic(station));
  const prop = createPropagator(el);
  const rows: Record<string, unknown>[] = [];
  const lines = [TRACK_CSV_HEADER];
  for (let k = 0; k < n; k++) {
    const t = startMs + k * stepS * 1000;
    const s = prop.at(t);
    if (!s.ok) {
      const error = `${s.errorCode}: ${s.message}`;
      rows.push({ norad: el.catalogNumber, station: station.id, time_utc: formatIsoUtc(t), error });
      lines.push(
        [
          el.catalogNumber,
          csvField(station.id),
          formatIsoUtc(t),
          '',
          '',
          '',
          '',
          '',
          csvField(error),
        ].join(','),
      );
      continue;
    }
    const st = temeToItrf(s, t);
    const la = lookAngles(frame, st.positionKm, st.velocityKmS);
    if (above !== undefined && la.elevationDeg < above) continue;
    const doppler = freqHz > 0 ? dopplerShiftHz(freqHz, la.rangeRateKmS) : null;
    rows.push({
      norad: el.catalogNumber,
      station: station.id,
      time_utc: formatIsoUtc(t),
      azimuth_deg: la.azimuthDeg,
      elevation_deg: la.elevationDeg,
      range_km: la.rangeKm,
      range_rate_km_s: la.rangeRateKmS,
      doppler_hz: doppler,
    });
    lines.push(
      [
        el.catalogNumber,
        csvField(station.id),
        formatIsoUtc(t),
        la.azimuthDeg.toFixed(4),
        la.elevationDeg.toFixed(4),
        la.rangeKm.toFixed(4),
        la.rangeRateKmS.toFixed(6),
        doppler === null ? '' : doppler.toFixed(1),
        '',
      ].join(','),
    );
  }
  ctx.stdout.write(
    format === 'json' ? `${JSON.stringify(rows, null, 1)}\n` : `${lines.join('\n')}\n`,
  );
}
