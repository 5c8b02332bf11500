/** `sahelsat link availability-map`: yearly availability of a link over a region, as PNG and GeoJSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { NotFoundError, SahelsatError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import {
  availabilityGeoJson,
  availabilityPng,
  maskTest,
  parseMaskPolygons,
} from '../../io/availability-map.js';
import { availabilityGrid } from '../../telecom/availability.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';
import { parseNumber } from './cli-parse.js';
import { climateSources } from './maps-option.js';

const m = defineMessages({
  en: {
    'map.description': 'availability of a GEO link over a region (PNG and GeoJSON)',
    'opt.sat': 'satellite longitude, degrees east',
    'opt.freq': 'frequency, GHz',
    'opt.margin': 'clear-sky link margin, dB',
    'opt.diameter': 'antenna diameter, m',
    'opt.efficiency': 'antenna efficiency, 0…1',
    'opt.tau': 'polarisation tilt, degrees (45 for circular)',
    'opt.bbox': 'region: LAT_MIN,LAT_MAX,LON_MIN,LON_MAX (default: the three countries)',
    'opt.step': 'grid step, degrees',
    'opt.mask': 'GeoJSON polygons: only sites inside are computed',
    'opt.png': 'output PNG file',
    'opt.geojson': 'output GeoJSON file',
    'opt.maps': 'directory of ITU-R digital maps (default: SAHELSAT_ITUR_MAPS)',
    'need.maps':
      'an availability map needs the ITU-R maps and the P.676-13 h0 table: give --maps DIR or set SAHELSAT_ITUR_MAPS',
    progress: 'availability',
    done: '{n} sites computed; median availability {median} %',
  },
  fr: {
    'map.description': 'disponibilité d’une liaison GEO sur une région (PNG et GeoJSON)',
    'opt.sat': 'longitude du satellite, degrés est',
    'opt.freq': 'fréquence, GHz',
    'opt.margin': 'marge de la liaison en ciel clair, dB',
    'opt.diameter': 'diamètre d’antenne, m',
    'opt.efficiency': 'rendement d’antenne, 0…1',
    'opt.tau': 'inclinaison de polarisation, degrés (45 pour circulaire)',
    'opt.bbox': 'région : LAT_MIN,LAT_MAX,LON_MIN,LON_MAX (par défaut : les trois pays)',
    'opt.step': 'pas de la grille, degrés',
    'opt.mask': 'polygones GeoJSON : seuls les sites à l’intérieur sont calculés',
    'opt.png': 'fichier PNG en sortie',
    'opt.geojson': 'fichier GeoJSON en sortie',
    'opt.maps': 'répertoire des cartes numériques UIT-R (par défaut : SAHELSAT_ITUR_MAPS)',
    'need.maps':
      'une carte de disponibilité demande les cartes UIT-R et la table h0 de P.676-13 : donner --maps DIR ou SAHELSAT_ITUR_MAPS',
    progress: 'disponibilité',
    done: '{n} sites calculés ; disponibilité médiane {median} %',
  },
});

/** Registers `availability-map` under `link`. */
export function registerAvailabilityMap(link: Command, ctx: CliContext): void {
  link
    .command('availability-map')
    .description(m(ctx.lang, 'map.description'))
    .requiredOption('--sat <lon>', m(ctx.lang, 'opt.sat'))
    .requiredOption('--freq-ghz <f>', m(ctx.lang, 'opt.freq'))
    .requiredOption('--margin-db <db>', m(ctx.lang, 'opt.margin'))
    .option('--diameter-m <d>', m(ctx.lang, 'opt.diameter'), '1.2')
    .option('--efficiency <e>', m(ctx.lang, 'opt.efficiency'), '0.65')
    .option('--tau-deg <t>', m(ctx.lang, 'opt.tau'), '45')
    .option('--bbox <box>', m(ctx.lang, 'opt.bbox'), '9.4,25,-12.3,16')
    .option('--step-deg <s>', m(ctx.lang, 'opt.step'), '0.1')
    .option('--mask <geojson>', m(ctx.lang, 'opt.mask'))
    .option('--png <file>', m(ctx.lang, 'opt.png'))
    .option('--geojson <file>', m(ctx.lang, 'opt.geojson'))
    .option('--maps <dir>', m(ctx.lang, 'opt.maps'))
    .action((o: Record<string, string | undefined>) => {
      const sources = climateSources(ctx, o.maps);
      if (!sources.maps || !sources.oxygenHeight) throw new NotFoundError(m(ctx.lang, 'need.maps'));
      const box = (o.bbox ?? '')
        .split(',')
        .map((x, i) => parseNumber(x, `--bbox[${i}]`, -180, 360));
      if (box.length !== 4) parseNumber('', '--bbox');
      const step = parseNumber(o.stepDeg!, '--step-deg', 0.01, 5);
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
      const link = {
        satelliteLongitudeDeg: parseNumber(o.sat!, '--sat', -180, 360),
        frequencyGhz: parseNumber(o.freqGhz!, '--freq-ghz'),
        marginDb: parseNumber(o.marginDb!, '--margin-db'),
        antennaDiameterM: parseNumber(o.diameterM!, '--diameter-m', 0.01, 100),
        efficiency: parseNumber(o.efficiency!, '--efficiency', 0.01, 1),
        tauDeg: parseNumber(o.tauDeg!, '--tau-deg', -360, 360),
      };
      const totalRows = Math.round((grid.latMax - grid.latMin) / step) + 1;
      const bar = createProgressBar(ctx.stderr, {
        label: m(ctx.lang, 'progress'),
        total: totalRows,
        unit: 'rows',
      });
      const r = availabilityGrid(
        grid,
        link,
        { ...sources, oxygenHeight: sources.oxygenHeight },
        include,
        (row, rows) => {
          if (ctx.signal.aborted) throw new SahelsatError('interrupted', 'interrupted');
          bar.update(Math.min(row, rows));
        },
      );
      bar.finish();
      const raster = { ...r, latMax: grid.latMax, lonMin: grid.lonMin, stepDeg: step };
      if (o.png) writeFileSync(resolve(ctx.cwd, o.png), availabilityPng(raster));
      if (o.geojson) writeFileSync(resolve(ctx.cwd, o.geojson), availabilityGeoJson(raster));
      const vals = Array.from(r.availability)
        .filter((_, k) => r.mask[k] === 1)
        .sort((a, b) => a - b);
      ctx.stderr.write(
        `${m(ctx.lang, 'done', { n: vals.length, median: (vals[vals.length >> 1] ?? 0).toFixed(3) })}\n`,
      );
    });
}
