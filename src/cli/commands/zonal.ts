/**
 * `sahelsat zonal PRODUCT.geojson [--previous P.geojson] [--aoi F.geojson]
 * [--town-distance-km D] --out stats.json|csv`: zonal statistics of a flood or change product
 * over the bundled regions and towns (and areas of interest), compared with a previous product.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import {
  type ZonalStats,
  collectionPolygons,
  geometryPolygons,
  loadBundledZones,
  zonalStatistics,
} from '../../imaging/zonal.js';
import { zonalStatsCsv } from '../../imaging/zonal-csv.js';
import { parseJsonWith } from '../../io/validate-json.js';
import type { CliContext } from '../context.js';
import { parseNumber } from './cli-parse.js';

const m = defineMessages({
  en: {
    description:
      'flooded or changed area per region and area of interest, and the towns near it, from a product’s polygons (GeoJSON)',
    'arg.product': 'product polygons: GeoJSON FeatureCollection in WGS-84 longitude/latitude',
    'opt.previous': 'the previous product (GeoJSON) to compare with',
    'opt.aoi': 'areas of interest: GeoJSON FeatureCollection (properties id and name)',
    'opt.town': 'list the towns within this distance of the flooded area, km',
    'opt.out': 'output file: .json or .csv',
    'out.summary':
      '{area} km² in total; {regions} region(s), {aois} area(s) of interest, {towns} town(s) ({people} inhabitants) within {km} km',
    'out.written': 'written to {file}',
  },
  fr: {
    description:
      'surface inondée ou changée par région et par zone d’intérêt, et les localités proches, à partir des polygones d’un produit (GeoJSON)',
    'arg.product': 'polygones du produit : FeatureCollection GeoJSON en longitude/latitude WGS-84',
    'opt.previous': 'le produit précédent (GeoJSON) pour la comparaison',
    'opt.aoi': 'zones d’intérêt : FeatureCollection GeoJSON (propriétés id et name)',
    'opt.town': 'lister les localités à moins de cette distance de la zone inondée, km',
    'opt.out': 'fichier de sortie : .json ou .csv',
    'out.summary':
      '{area} km² au total ; {regions} région(s), {aois} zone(s) d’intérêt, {towns} localité(s) ({people} habitants) à moins de {km} km',
    'out.written': 'écrit dans {file}',
  },
});

function readCollection(file: string): GeoJSON.FeatureCollection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read the file: ${(e as Error).message}`, {
      location: { file },
      code: 'unreadable',
    });
  }
  const data = parseJsonWith(z.unknown(), text, file);
  collectionPolygons(data, file); // located errors before any computation
  return data as GeoJSON.FeatureCollection;
}

function readAois(file: string): NonNullable<Parameters<typeof zonalStatistics>[1]['aois']> {
  const fc = readCollection(file);
  return fc.features.map((f, i) => {
    const p = f.properties ?? {};
    const id = String(p['id'] ?? f.id ?? `aoi-${i + 1}`);
    geometryPolygons(f.geometry, `features[${i}].geometry`, file);
    return { id, name: String(p['name'] ?? id), geometry: f.geometry };
  });
}

/** Registers `zonal`. */
export function registerZonal(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('zonal')
    .description(m(L, 'description'))
    .argument('<product>', m(L, 'arg.product'))
    .option('--previous <file>', m(L, 'opt.previous'))
    .option('--aoi <file>', m(L, 'opt.aoi'))
    .option('--town-distance-km <km>', m(L, 'opt.town'), '5')
    .requiredOption('--out <file>', m(L, 'opt.out'))
    .action(
      (
        product: string,
        o: { previous?: string; aoi?: string; townDistanceKm: string; out: string },
      ) => {
        const townDistanceKm = parseNumber(o.townDistanceKm, '--town-distance-km', 0, 500);
        const format = extname(o.out).toLowerCase();
        if (format !== '.json' && format !== '.csv')
          throw new ValidationError('unknown output format', {
            location: { field: '--out' },
            expected: 'a file name ending in .json or .csv',
            received: o.out,
          });
        const zones = {
          ...loadBundledZones(),
          ...(o.aoi ? { aois: readAois(resolve(ctx.cwd, o.aoi)) } : {}),
        };
        const previous: ZonalStats | null = o.previous
          ? zonalStatistics(readCollection(resolve(ctx.cwd, o.previous)), zones, { townDistanceKm })
          : null;
        const stats = zonalStatistics(readCollection(resolve(ctx.cwd, product)), zones, {
          townDistanceKm,
          previous,
        });
        const out = resolve(ctx.cwd, o.out);
        writeFileSync(
          out,
          format === '.csv' ? zonalStatsCsv(stats) : `${JSON.stringify(stats, null, 2)}\n`,
        );
        const people = stats.towns.reduce((a, t) => a + t.population, 0);
        ctx.stdout.write(
          `${m(L, 'out.summary', {
            area: stats.totalAreaKm2.toFixed(3),
            regions: stats.regions.filter((r) => r.areaKm2 > 0).length,
            aois: stats.aois.length,
            towns: stats.towns.length,
            people,
            km: townDistanceKm,
          })}\n${m(L, 'out.written', { file: o.out })}\n`,
        );
      },
    );
}
