/** `sahelsat itur import-maps`: converts ITU-R text-grid maps into the map-directory layout. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { importMap } from '../../io/itur-import.js';
import type { CliContext } from '../context.js';
import { parseNumber } from './cli-parse.js';

const m = defineMessages({
  en: {
    'itur.description': 'ITU-R digital maps',
    'import.description':
      'convert an ITU-R map (values, latitude and longitude text grids) into a map directory',
    'opt.values': 'text grid of the values (as published by ITU)',
    'opt.lat': 'text grid of the latitudes',
    'opt.lon': 'text grid of the longitudes',
    'opt.name': 'map name in the directory, e.g. p837-7/mt_month01 (see docs/telecom.md)',
    'opt.unit': 'unit of the values',
    'opt.rec': 'Recommendation and revision, e.g. "ITU-R P.837-7"',
    'opt.interp': 'interpolation the Recommendation prescribes: bilinear or bicubic',
    'opt.p': 'time percentage of a p-level map, %',
    'opt.out': 'map directory to write into',
    done: 'wrote {name} ({rows} × {cols}) into {dir}',
  },
  fr: {
    'itur.description': 'cartes numériques UIT-R',
    'import.description':
      'convertir une carte UIT-R (grilles texte des valeurs, latitudes et longitudes) vers un répertoire de cartes',
    'opt.values': 'grille texte des valeurs (telle que publiée par l’UIT)',
    'opt.lat': 'grille texte des latitudes',
    'opt.lon': 'grille texte des longitudes',
    'opt.name':
      'nom de la carte dans le répertoire, p. ex. p837-7/mt_month01 (voir docs/telecom.md)',
    'opt.unit': 'unité des valeurs',
    'opt.rec': 'Recommandation et révision, p. ex. « ITU-R P.837-7 »',
    'opt.interp': 'interpolation prescrite : bilinear ou bicubic',
    'opt.p': 'pourcentage de temps d’une carte par niveau p, %',
    'opt.out': 'répertoire de cartes où écrire',
    done: '{name} ({rows} × {cols}) écrite dans {dir}',
  },
});

/** Registers `itur import-maps`. */
export function registerItur(program: Command, ctx: CliContext): void {
  const itur = program.command('itur').description(m(ctx.lang, 'itur.description'));
  itur
    .command('import-maps')
    .description(m(ctx.lang, 'import.description'))
    .requiredOption('--values <file>', m(ctx.lang, 'opt.values'))
    .requiredOption('--lat <file>', m(ctx.lang, 'opt.lat'))
    .requiredOption('--lon <file>', m(ctx.lang, 'opt.lon'))
    .requiredOption('--name <name>', m(ctx.lang, 'opt.name'))
    .requiredOption('--unit <unit>', m(ctx.lang, 'opt.unit'))
    .requiredOption('--recommendation <rec>', m(ctx.lang, 'opt.rec'))
    .option('--interpolation <kind>', m(ctx.lang, 'opt.interp'), 'bilinear')
    .option('--p-percent <p>', m(ctx.lang, 'opt.p'))
    .requiredOption('--out <dir>', m(ctx.lang, 'opt.out'))
    .action((o: Record<string, string | undefined>) => {
      if (o.interpolation !== 'bilinear' && o.interpolation !== 'bicubic') {
        throw new ValidationError('unknown interpolation', {
          location: { field: '--interpolation' },
          expected: 'bilinear or bicubic',
          received: o.interpolation ?? '',
        });
      }
      if (!/^[\w.-]+\/[\w.-]+$/.test(o.name!)) {
        throw new ValidationError('bad map name', {
          location: { field: '--name' },
          expected: 'FOLDER/NAME, e.g. p837-7/mt_month01',
          received: o.name!,
        });
      }
      const read = (f: string) => ({ text: readFileSync(resolve(ctx.cwd, f), 'utf8'), file: f });
      const dir = resolve(ctx.cwd, o.out!);
      const r = importMap(
        {
          values: read(o.values!),
          lat: read(o.lat!),
          lon: read(o.lon!),
          name: o.name!,
          unit: o.unit!,
          recommendation: o.recommendation!,
          interpolation: o.interpolation,
          ...(o.pPercent ? { pPercent: parseNumber(o.pPercent, '--p-percent', 0, 100) } : {}),
        },
        dir,
      );
      ctx.stderr.write(
        `${m(ctx.lang, 'done', { name: o.name!, rows: r.rows, cols: r.cols, dir: o.out! })}\n`,
      );
    });
}
