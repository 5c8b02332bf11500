/**
 * `sahelsat elset build`: element sets of designed orbits (mean elements, sun-synchronous or
 * geostationary designs) for satellites not yet launched.
 */
import type { Command } from 'commander';
import { parseIsoUtc } from '../../core/time.js';
import { defineMessages } from '../../i18n/index.js';
import { bundledDataPath, parseConstellation } from '../../io/bundled-data.js';
import { buildElementSet } from '../../orbit/builder.js';
import type { CliContext } from '../context.js';
import { checkFormat, readTextFile } from '../shared.js';
import { formatCatalog } from './catalog.js';

const m = defineMessages({
  en: {
    description: 'element sets from designed orbits',
    build: 'build the element sets of a constellation design file (schema: docs/data.md)',
    design: 'design file (default: the bundled demo constellation)',
    epoch: 'epoch of the element sets, ISO 8601 UTC (default: the design file’s epoch)',
    format: 'output format: tle, omm-json, omm-xml or omm-kvn',
  },
  fr: {
    description: 'jeux d’éléments à partir d’orbites conçues',
    build:
      'construit les jeux d’éléments d’un fichier de conception de constellation (schéma : docs/data.md)',
    design: 'fichier de conception (par défaut : la constellation de démonstration fournie)',
    epoch: 'époque des jeux d’éléments, ISO 8601 UTC (par défaut : celle du fichier)',
    format: 'format de sortie : tle, omm-json, omm-xml ou omm-kvn',
  },
});

export function registerElset(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  const cmd = program.command('elset').description(m(L, 'description'));
  cmd
    .command('build')
    .description(m(L, 'build'))
    .option('--design <file>', m(L, 'design'))
    .option('--epoch <iso>', m(L, 'epoch'))
    .option('--format <format>', m(L, 'format'), 'tle')
    .action((o: { design?: string; epoch?: string; format: string }) => {
      const format = checkFormat(ctx, o.format, ['tle', 'omm-json', 'omm-xml', 'omm-kvn'] as const);
      const file = o.design ?? bundledDataPath('constellation.json');
      const sats = parseConstellation(readTextFile(ctx, file, '--design'), o.design ?? file);
      const epochMs = o.epoch !== undefined ? parseIsoUtc(o.epoch, '--epoch') : undefined;
      const elements = sats.map((s) =>
        epochMs === undefined ? s.elements : buildElementSet(s.design, epochMs),
      );
      ctx.stdout.write(formatCatalog(elements, format));
    });
}
