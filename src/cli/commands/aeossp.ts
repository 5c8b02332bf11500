/**
 * `sahelsat aeossp check CASE_DIR SOLUTION.json` checks a solution of the AstroReason-Bench
 * `aeossp_standard` benchmark with our own checker; `sahelsat aeossp solve CASE_DIR
 * [--time-limit-s S] [--seed N] --out SOLUTION.json` plans one in the benchmark's format.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { type Lang, defineMessages } from '../../i18n/index.js';
import { type AeosspReport, checkAeossp } from '../../planner/aeossp/check.js';
import { loadAeosspCase, loadAeosspSolution } from '../../planner/aeossp/load.js';
import { solutionToJson, solveAeossp } from '../../planner/aeossp/solve.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';

const m = defineMessages({
  en: {
    description: 'agile Earth-observation scheduling benchmark (AstroReason-Bench aeossp_standard)',
    checkDescription: 'check a solution against a case with our checker',
    solveDescription: 'plan observations for a case and write the solution file',
    caseDir: 'case directory (mission.yaml, satellites.yaml, tasks.yaml)',
    solution: 'solution JSON file',
    format: 'output format: text or json',
    timeLimit: 'time limit in seconds, precomputation and final check included',
    seed: 'seed of the local search (default 1)',
    out: 'where to write the solution JSON',
    quiet: 'no progress on stderr',
    label: 'aeossp',
    valid: 'valid: WCR {wcr}, CR {cr}, TAT {tat} s, PC {pc} Wh, {count} observations',
    invalid: 'INVALID: {count} violation(s)',
    summary:
      'WCR {wcr} (reachable {reach}), CR {cr}, {count} observations, {iterations} search moves, {time} s',
    interrupted: 'interrupted: the best solution so far was written',
    unwritable: 'cannot write the file',
  },
  fr: {
    description:
      'banc de planification de satellites agiles d’observation (AstroReason-Bench aeossp_standard)',
    checkDescription: 'vérifier une solution d’un cas avec notre vérificateur',
    solveDescription: 'planifier les observations d’un cas et écrire le fichier solution',
    caseDir: 'répertoire du cas (mission.yaml, satellites.yaml, tasks.yaml)',
    solution: 'fichier JSON de solution',
    format: 'format de sortie : text ou json',
    timeLimit: 'limite de temps en secondes, précalcul et vérification finale compris',
    seed: 'graine de la recherche locale (1 par défaut)',
    out: 'où écrire le JSON de la solution',
    quiet: 'pas de progression sur stderr',
    label: 'aeossp',
    valid: 'valide : WCR {wcr}, CR {cr}, TAT {tat} s, PC {pc} Wh, {count} observations',
    invalid: 'INVALIDE : {count} violation(s)',
    summary:
      'WCR {wcr} (atteignable {reach}), CR {cr}, {count} observations, {iterations} mouvements de recherche, {time} s',
    interrupted: 'interrompu : la meilleure solution trouvée a été écrite',
    unwritable: 'impossible d’écrire le fichier',
  },
});

const solveOptions = z.object({
  timeLimitS: z.coerce.number().positive().max(86_400),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  out: z.string().min(1),
  quiet: z.boolean(),
});

function optionError(e: z.ZodError): ValidationError {
  const first = e.issues[0]!;
  const flags: Record<string, string> = { timeLimitS: 'time-limit-s' };
  const path = first.path.map((k) => flags[String(k)] ?? String(k)).join('.');
  return new ValidationError(first.message, { location: { field: `--${path}` } });
}

/** The report in the shape of the benchmark's expected.json. */
export function reportToJson(r: AeosspReport): Record<string, unknown> {
  const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');
  const f = r.actionFailures[0];
  return {
    valid: r.valid,
    metrics: r.metrics,
    violations: r.actionFailures.map((x) => x.message),
    action_failures_len: r.actionFailures.length,
    ...(f
      ? {
          first_action_failure: {
            action_index: f.actionIndex,
            satellite_id: f.satelliteId,
            task_id: f.taskId,
            stage: f.stage,
            reason: f.message,
            time: iso(f.timeMs),
          },
        }
      : {}),
    diagnostics: {
      per_satellite_resource_summary: Object.fromEntries(
        [...r.perSatellite].map(([id, s]) => [
          id,
          {
            failed: s.failed,
            gross_consumption_wh: s.grossConsumptionWh,
            total_imaging_time_s: s.totalImagingTimeS,
            minimum_battery_wh: s.minimumBatteryWh,
          },
        ]),
      ),
      completed_tasks: [...r.perTask].filter(([, t]) => t.completed).length,
    },
  };
}

