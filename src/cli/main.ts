/**
 * The `sahelsat` command line. Each command lives in `commands/<name>.ts` and registers itself
 * through {@link COMMANDS}; this file only parses global options, builds the context, and maps
 * errors to exit codes (2: bad input, 1: anything else).
 */
import { Command, CommanderError } from 'commander';
import { SahelsatError, ValidationError } from '../core/errors.js';
import { resolveLang } from '../i18n/index.js';
import { type IssueWords, formatIssue } from '../io/catalog-issue.js';
import type { CliContext, Writable } from './context.js';
import { COMMANDS } from './commands/index.js';
import { cliMessages as m } from './messages.js';

export interface MainOptions {
  readonly stdout?: Writable;
  readonly stderr?: Writable;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const langFlag = findLangFlag(argv);
  const ctx: CliContext = {
    lang: resolveLang(langFlag, env),
    stdout: opts.stdout ?? process.stdout,
    stderr: opts.stderr ?? process.stderr,
    env,
    cwd: opts.cwd ?? process.cwd(),
    signal: opts.signal ?? processSignal(),
  };
  const program = new Command('sahelsat')
    .description(m(ctx.lang, 'program.description'))
    .option('--lang <lang>', m(ctx.lang, 'option.lang'))
    .helpOption('-h, --help', m(ctx.lang, 'option.help'))
    .helpCommand('help [command]', m(ctx.lang, 'option.helpCommand'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err, ctx);
  }
}

function findLangFlag(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

function processSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** The translated connecting words for located messages. */
export function issueWords(ctx: CliContext): IssueWords {
  return { expected: m(ctx.lang, 'expected'), got: m(ctx.lang, 'got') };
}

/** Prints an error without a stack trace (unless SAHELSAT_DEBUG is set) and picks the exit code. */
export function reportError(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    if (err.code === 'commander.help') return 0;
    return err.exitCode === 0 ? 0 : 2;
  }
  const debug = Boolean(ctx.env.SAHELSAT_DEBUG);
  if (err instanceof ValidationError) {
    const issue = {
      message: err.detail,
      location: err.location,
      ...(err.expected !== undefined ? { expected: err.expected } : {}),
      ...(err.received !== undefined ? { received: err.received } : {}),
    };
    ctx.stderr.write(`${m(ctx.lang, 'error.prefix')} ${formatIssue(issue, issueWords(ctx))}\n`);
    return 2;
  }
  if (err instanceof SahelsatError) {
    ctx.stderr.write(`${m(ctx.lang, 'error.prefix')} ${err.message}\n`);
    if (debug && err.stack) ctx.stderr.write(`${err.stack}\n`);
    return err.code === 'interrupted' ? 130 : 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  ctx.stderr.write(`${m(ctx.lang, 'error.unexpected')} ${message}\n`);
  if (debug && err instanceof Error && err.stack) ctx.stderr.write(`${err.stack}\n`);
  return 1;
}
