/**
 * `sahelsat geo look` and `sahelsat geo sun-outage`: pointing a ground antenna at a
 * geostationary satellite and predicting its sun outages.
 */
import type { Command } from 'commander';
import { parseIsoUtc } from '../../core/time.js';
import { ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { geoLook } from '../../telecom/geo-look.js';
import { sunOutages } from '../../telecom/sun-outage.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  elevationGeoJson,
  elevationPng,
  maskTest,
  parseMaskPolygons,
} from '../../io/availability-map.js';
import { elevationGrid } from '../../telecom/elevation-map.js';
import type { CliContext } from '../context.js';
import { parseNumber, parseSatellite, parseSite } from './cli-parse.js';

const m = defineMessages({
  en: {
    'geo.description': 'geostationary satellites: pointing and sun outages',
    'look.description':
      'azimuth, elevation, polarisation skew and range from a site to a geostationary satellite',
    'opt.sat': 'satellite: longitude in degrees east (nominal slot) or a name in --tle',
    'opt.site': 'site: LAT,LON[,ALT_M] (degrees, metres)',
    'opt.tle': 'element sets (TLE) to look satellite names up in',
    'opt.time': 'instant for a satellite from element sets, ISO 8601 UTC (default: now)',
    'opt.format': 'output format: table or json',
    'out.azimuth': 'azimuth',
    'out.elevation': 'elevation',
    'out.skew': 'polarisation skew',
    'out.range': 'slant range',
    'out.below': 'the satellite is below the horizon of this site',
    'outage.description':
      'sun-outage dates and daily durations for a site and an antenna beamwidth',
    'opt.year': 'calendar year (UTC)',
    'opt.beamwidth': 'antenna −3 dB beamwidth, degrees',
    'out.none': 'no sun outage in {year}',
    'out.outage': '{date}  {start}–{end} UTC  {minutes} min  (closest {sep}°)',
    'out.header': 'sun outages of {sat} seen from {site}, beamwidth {bw}°:',
    'map.description':
      'elevation and visibility of a geostationary satellite over a region (PNG, GeoJSON)',
    'opt.bbox': 'region: LAT_MIN,LAT_MAX,LON_MIN,LON_MAX (default: the three countries)',
    'opt.step': 'grid step, degrees',
    'opt.mask': 'GeoJSON polygons: only sites inside are computed',
    'opt.minel': 'minimum elevation for visibility, degrees',
    'opt.png': 'output PNG file',
    'opt.geojson': 'output GeoJSON file',
    'out.map': '{n} sites; {visible} see the satellite; elevation {min}…{max}°',
  },
  fr: {
    'geo.description': 'satellites géostationnaires : pointage et éblouissements solaires',
    'look.description':
      'azimut, élévation, inclinaison de polarisation et distance d’un site à un satellite géostationnaire',
    'opt.sat': 'satellite : longitude en degrés est (position nominale) ou un nom de --tle',
    'opt.site': 'site : LAT,LON[,ALT_M] (degrés, mètres)',
    'opt.tle': 'jeux d’éléments (TLE) où chercher le nom du satellite',
    'opt.time': 'instant pour un satellite issu d’éléments, ISO 8601 UTC (par défaut : maintenant)',
    'opt.format': 'format de sortie : table ou json',
    'out.azimuth': 'azimut',
    'out.elevation': 'élévation',
    'out.skew': 'inclinaison de polarisation',
    'out.range': 'distance oblique',
    'out.below': 'le satellite est sous l’horizon de ce site',
    'outage.description':
      'dates et durées quotidiennes des éblouissements solaires pour un site et une ouverture d’antenne',
    'opt.year': 'année civile (UTC)',
    'opt.beamwidth': 'ouverture à −3 dB de l’antenne, degrés',
    'out.none': 'aucun éblouissement solaire en {year}',
    'out.outage': '{date}  {start}–{end} UTC  {minutes} min  (au plus près {sep}°)',
    'out.header': 'éblouissements solaires de {sat} vus de {site}, ouverture {bw}° :',
    'map.description':
      'élévation et visibilité d’un satellite géostationnaire sur une région (PNG, GeoJSON)',
    'opt.bbox': 'région : LAT_MIN,LAT_MAX,LON_MIN,LON_MAX (par défaut : les trois pays)',
    'opt.step': 'pas de la grille, degrés',
    'opt.mask': 'polygones GeoJSON : seuls les sites à l’intérieur sont calculés',
    'opt.minel': 'élévation minimale de visibilité, degrés',
    'opt.png': 'fichier PNG en sortie',
    'opt.geojson': 'fichier GeoJSON en sortie',
    'out.map': '{n} sites ; {visible} voient le satellite ; élévation {min}…{max}°',
  },
});

