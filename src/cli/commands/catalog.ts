/**
 * `sahelsat catalog`: check, convert, import into the local cache, list, and fetch element sets
 * from a configured endpoint (CelesTrak or Space-Track style URL; never contacted unless asked).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { formatIsoUtc } from '../../core/time.js';
import { defineMessages } from '../../i18n/index.js';
import {
  catalogCachePath,
  mergeIntoCatalogCache,
  readCatalogCache,
} from '../../io/catalog-cache.js';
import { readCatalog } from '../../io/catalog.js';
import { formatOmmJson } from '../../io/omm-json.js';
import { formatOmmKvn } from '../../io/omm-kvn.js';
import { formatOmmXml } from '../../io/omm-xml.js';
import { formatTle } from '../../io/tle.js';
import type { ElementSet } from '../../orbit/element-set.js';
import type { CliContext } from '../context.js';
import {
  checkFormat,
  formatTable,
  loadCatalogFile,
  readTextFile,
  reportIssues,
} from '../shared.js';

const m = defineMessages({
  en: {
    description: 'element-set catalogues: check, convert, import, list, fetch',
    check: 'check a catalogue file and report every problem (exit code 2 when any)',
    convert: 'convert a catalogue file to another format',
    import: 'import a catalogue file into the local cache (latest epoch kept per object)',
    list: 'list the element sets in the local cache',
    fetch: 'download element sets from a URL (or SAHELSAT_CATALOG_URL) into the local cache',
    dataDir: 'data directory (default: SAHELSAT_DATA_DIR or ./var)',
    format: 'output format: tle, omm-json, omm-xml or omm-kvn',
    listFormat: 'output format: table or json',
    ignoreChecksum: 'accept TLE lines with a wrong checksum (with a warning)',
    url: 'URL to download (e.g. https://celestrak.org/NORAD/elements/gp.php?GROUP=active&FORMAT=json; Space-Track query URLs log in with SAHELSAT_SPACETRACK_USER and SAHELSAT_SPACETRACK_PASSWORD)',
    checked: '{file}: {format}, {good} element sets, {bad} errors, {warn} warnings',
    imported:
      '{file}: {added} added, {updated} updated, {unchanged} unchanged; cache now {total} objects ({path})',
    noUrl: 'no URL: give --url or set SAHELSAT_CATALOG_URL',
    fetchFailed: 'download failed: {why}',
    empty: 'the local cache is empty: import a file with "sahelsat catalog import FILE"',
  },
  fr: {
    description:
      'catalogues de jeux d’éléments : vérifier, convertir, importer, lister, télécharger',
    check:
      'vérifie un fichier de catalogue et signale chaque problème (code de sortie 2 s’il y en a)',
    convert: 'convertit un fichier de catalogue dans un autre format',
    import:
      'importe un fichier dans le cache local (la dernière époque est gardée pour chaque objet)',
    list: 'liste les jeux d’éléments du cache local',
    fetch:
      'télécharge des jeux d’éléments depuis une URL (ou SAHELSAT_CATALOG_URL) dans le cache local',
    dataDir: 'répertoire de données (par défaut : SAHELSAT_DATA_DIR ou ./var)',
    format: 'format de sortie : tle, omm-json, omm-xml ou omm-kvn',
    listFormat: 'format de sortie : table ou json',
    ignoreChecksum:
      'accepter les lignes TLE dont la somme de contrôle est fausse (avec un avertissement)',
    url: 'URL à télécharger (par ex. https://celestrak.org/NORAD/elements/gp.php?GROUP=active&FORMAT=json ; les requêtes Space-Track se connectent avec SAHELSAT_SPACETRACK_USER et SAHELSAT_SPACETRACK_PASSWORD)',
    checked: '{file} : {format}, {good} jeux d’éléments, {bad} erreurs, {warn} avertissements',
    imported:
      '{file} : {added} ajoutés, {updated} mis à jour, {unchanged} inchangés ; le cache compte {total} objets ({path})',
    noUrl: 'pas d’URL : donner --url ou définir SAHELSAT_CATALOG_URL',
    fetchFailed: 'échec du téléchargement : {why}',
    empty: 'le cache local est vide : importer un fichier avec « sahelsat catalog import FICHIER »',
  },
});

const FORMATS = ['tle', 'omm-json', 'omm-xml', 'omm-kvn'] as const;

/** Writes element sets in one of the catalogue formats. */
export function formatCatalog(
  elements: readonly ElementSet[],
  format: (typeof FORMATS)[number],
): string {
  switch (format) {
    case 'tle':
      return (
        elements
          .map((el) => [el.name, ...formatTle(el)].filter((l) => l !== '').join('\n'))
          .join('\n') + '\n'
      );
    case 'omm-json':
      return formatOmmJson(elements);
    case 'omm-xml':
      return formatOmmXml(elements, new Date());
    case 'omm-kvn':
      return formatOmmKvn(elements, new Date());
  }
}

