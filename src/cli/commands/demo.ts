/**
 * `sahelsat demo`: the bundled demo constellation and its next passes over the three national
 * stations — what `npm start` shows until the server lands.
 */
import type { Command } from 'commander';
import { formatIsoUtc } from '../../core/time.js';
import { defineMessages } from '../../i18n/index.js';
import { loadBundledStations, loadDemoConstellation } from '../../io/bundled-data.js';
import { findPassesForCatalog } from '../parallel-passes.js';
import type { CliContext } from '../context.js';
import { formatTable, parseNumberOption, parseTimeOption } from '../shared.js';

const m = defineMessages({
  en: {
    description:
      'show the demo constellation and its next passes over Bamako, Ouagadougou and Niamey',
    hours: 'hours to look ahead (default 24)',
    start: 'start time, ISO 8601 UTC (default: now)',
    title:
      'Sahelsat demo: the programme’s planned satellites (designed orbits, data/constellation.json)',
    passes: 'Next passes from {start} for {hours} h (minimum elevation: each station’s mask)',
    continuous: 'continuously visible',
    hint: 'More: npx sahelsat --help; passes of any catalogue: npx sahelsat passes --tle FILE',
  },
  fr: {
    description:
      'montre la constellation de démonstration et ses prochains passages sur Bamako, Ouagadougou et Niamey',
    hours: 'heures à prévoir (par défaut 24)',
    start: 'instant de début, ISO 8601 UTC (par défaut : maintenant)',
    title:
      'Démonstration Sahelsat : les satellites prévus du programme (orbites conçues, data/constellation.json)',
    passes:
      'Prochains passages à partir du {start} pour {hours} h (élévation minimale : masque de chaque station)',
    continuous: 'visible en permanence',
    hint: 'Plus : npx sahelsat --help ; passages d’un catalogue : npx sahelsat passes --tle FICHIER',
  },
});

export function registerDemo(program: Command, ctx: CliContext): void {
  const L = ctx.lang;
  program
    .command('demo')
    .description(m(L, 'description'))
    .option('--hours <h>', m(L, 'hours'), '24')
    .option('--start <iso>', m(L, 'start'))
    .action(async (o: { hours: string; start?: string }) => {
      const hours = parseNumberOption(ctx, o.hours, '--hours', { min: 0.01, max: 24 * 31 })!;
      const startMs = parseTimeOption(o.start, '--start', Date.now());
      const sats = loadDemoConstellation();
      const stations = loadBundledStations();
      ctx.stdout.write(`${m(L, 'title')}\n\n`);
      const satRows = [
        ['id', 'NORAD', 'role', 'orbit'],
        ...sats.map((s) => [
          s.elements.name,
          String(s.elements.catalogNumber),
          s.role,
          s.design.kind === 'sun-synchronous'
            ? `SSO ${s.design.altitudeKm} km, LTAN ${s.design.ltanHours} h, i=${s.elements.inclinationDeg.toFixed(2)}°`
            : s.design.kind === 'geostationary'
              ? `GEO ${s.design.longitudeDeg}°E`
              : `a=${s.design.semiMajorAxisKm ?? '?'} km`,
        ]),
      ];
      ctx.stdout.write(`${formatTable(satRows)}\n`);
      const { passes } = await findPassesForCatalog(
        sats.map((s) => s.elements),
        stations,
        { startMs, endMs: startMs + hours * 3_600_000 },
        { threads: 1, signal: ctx.signal },
      );
      ctx.stdout.write(`${m(L, 'passes', { start: formatIsoUtc(startMs), hours })}\n\n`);
      const t = (ms: number) => formatIsoUtc(ms).replace('T', ' ').slice(0, 19);
      const rows = [
        ['station', 'satellite', 'AOS (UTC)', 'LOS (UTC)', 'max el °', 'min'],
        ...passes.map((p) => [
          p.stationId,
          p.satelliteName,
          p.flags.includes('continuous') ? m(L, 'continuous') : t(p.aosMs),
          p.flags.includes('continuous') ? '' : t(p.losMs),
          p.maxElevationDeg.toFixed(1),
          (p.durationS / 60).toFixed(1),
        ]),
      ];
      ctx.stdout.write(`${formatTable(rows, new Set([4, 5]))}\n${m(L, 'hint')}\n`);
    });
}