function parseFormat(text: string): 'table' | 'json' {
  if (text === 'table' || text === 'json') return text;
  throw new ValidationError('unknown format', {
    location: { field: '--format' },
    expected: 'table or json',
    received: text,
  });
}

/** Registers `geo look` and `geo sun-outage`. */
export function registerGeo(program: Command, ctx: CliContext): void {
  const geo = program.command('geo').description(m(ctx.lang, 'geo.description'));
  geo
    .command('look')
    .description(m(ctx.lang, 'look.description'))
    .requiredOption('--sat <sat>', m(ctx.lang, 'opt.sat'))
    .requiredOption('--site <site>', m(ctx.lang, 'opt.site'))
    .option('--tle <file>', m(ctx.lang, 'opt.tle'))
    .option('--time <iso>', m(ctx.lang, 'opt.time'))
    .option('--format <format>', m(ctx.lang, 'opt.format'), 'table')
    .action((o: { sat: string; site: string; tle?: string; time?: string; format: string }) => {
      const format = parseFormat(o.format);
      const site = parseSite(o.site);
      const sat = parseSatellite(o.sat, o.tle, ctx.cwd);
      const t = o.time ? parseIsoUtc(o.time, '--time') : Date.now();
      const look = geoLook(site, sat.positionAt(t));
      if (format === 'json') {
        ctx.stdout.write(
          `${JSON.stringify({ azimuth_deg: round(look.azimuthDeg, 4), elevation_deg: round(look.elevationDeg, 4), skew_deg: round(look.skewDeg, 4), range_km: round(look.rangeKm, 3) })}\n`,
        );
        return;
      }
      const rows: [string, string][] = [
        [m(ctx.lang, 'out.azimuth'), `${look.azimuthDeg.toFixed(2)}°`],
        [m(ctx.lang, 'out.elevation'), `${look.elevationDeg.toFixed(2)}°`],
        [m(ctx.lang, 'out.skew'), `${look.skewDeg.toFixed(2)}°`],
        [m(ctx.lang, 'out.range'), `${look.rangeKm.toFixed(1)} km`],
      ];
      const w = Math.max(...rows.map((r) => r[0].length));
      for (const [k, v] of rows) ctx.stdout.write(`${k.padEnd(w)}  ${v}\n`);
      if (look.elevationDeg < 0) ctx.stdout.write(`${m(ctx.lang, 'out.below')}\n`);
    });
  registerElevationMap(geo, ctx);
  geo
    .command('sun-outage')
    .description(m(ctx.lang, 'outage.description'))
    .requiredOption('--sat <sat>', m(ctx.lang, 'opt.sat'))
    .requiredOption('--site <site>', m(ctx.lang, 'opt.site'))
    .requiredOption('--year <year>', m(ctx.lang, 'opt.year'))
    .requiredOption('--beamwidth-deg <deg>', m(ctx.lang, 'opt.beamwidth'))
    .option('--tle <file>', m(ctx.lang, 'opt.tle'))
    .option('--format <format>', m(ctx.lang, 'opt.format'), 'table')
    .action(
      (o: {
        sat: string;
        site: string;
        year: string;
        beamwidthDeg: string;
        tle?: string;
        format: string;
      }) => {
        const format = parseFormat(o.format);
        const site = parseSite(o.site);
        const year = parseNumber(o.year, '--year', 1957, 2100);
        if (!Number.isInteger(year)) parseNumber('x', '--year', 1957, 2100);
        const bw = parseNumber(o.beamwidthDeg, '--beamwidth-deg', 0.001, 20);
        const sat = parseSatellite(o.sat, o.tle, ctx.cwd);
        const outages = sunOutages(site, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), {
          beamwidthDeg: bw,
          satelliteAt: sat.positionAt,
        });
        if (format === 'json') {
          const out = outages.map((x) => ({
            date: x.date,
            start_utc: new Date(x.startMs).toISOString(),
            end_utc: new Date(x.endMs).toISOString(),
            duration_min: round(x.durationMin, 2),
            min_separation_deg: round(x.minSeparationDeg, 4),
          }));
          ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        if (outages.length === 0) {
          ctx.stdout.write(`${m(ctx.lang, 'out.none', { year })}\n`);
          return;
        }
        ctx.stdout.write(`${m(ctx.lang, 'out.header', { sat: sat.name, site: o.site, bw })}\n`);
        for (const x of outages) {
          ctx.stdout.write(
            `${m(ctx.lang, 'out.outage', {
              date: x.date,
              start: new Date(x.startMs).toISOString().slice(11, 19),
              end: new Date(x.endMs).toISOString().slice(11, 19),
              minutes: x.durationMin.toFixed(1),
              sep: x.minSeparationDeg.toFixed(2),
            })}\n`,
          );
        }
      },
    );
}

