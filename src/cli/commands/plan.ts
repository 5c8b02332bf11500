/**
 * `sahelsat plan --scenario FILE.json --out plan.json [--horizon-h H] [--time-limit-s S] [--seed N]`
 * plans a scenario (Ctrl-C writes the best plan found so far);
 * `sahelsat plan verify --scenario FILE.json --plan plan.json` checks a plan with the
 * independent verifier; `sahelsat plan generate --seed N --requests R [--satellites 6]
 * [--hours 72] --out FILE.json` writes a seeded scenario over the three countries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { defineMessages } from '../../i18n/index.js';
import { loadGeneratorInputs } from '../../io/planner-inputs.js';
import { generateScenario } from '../../planner/plan/generator.js';
import { planScenarioAsync } from '../../planner/plan/plan.js';
import { parseScenario } from '../../planner/plan/scenario.js';
import { verifyPlan } from '../../planner/verify-plan/verify.js';
import type { Scenario } from '../../planner/plan/types.js';
import type { CliContext } from '../context.js';
import { createProgressBar } from '../progress.js';

const m = defineMessages({
  en: {
    description:
      'plan acquisitions and downlinks for a scenario; "plan verify" checks a plan, "plan generate" writes a test scenario',
    action: 'nothing (plan), verify or generate',
    scenario: 'scenario file (JSON, data/schemas/scenario.schema.json)',
    out: 'output file (plan or generated scenario)',
    planFile: 'plan file to verify',
    horizon: 'planning horizon in hours (overrides the scenario; at most 168)',
    timeLimit: 'time limit in seconds (the best plan found by then is written)',
    seed: 'seed of the search or of the generator (default 1)',
    requests: 'number of requests to generate',
    satellites: 'number of satellites to generate (default 6)',
    hours: 'horizon of the generated scenario in hours (default 72)',
    fairness: 'fairness policy: leximin, quotas or none (overrides the scenario)',
    quiet: 'no progress on stderr',
    usage: 'expected no action, "verify" or "generate"',
    missing: 'missing option {option}',
    unreadable: 'cannot read the file',
    badPlan: 'not a plan file (JSON)',
    label: 'plan',
    summary:
      'value {value} (bound {bound}, {gap}), {acquisitions} acquisitions, {downlinks} downlinks, {planned}/{requests} requests planned, {time} s',
    nation: '  {nation}: share {share} (entitlement {entitlement}), satisfaction {satisfaction}',
    interrupted: 'interrupted: the best plan found so far was written to {file}',
    valid: 'valid: {acquisitions} acquisitions, {downlinks} downlinks, value {value}',
    invalid: 'INVALID: {count} violation(s)',
    generated: 'wrote {file}: {requests} requests, {satellites} satellites, {hours} h',
  },
  fr: {
    description:
      'planifier acquisitions et vidages pour un scénario ; « plan verify » vérifie un plan, « plan generate » écrit un scénario de test',
    action: 'rien (planifier), verify ou generate',
    scenario: 'fichier de scénario (JSON, data/schemas/scenario.schema.json)',
    out: 'fichier de sortie (plan ou scénario généré)',
    planFile: 'fichier de plan à vérifier',
    horizon: 'horizon de planification en heures (remplace celui du scénario ; au plus 168)',
    timeLimit: 'limite de temps en secondes (le meilleur plan trouvé est alors écrit)',
    seed: 'graine de la recherche ou du générateur (1 par défaut)',
    requests: 'nombre de demandes à générer',
    satellites: 'nombre de satellites à générer (6 par défaut)',
    hours: 'horizon du scénario généré en heures (72 par défaut)',
    fairness: 'politique d’équité : leximin, quotas ou none (remplace celle du scénario)',
    quiet: 'pas de progression sur stderr',
    usage: 'attendu : aucune action, « verify » ou « generate »',
    missing: 'option {option} manquante',
    unreadable: 'impossible de lire le fichier',
    badPlan: 'pas un fichier de plan (JSON)',
    label: 'plan',
    summary:
      'valeur {value} (borne {bound}, {gap}), {acquisitions} acquisitions, {downlinks} vidages, {planned}/{requests} demandes planifiées, {time} s',
    nation: '  {nation} : part {share} (droit {entitlement}), satisfaction {satisfaction}',
    interrupted: 'interrompu : le meilleur plan trouvé a été écrit dans {file}',
    valid: 'valide : {acquisitions} acquisitions, {downlinks} vidages, valeur {value}',
    invalid: 'INVALIDE : {count} violation(s)',
    generated: '{file} écrit : {requests} demandes, {satellites} satellites, {hours} h',
  },
});

const optionsSchema = z.object({
  timeLimitS: z.coerce.number().positive().max(86_400).default(10),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  horizonH: z.coerce.number().positive().max(168).optional(),
  requests: z.coerce.number().int().min(0).max(100_000).optional(),
  satellites: z.coerce.number().int().min(1).max(60).default(6),
  hours: z.coerce.number().positive().max(168).default(72),
  fairness: z.enum(['leximin', 'quotas', 'none']).optional(),
  quiet: z.boolean().default(false),
});
type Opts = z.infer<typeof optionsSchema>;

const FLAGS: Record<string, string> = { timeLimitS: 'time-limit-s', horizonH: 'horizon-h' };

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

function need(ctx: CliContext, v: unknown, option: string): string {
  if (typeof v !== 'string' || v === '')
    throw new ValidationError(m(ctx.lang, 'missing', { option }), { location: { field: option } });
  return v;
}

function loadScenario(ctx: CliContext, file: string, o: Opts): Scenario {
  const s = parseScenario(readText(ctx, file), file);
  return {
    ...s,
    ...(o.horizonH !== undefined ? { horizonH: o.horizonH } : {}),
    ...(o.fairness !== undefined ? { fairness: o.fairness } : {}),
  };
}

async function plan(ctx: CliContext, raw: Record<string, unknown>, o: Opts): Promise<void> {
  const file = need(ctx, raw.scenario, '--scenario');
  const out = need(ctx, raw.out, '--out');
  const s = loadScenario(ctx, file, o);
  const bar = createProgressBar(
    ctx.stderr,
    { label: m(ctx.lang, 'label'), total: 100, unit: '%' },
    !o.quiet,
  );
  const t0 = performance.now();
  const p = await planScenarioAsync(s, {
    timeLimitMs: o.timeLimitS * 1000,
    seed: o.seed,
    signal: ctx.signal,
    onProgress: (f) => bar.update(Math.round(f * 100)),
  });
  bar.finish();
  writeFileSync(resolve(ctx.cwd, out), `${JSON.stringify(p, null, 1)}\n`);
  if (!o.quiet) {
    const gap =
      p.bound !== null && p.bound > 0
        ? `${(((p.bound - p.value) / p.bound) * 100).toFixed(1)} %`
        : '–';
    ctx.stderr.write(
      `${m(ctx.lang, 'summary', {
        value: p.value.toFixed(2),
        bound: p.bound === null ? '–' : p.bound.toFixed(2),
        gap,
        acquisitions: p.acquisitions.length,
        downlinks: p.downlinks.length,
        planned: p.requests.filter((r) => r.status === 'planned').length,
        requests: p.requests.length,
        time: ((performance.now() - t0) / 1000).toFixed(1),
      })}\n`,
    );
    for (const [nation, n] of Object.entries(p.nations))
      ctx.stderr.write(
        `${m(ctx.lang, 'nation', { nation, share: n.share.toFixed(3), entitlement: n.entitlement.toFixed(3), satisfaction: n.satisfaction.toFixed(3) })}\n`,
      );
  }
  if (ctx.signal.aborted)
    throw new SahelsatError('interrupted', m(ctx.lang, 'interrupted', { file: out }));
}

function verify(ctx: CliContext, raw: Record<string, unknown>, o: Opts): void {
  const file = need(ctx, raw.scenario, '--scenario');
  const planFile = need(ctx, raw.plan, '--plan');
  const s = loadScenario(ctx, file, o);
  let p: unknown;
  try {
    p = JSON.parse(readText(ctx, planFile));
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(m(ctx.lang, 'badPlan'), {
      location: { file: planFile },
      received: err instanceof Error ? err.message : String(err),
    });
  }
  const v = verifyPlan(s, p);
  const pl = p as { acquisitions?: unknown[]; downlinks?: unknown[]; value?: number };
  if (v.valid) {
    ctx.stdout.write(
      `${m(ctx.lang, 'valid', { acquisitions: pl.acquisitions?.length ?? 0, downlinks: pl.downlinks?.length ?? 0, value: pl.value ?? 0 })}\n`,
    );
    return;
  }
  ctx.stdout.write(`${m(ctx.lang, 'invalid', { count: v.violations.length })}\n`);
  for (const x of v.violations) ctx.stdout.write(`  [${x.constraint}] ${x.where}: ${x.message}\n`);
  throw new SahelsatError('invalid-plan', m(ctx.lang, 'invalid', { count: v.violations.length }));
}

function generate(ctx: CliContext, raw: Record<string, unknown>, o: Opts): void {
  const out = need(ctx, raw.out, '--out');
  if (o.requests === undefined)
    throw new ValidationError(m(ctx.lang, 'missing', { option: '--requests' }), {
      location: { field: '--requests' },
    });
  const s = generateScenario(
    {
      seed: o.seed,
      requests: o.requests,
      satellites: o.satellites,
      hours: o.hours,
      ...(o.fairness ? { fairness: o.fairness } : {}),
    },
    loadGeneratorInputs(),
  );
  writeFileSync(resolve(ctx.cwd, out), `${JSON.stringify(s, null, 1)}\n`);
  ctx.stderr.write(
    `${m(ctx.lang, 'generated', { file: out, requests: s.requests.length, satellites: s.satellites.length, hours: s.horizonH })}\n`,
  );
}

/** Registers `plan`. */
export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description(m(ctx.lang, 'description'))
    .argument('[action]', m(ctx.lang, 'action'))
    .option('--scenario <file>', m(ctx.lang, 'scenario'))
    .option('--out <file>', m(ctx.lang, 'out'))
    .option('--plan <file>', m(ctx.lang, 'planFile'))
    .option('--horizon-h <h>', m(ctx.lang, 'horizon'))
    .option('--time-limit-s <s>', m(ctx.lang, 'timeLimit'))
    .option('--seed <n>', m(ctx.lang, 'seed'))
    .option('--requests <n>', m(ctx.lang, 'requests'))
    .option('--satellites <n>', m(ctx.lang, 'satellites'))
    .option('--hours <h>', m(ctx.lang, 'hours'))
    .option('--fairness <policy>', m(ctx.lang, 'fairness'))
    .option('--quiet', m(ctx.lang, 'quiet'), false)
    .action(async (action: string | undefined, raw: Record<string, unknown>) => {
      const parsed = optionsSchema.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        const key = String(first.path[0] ?? '');
        throw new ValidationError(first.message, { location: { field: `--${FLAGS[key] ?? key}` } });
      }
      if (action === undefined) return plan(ctx, raw, parsed.data);
      if (action === 'verify') return verify(ctx, raw, parsed.data);
      if (action === 'generate') return generate(ctx, raw, parsed.data);
      throw new ValidationError(m(ctx.lang, 'usage'), { received: action });
    });
}