function summary(lang: Lang, r: AeosspReport): string {
  return m(lang, 'valid', {
    wcr: r.metrics.WCR.toFixed(4),
    cr: r.metrics.CR.toFixed(4),
    tat: r.metrics.TAT === null ? '–' : r.metrics.TAT.toFixed(1),
    pc: r.metrics.PC.toFixed(1),
    count: [...r.perTask.values()].filter((t) => t.completed).length,
  });
}

function check(ctx: CliContext, caseDir: string, solutionFile: string, format: string): void {
  const c = loadAeosspCase(resolve(ctx.cwd, caseDir), ctx.lang);
  const sol = loadAeosspSolution(resolve(ctx.cwd, solutionFile), ctx.lang);
  const r = checkAeossp(c, sol, ctx.lang);
  if (format === 'json') ctx.stdout.write(`${JSON.stringify(reportToJson(r), null, 2)}\n`);
  else if (r.valid) ctx.stdout.write(`${summary(ctx.lang, r)}\n`);
  else {
    ctx.stdout.write(`${m(ctx.lang, 'invalid', { count: r.actionFailures.length })}\n`);
    for (const f of r.actionFailures.slice(0, 50))
      ctx.stdout.write(
        `  ${f.actionIndex >= 0 ? `actions[${f.actionIndex}] ` : ''}${f.satelliteId} ${f.taskId} ${new Date(f.timeMs).toISOString()} [${f.stage}] ${f.message}\n`,
      );
  }
  if (!r.valid)
    throw new SahelsatError(
      'invalid-solution',
      m(ctx.lang, 'invalid', { count: r.actionFailures.length }),
    );
}

async function solve(
  ctx: CliContext,
  caseDir: string,
  raw: Record<string, unknown>,
): Promise<void> {
  const parsed = solveOptions.safeParse(raw);
  if (!parsed.success) throw optionError(parsed.error);
  const o = parsed.data;
  const c = loadAeosspCase(resolve(ctx.cwd, caseDir), ctx.lang);
  const bar = createProgressBar(
    ctx.stderr,
    { label: m(ctx.lang, 'label'), total: Math.ceil(o.timeLimitS), unit: 's' },
    !o.quiet,
  );
  const r = await solveAeossp(c, {
    timeLimitS: o.timeLimitS,
    seed: o.seed,
    signal: ctx.signal,
    onProgress: (p) => bar.update(Math.floor(p.elapsedS)),
  });
  bar.finish();
  const outFile = resolve(ctx.cwd, o.out);
  try {
    writeFileSync(outFile, `${JSON.stringify(solutionToJson(r.solution), null, 1)}\n`);
  } catch (err) {
    throw new ValidationError(m(ctx.lang, 'unwritable'), {
      location: { file: o.out },
      received: err instanceof Error ? err.message : String(err),
    });
  }
  if (!o.quiet)
    ctx.stderr.write(
      `${m(ctx.lang, 'summary', {
        wcr: r.report.metrics.WCR.toFixed(4),
        reach: (r.reachableWeight / r.totalWeight).toFixed(4),
        cr: r.report.metrics.CR.toFixed(4),
        count: r.solution.actions.length,
        iterations: r.iterations,
        time: r.timeS.toFixed(1),
      })}\n`,
    );
  ctx.stdout.write(
    `${JSON.stringify({ valid: r.report.valid, metrics: r.report.metrics, actions: r.solution.actions.length, timeS: Number(r.timeS.toFixed(3)) })}\n`,
  );
  if (r.interrupted) throw new SahelsatError('interrupted', m(ctx.lang, 'interrupted'));
}

/** Registers `aeossp check` and `aeossp solve`. */
export function registerAeossp(program: Command, ctx: CliContext): void {
  const cmd = program.command('aeossp').description(m(ctx.lang, 'description'));
  cmd
    .command('check')
    .description(m(ctx.lang, 'checkDescription'))
    .argument('<case-dir>', m(ctx.lang, 'caseDir'))
    .argument('<solution>', m(ctx.lang, 'solution'))
    .option('--format <format>', m(ctx.lang, 'format'), 'text')
    .action((caseDir: string, solution: string, opts: { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new ValidationError('expected text or json', {
          location: { field: '--format' },
          received: opts.format,
        });
      check(ctx, caseDir, solution, opts.format);
    });
  cmd
    .command('solve')
    .description(m(ctx.lang, 'solveDescription'))
    .argument('<case-dir>', m(ctx.lang, 'caseDir'))
    .option('--time-limit-s <s>', m(ctx.lang, 'timeLimit'), '60')
    .option('--seed <n>', m(ctx.lang, 'seed'), '1')
    .requiredOption('--out <file>', m(ctx.lang, 'out'))
    .option('--quiet', m(ctx.lang, 'quiet'), false)
    .action((caseDir: string, opts: Record<string, unknown>) => solve(ctx, caseDir, opts));
}
