/**
 * `sahelsat link budget` (GEO link budgets with ACM statistics from a JSON configuration) and
 * `sahelsat link attenuation` (P.618-14 attenuation for a CSV batch of sites).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { type LinkConfig, linkConfigSchema } from '../../io/link-config.js';
import { ATTENUATION_COLUMNS, csvCell, parseSitesCsv } from '../../io/sites-csv.js';
import { type GeoLinkInput, acmStatistics, geoLinkBudget } from '../../telecom/geo-link.js';
import { slantPathAttenuation } from '../../telecom/itur/slant-path.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';
import { climateSources } from './maps-option.js';
import { registerAvailabilityMap } from './link-availability-map.js';

const m = defineMessages({
  en: {
    'link.description': 'link budgets and propagation',
    'budget.description':
      'budget of GEO links (forward, return…) described in a JSON file, with ACM availability and throughput',
    'attenuation.description': 'ITU-R P.618-14 attenuation for each site of a CSV file',
    'opt.config': 'JSON configuration of the links',
    'opt.format': 'output format: table or json',
    'opt.maps': 'directory of ITU-R digital maps (default: SAHELSAT_ITUR_MAPS)',
    'opt.input': 'input CSV of sites',
    'opt.out': 'output CSV',
    'progress.sites': 'attenuation',
    'done.sites': '{n} sites written to {file}',
    'row.failed': '{file}:{line} (site "{site}"): {message}',
  },
  fr: {
    'link.description': 'bilans de liaison et propagation',
    'budget.description':
      'bilan de liaisons GEO (aller, retour…) décrites dans un fichier JSON, avec disponibilité et débit en ACM',
    'attenuation.description': 'affaiblissement UIT-R P.618-14 pour chaque site d’un fichier CSV',
    'opt.config': 'configuration JSON des liaisons',
    'opt.format': 'format de sortie : table ou json',
    'opt.maps': 'répertoire des cartes numériques UIT-R (par défaut : SAHELSAT_ITUR_MAPS)',
    'opt.input': 'CSV des sites en entrée',
    'opt.out': 'CSV en sortie',
    'progress.sites': 'affaiblissement',
    'done.sites': '{n} sites écrits dans {file}',
    'row.failed': '{file}:{line} (site « {site} ») : {message}',
  },
});

/** The `link budget` configuration file (schema in src/io/link-config.ts). */
export { linkConfigSchema };

function readConfig(path: string): LinkConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ValidationError(`cannot read JSON: ${(err as Error).message}`, {
      location: { file: path },
    });
  }
  const r = linkConfigSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ValidationError(issue.message, {
      location: { file: path, field: issue.path.join('.') },
    });
  }
  return r.data;
}

const f = (v: number | undefined, d = 2): string => (v === undefined ? '—' : v.toFixed(d));