function dataDir(ctx: CliContext, flag: string | undefined): string {
  return resolve(ctx.cwd, flag ?? ctx.env.SAHELSAT_DATA_DIR ?? 'var');
}

export function registerCatalog(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  const cmd = program.command('catalog').description(m(L, 'description'));
  cmd
    .command('check <file>')
    .description(m(L, 'check'))
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .action((file: string, o: { ignoreChecksum?: boolean }) => {
      const text = readTextFile(ctx, file, 'file');
      const r = readCatalog(text, { fileName: file, ignoreChecksum: o.ignoreChecksum ?? false });
      reportIssues(ctx, r.warnings, r.errors);
      ctx.stdout.write(
        `${m(L, 'checked', { file, format: r.format, good: r.entries.length, bad: r.errors.length, warn: r.warnings.length })}\n`,
      );
      if (r.errors.length > 0)
        throw new ValidationError(`${r.errors.length} errors in ${file}`, { location: { file } });
    });
  cmd
    .command('convert <file>')
    .description(m(L, 'convert'))
    .requiredOption('--format <format>', m(L, 'format'))
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .action((file: string, o: { format: string; ignoreChecksum?: boolean }) => {
      const format = checkFormat(ctx, o.format, FORMATS);
      const entries = loadCatalogFile(ctx, file, {
        ignoreChecksum: o.ignoreChecksum ?? false,
        option: 'file',
      });
      ctx.stdout.write(
        formatCatalog(
          entries.map((e) => e.elements),
          format,
        ),
      );
    });
  cmd
    .command('import <file>')
    .description(m(L, 'import'))
    .option('--data-dir <dir>', m(L, 'dataDir'))
    .option('--ignore-checksum', m(L, 'ignoreChecksum'))
    .action((file: string, o: { dataDir?: string; ignoreChecksum?: boolean }) => {
      const entries = loadCatalogFile(ctx, file, {
        ignoreChecksum: o.ignoreChecksum ?? false,
        option: 'file',
      });
      const dir = dataDir(ctx, o.dataDir);
      const s = mergeIntoCatalogCache(
        dir,
        entries.map((e) => e.elements),
      );
      ctx.stdout.write(`${m(L, 'imported', { file, ...s, path: catalogCachePath(dir) })}\n`);
    });
  cmd
    .command('list')
    .description(m(L, 'list'))
    .option('--data-dir <dir>', m(L, 'dataDir'))
    .option('--format <format>', m(L, 'listFormat'), 'table')
    .action((o: { dataDir?: string; format: string }) => {
      const format = checkFormat(ctx, o.format, ['table', 'json'] as const);
      const list = readCatalogCache(dataDir(ctx, o.dataDir));
      if (list.length === 0) {
        ctx.stderr.write(`${m(L, 'empty')}\n`);
        return;
      }
      if (format === 'json') {
        ctx.stdout.write(formatOmmJson(list));
        return;
      }
      const rows = [
        ['NORAD', 'name', 'epoch (UTC)', 'rev/day', 'incl °', 'ecc'],
        ...list.map((el) => [
          String(el.catalogNumber),
          el.name,
          formatIsoUtc(el.epochMs).slice(0, 19),
          el.meanMotionRevPerDay.toFixed(8),
          el.inclinationDeg.toFixed(4),
          el.eccentricity.toFixed(7),
        ]),
      ];
      ctx.stdout.write(formatTable(rows, new Set([0, 3, 4, 5])));
    });
  cmd
    .command('fetch')
    .description(m(L, 'fetch'))
    .option('--url <url>', m(L, 'url'))
    .option('--data-dir <dir>', m(L, 'dataDir'))
    .action(async (o: { url?: string; dataDir?: string }) => {
      const url = o.url ?? ctx.env.SAHELSAT_CATALOG_URL;
      if (!url) throw new ValidationError(m(L, 'noUrl'), { location: { field: '--url' } });
      let text: string;
      try {
        const res = await fetch(url, {
          signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(60_000)]),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
        text = await res.text();
      } catch (err) {
        throw new SahelsatError(
          'fetch-failed',
          m(L, 'fetchFailed', { why: err instanceof Error ? err.message : String(err) }),
        );
      }
      const r = readCatalog(text, { fileName: url });
      reportIssues(ctx, r.warnings, r.errors);
      if (r.entries.length === 0)
        throw new ValidationError('no usable element set downloaded', { location: { file: url } });
      const dir = dataDir(ctx, o.dataDir);
      const s = mergeIntoCatalogCache(
        dir,
        r.entries.map((e) => e.elements),
      );
      ctx.stdout.write(`${m(L, 'imported', { file: url, ...s, path: catalogCachePath(dir) })}\n`);
    });
}
