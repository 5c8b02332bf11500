/**
 * `sahelsat spot5 FILE --time-limit-s S [--seed N] [--format json|text]` solves a SPOT5 daily
 * photograph scheduling instance; `sahelsat spot5 verify FILE SOLUTION.json` checks an answer
 * with the independent verifier.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { parseSpot5 } from '../../io/spot5.js';
import { startMilpThread } from '../../planner/selection/milp-thread.js';
import { solveSpot5 } from '../../planner/spot5/solve.js';
import { verifySpot5 } from '../../planner/verify-spot5.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';

const m = defineMessages({
  en: {
    description:
      'solve a SPOT5 photograph scheduling instance (.spot), or "spot5 verify FILE SOLUTION.json"',
    args: 'FILE.spot to solve, or: verify FILE.spot SOLUTION.json',
    timeLimit: 'time limit in seconds (the best solution found by then is printed)',
    seed: 'seed of the local search (default 1)',
    format: 'output format: json or text',
    noMilp: 'do not run the HiGHS MILP beside the local search (no bound)',
    quiet: 'no progress on stderr',
    usage: 'expected FILE.spot, or verify FILE.spot SOLUTION.json',
    unreadable: 'cannot read the file',
    badSolution: 'not a SPOT5 solution',
    label: 'spot5',
    summary: 'value {value}, bound {bound}, {count} photos, {time} s ({source})',
    interrupted: 'interrupted: the best solution so far is printed',
    valid: 'valid: value {value}, {count} photos, memory {memory}',
    invalid: 'INVALID: {count} violation(s)',
  },
  fr: {
    description:
      'résoudre une instance SPOT5 de planification de prises de vue (.spot), ou « spot5 verify FICHIER SOLUTION.json »',
    args: 'FICHIER.spot à résoudre, ou : verify FICHIER.spot SOLUTION.json',
    timeLimit: 'limite de temps en secondes (la meilleure solution trouvée est alors affichée)',
    seed: 'graine de la recherche locale (1 par défaut)',
    format: 'format de sortie : json ou text',
    noMilp: 'ne pas lancer le MILP HiGHS à côté de la recherche locale (pas de borne)',
    quiet: 'pas de progression sur stderr',
    usage: 'attendu FICHIER.spot, ou verify FICHIER.spot SOLUTION.json',
    unreadable: 'impossible de lire le fichier',
    badSolution: 'pas une solution SPOT5',
    label: 'spot5',
    summary: 'valeur {value}, borne {bound}, {count} photos, {time} s ({source})',
    interrupted: 'interrompu : la meilleure solution trouvée est affichée',
    valid: 'valide : valeur {value}, {count} photos, mémoire {memory}',
    invalid: 'INVALIDE : {count} violation(s)',
  },
});

const optionsSchema = z.object({
  timeLimitS: z.coerce.number().positive().max(86_400),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  format: z.enum(['json', 'text']).default('json'),
  milp: z.boolean().default(true),
  quiet: z.boolean().default(false),
});

/** Shape of a solution file (what `spot5 FILE --format json` prints). */
const solutionSchema = z.object({
  value: z.number().optional(),
  selected: z.record(z.string(), z.number()),
});

function readText(ctx: CliContext, file: string): string {
  try {
    return readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new ValidationError(m(ctx.lang, 'unreadable'), {
      location: { file },
      received: err instanceof Error ? err.message : String(err),
    });
  }
}

function zodIssue(
  ctx: CliContext,
  e: z.ZodError,
  where: { file?: string; prefix?: string },
): ValidationError {
  const first = e.issues[0]!;
  const flags: Record<string, string> = { timeLimitS: 'time-limit-s' };
  const path = first.path.map((k) => flags[String(k)] ?? String(k)).join('.');
  return new ValidationError(first.message, {
    location: {
      ...(where.file ? { file: where.file } : {}),
      field: `${where.prefix ?? ''}${path}`,
    },
  });
}