/** Registers `link budget`, `link attenuation` and `link availability-map`. */
export function registerLink(program: Command, ctx: CliContext): void {
  const cmd = program.command('link').description(m(ctx.lang, 'link.description'));
  cmd
    .command('budget')
    .description(m(ctx.lang, 'budget.description'))
    .requiredOption('--config <file>', m(ctx.lang, 'opt.config'))
    .option('--format <format>', m(ctx.lang, 'opt.format'), 'table')
    .option('--maps <dir>', m(ctx.lang, 'opt.maps'))
    .action((o: { config: string; format: string; maps?: string }) => {
      if (o.format !== 'table' && o.format !== 'json') {
        throw new ValidationError('unknown format', {
          location: { field: '--format' },
          expected: 'table or json',
          received: o.format,
        });
      }
      const path = resolve(ctx.cwd, o.config);
      const config = readConfig(path);
      const sources = climateSources(
        ctx,
        o.maps ?? (config.maps ? resolve(path, '..', config.maps) : undefined),
      );
      const results = config.links.map((l) => {
        const input = l as GeoLinkInput;
        return { budget: geoLinkBudget(input, sources), acm: acmStatistics(input, sources) };
      });
      if (o.format === 'json') {
        ctx.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        return;
      }
      for (const { budget: b, acm } of results) {
        const rows: [string, string][] = [
          ['link', b.name],
          ['time percentage p (%)', f(b.pPercent, 3)],
          ['limiting hop', b.limitingHop],
          ['uplink elevation (°)', f(b.uplink.elevationDeg)],
          ['uplink free-space loss (dB)', f(b.uplink.freeSpaceLossDb)],
          ['uplink atmospheric loss (dB)', f(b.uplink.atmosphericDb)],
          ['uplink C/N0 (dBHz)', f(b.uplink.cN0DbHz)],
          ['downlink elevation (°)', f(b.downlink.elevationDeg)],
          ['downlink free-space loss (dB)', f(b.downlink.freeSpaceLossDb)],
          ['downlink atmospheric loss (dB)', f(b.downlink.atmosphericDb)],
          ['downlink G/T with sky noise (dB/K)', f(b.downlink.gtDbK)],
          ['downlink C/N0 (dBHz)', f(b.downlink.cN0DbHz)],
          ['C/I0 (dBHz)', f(b.cI0DbHz)],
          ['total C/N0 (dBHz)', f(b.totalCn0DbHz)],
          ['C/N (dB)', f(b.cnDb)],
          ['Es/N0 (dB)', f(b.esN0Db)],
          ['Eb/N0 (dB)', f(b.ebN0Db)],
          ['MODCOD', b.modcod?.name ?? '—'],
          ['required Es/N0 (dB)', f(b.requiredEsN0Db)],
          ['margin (dB)', f(b.marginDb)],
          ['information rate (Mbit/s)', f(b.informationRateMbps)],
          ['ACM availability (%)', f(acm.availabilityPercent, 3)],
          ['ACM mean throughput (Mbit/s)', f(acm.meanThroughputMbps)],
        ];
        const w = Math.max(...rows.map((r) => r[0].length));
        for (const [k, v] of rows) ctx.stdout.write(`${k.padEnd(w)}  ${v}\n`);
        ctx.stdout.write('\n');
      }
    });
  cmd
    .command('attenuation')
    .description(m(ctx.lang, 'attenuation.description'))
    .requiredOption('--input <file>', m(ctx.lang, 'opt.input'))
    .requiredOption('--out <file>', m(ctx.lang, 'opt.out'))
    .option('--maps <dir>', m(ctx.lang, 'opt.maps'))
    .action((o: { input: string; out: string; maps?: string }) => {
      const input = resolve(ctx.cwd, o.input);
      const { header, rows } = parseSitesCsv(readFileSync(input, 'utf8'), o.input);
      const sources = climateSources(ctx, o.maps);
      const bar = createProgressBar(
        ctx.stderr,
        { label: m(ctx.lang, 'progress.sites'), total: rows.length, unit: 'sites' },
        rows.length > 200,
      );
      const out: string[] = [[...header, ...ATTENUATION_COLUMNS].map(csvCell).join(',')];
      rows.forEach((r, i) => {
        if (ctx.signal.aborted) throw new SahelsatError('interrupted', 'interrupted');
        let a;
        try {
          a = slantPathAttenuation(
            {
              latitudeDeg: r.latDeg,
              longitudeDeg: r.lonDeg,
              ...(r.altM === undefined ? {} : { altitudeKm: r.altM / 1000 }),
              frequencyGhz: r.freqGhz,
              elevationDeg: r.elevationDeg,
              pPercent: r.pPercent,
              antennaDiameterM: r.diameterM,
              efficiency: r.efficiency,
              tauDeg: r.tauDeg,
            },
            {},
            sources,
          );
        } catch (err) {
          if (err instanceof SahelsatError) {
            throw new ValidationError(
              m(ctx.lang, 'row.failed', {
                file: o.input,
                line: r.line,
                site: r.site,
                message: err.message,
              }),
            );
          }
          throw err;
        }
        const values = [a.gasDb, a.cloudDb, a.rainDb, a.scintillationDb, a.totalDb].map((v) =>
          v.toFixed(4),
        );
        const cells = header.map((_, j) => csvCell(r.cells[j] ?? ''));
        out.push([...cells, ...values].join(','));
        bar.update(i + 1);
      });
      bar.finish();
      writeFileSync(resolve(ctx.cwd, o.out), `${out.join('\n')}\n`);
      ctx.stderr.write(`${m(ctx.lang, 'done.sites', { n: rows.length, file: o.out })}\n`);
    });
  registerAvailabilityMap(cmd, ctx);
}