function registerElevationMap(geo: Command, ctx: CliContext): void {
  geo
    .command('elevation-map')
    .description(m(ctx.lang, 'map.description'))
    .requiredOption('--sat <sat>', m(ctx.lang, 'opt.sat'))
    .option('--tle <file>', m(ctx.lang, 'opt.tle'))
    .option('--time <iso>', m(ctx.lang, 'opt.time'))
    .option('--bbox <box>', m(ctx.lang, 'opt.bbox'), '9.4,25,-12.3,16')
    .option('--step-deg <s>', m(ctx.lang, 'opt.step'), '0.1')
    .option('--min-elevation-deg <e>', m(ctx.lang, 'opt.minel'), '5')
    .option('--mask <geojson>', m(ctx.lang, 'opt.mask'))
    .option('--png <file>', m(ctx.lang, 'opt.png'))
    .option('--geojson <file>', m(ctx.lang, 'opt.geojson'))
    .action((o: Record<string, string | undefined>) => {
      const box = (o.bbox ?? '')
        .split(',')
        .map((x, i) => parseNumber(x, `--bbox[${i}]`, -180, 360));
      if (box.length !== 4) parseNumber('', '--bbox');
      const step = parseNumber(o.stepDeg!, '--step-deg', 0.01, 5);
      const minEl = parseNumber(o.minElevationDeg!, '--min-elevation-deg', -90, 90);
      const sat = parseSatellite(o.sat!, o.tle, ctx.cwd);
      const t = o.time ? parseIsoUtc(o.time, '--time') : Date.now();
      const include = o.mask
        ? maskTest(parseMaskPolygons(readFileSync(resolve(ctx.cwd, o.mask), 'utf8'), o.mask))
        : undefined;
      const grid = {
        latMin: box[0]!,
        latMax: box[1]!,
        lonMin: box[2]!,
        lonMax: box[3]!,
        stepDeg: step,
      };
      const r = elevationGrid(grid, sat.positionAt(t), include);
      const raster = { ...r, latMax: grid.latMax, lonMin: grid.lonMin, stepDeg: step };
      if (o.png) writeFileSync(resolve(ctx.cwd, o.png), elevationPng(raster, minEl));
      if (o.geojson) writeFileSync(resolve(ctx.cwd, o.geojson), elevationGeoJson(raster, minEl));
      const vals = Array.from(r.elevation).filter((_, k) => r.mask[k] === 1);
      ctx.stderr.write(
        `${m(ctx.lang, 'out.map', {
          n: vals.length,
          visible: vals.filter((e) => e >= minEl).length,
          min: vals.length ? Math.min(...vals).toFixed(1) : '—',
          max: vals.length ? Math.max(...vals).toFixed(1) : '—',
        })}\n`,
      );
    });
}

function round(v: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