async function solve(ctx: CliContext, file: string, raw: Record<string, unknown>): Promise<void> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw zodIssue(ctx, parsed.error, { prefix: '--' });
  const o = parsed.data;
  const instance = parseSpot5(readText(ctx, file), { fileName: file, lang: ctx.lang });
  const bar = createProgressBar(
    ctx.stderr,
    { label: m(ctx.lang, 'label'), total: Math.ceil(o.timeLimitS), unit: 's' },
    !o.quiet,
  );
  const result = await solveSpot5(instance, {
    timeLimitS: o.timeLimitS,
    seed: o.seed,
    now: () => performance.now(),
    signal: ctx.signal,
    ...(o.milp ? { exact: startMilpThread } : {}),
    onProgress: (p) => bar.update(Math.floor(p.elapsedS)),
    progressEveryMs: 200,
  });
  bar.finish();
  const count = Object.keys(result.selected).length;
  if (!o.quiet) {
    ctx.stderr.write(
      `${m(ctx.lang, 'summary', { value: result.value, bound: result.bound ?? '–', count, time: result.timeS.toFixed(2), source: result.details.source })}\n`,
    );
  }
  if (o.format === 'json') {
    ctx.stdout.write(
      `${JSON.stringify({ value: result.value, selected: result.selected, bound: result.bound, timeS: Number(result.timeS.toFixed(3)) })}\n`,
    );
  } else {
    ctx.stdout.write(
      `value ${result.value}\nbound ${result.bound ?? 'null'}\ntimeS ${result.timeS.toFixed(3)}\n`,
    );
    for (const [id, v] of Object.entries(result.selected)) ctx.stdout.write(`${id} ${v}\n`);
  }
  if (result.details.interrupted) {
    throw new SahelsatError('interrupted', m(ctx.lang, 'interrupted'));
  }
}

function verify(ctx: CliContext, file: string, solutionFile: string, format: string): void {
  const text = readText(ctx, file);
  let json: unknown;
  try {
    json = JSON.parse(readText(ctx, solutionFile));
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(m(ctx.lang, 'badSolution'), {
      location: { file: solutionFile },
      received: err instanceof Error ? err.message : String(err),
    });
  }
  const sol = solutionSchema.safeParse(json);
  if (!sol.success) throw zodIssue(ctx, sol.error, { file: solutionFile });
  const v = verifySpot5(text, sol.data, { fileName: file, lang: ctx.lang });
  if (format === 'json') {
    ctx.stdout.write(`${JSON.stringify(v)}\n`);
  } else if (v.ok) {
    ctx.stdout.write(
      `${m(ctx.lang, 'valid', { value: v.value, count: v.selectedCount, memory: v.memoryUsed.toFixed(2) })}\n`,
    );
  } else {
    ctx.stdout.write(`${m(ctx.lang, 'invalid', { count: v.violations.length })}\n`);
    for (const x of v.violations)
      ctx.stdout.write(`  ${x.line !== undefined ? `${file}:${x.line}: ` : ''}${x.message}\n`);
  }
  if (!v.ok)
    throw new SahelsatError(
      'invalid-solution',
      m(ctx.lang, 'invalid', { count: v.violations.length }),
    );
}

/** Registers `spot5`. */
export function registerSpot5(program: Command, ctx: CliContext): void {
  program
    .command('spot5')
    .description(m(ctx.lang, 'description'))
    .argument('<args...>', m(ctx.lang, 'args'))
    .option('--time-limit-s <s>', m(ctx.lang, 'timeLimit'), '10')
    .option('--seed <n>', m(ctx.lang, 'seed'), '1')
    .option('--format <format>', m(ctx.lang, 'format'), 'json')
    .option('--no-milp', m(ctx.lang, 'noMilp'))
    .option('--quiet', m(ctx.lang, 'quiet'), false)
    .action(async (args: string[], opts: Record<string, unknown>) => {
      if (args[0] === 'verify') {
        if (args.length !== 3)
          throw new ValidationError(m(ctx.lang, 'usage'), { received: args.join(' ') });
        verify(ctx, args[1]!, args[2]!, String(opts.format));
        return;
      }
      if (args.length !== 1)
        throw new ValidationError(m(ctx.lang, 'usage'), { received: args.join(' ') });
      await solve(ctx, args[0]!, { ...opts, timeLimitS: opts.timeLimitS });
    });
}
