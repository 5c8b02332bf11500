/**
 * `sahelsat serve`: the operations server (API, live socket, docs) on one port.
 * Options beat environment variables: --port (PORT, default 8080), --host (default 127.0.0.1),
 * --data-dir (SAHELSAT_DATA_DIR, default ./var); DATABASE_URL selects PostgreSQL;
 * SAHELSAT_ADMIN_PASSWORD sets the first admin password; --platforms (SAHELSAT_PLATFORMS) the
 * fleet the planner plans with; SAHELSAT_SHARED_CACHE_MS how long
 * sessions and the element-set version are reused (default 1000). Stops cleanly on SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { readPlatformsFile } from '../../io/platforms.js';
import { buildServer } from '../../server/index.js';
import { serverMessages as m } from '../../server/messages.js';
import type { CliContext } from '../context.js';
import { defineMessages } from '../../i18n/index.js';

const help = defineMessages({
  en: {
    description:
      'run the operations server (REST API under /api/v1, live socket, API docs at /api/docs)',
    port: 'TCP port (default: PORT or 8080)',
    host: 'address to bind (default 127.0.0.1; 0.0.0.0 for every interface)',
    dataDir: 'data directory of the embedded SQLite database (default: SAHELSAT_DATA_DIR or ./var)',
    threads: 'jobs run at once in worker threads (default 1; 0 runs none here)',
    lease:
      'job lease, seconds: a job whose worker stops renewing it for this long is taken over (default 30)',
    noDemo: 'do not seed the bundled demo data at first start',
    badPort: 'bad port',
    badThreads: 'bad number of job threads',
    badLease: 'bad job lease',
    badSharedCache: 'bad delay of the shared-state cache (milliseconds)',
    imageryDir:
      'directory the flood job reads scenes from (default: SAHELSAT_IMAGERY_DIR or <data dir>/imagery)',
    platforms:
      'platform file of the fleet to plan with, as data/platforms.json (default: SAHELSAT_PLATFORMS or the bundled demo platforms)',
  },
  fr: {
    description:
      'lancer le serveur d’opérations (API REST sous /api/v1, flux temps réel, documentation sur /api/docs)',
    port: 'port TCP (par défaut : PORT ou 8080)',
    host: 'adresse d’écoute (par défaut 127.0.0.1 ; 0.0.0.0 pour toutes les interfaces)',
    dataDir:
      'répertoire de données de la base SQLite intégrée (par défaut : SAHELSAT_DATA_DIR ou ./var)',
    threads: 'tâches exécutées simultanément dans des threads (par défaut 1 ; 0 : aucune ici)',
    lease:
      'bail d’une tâche, secondes : une tâche dont le bail n’est plus renouvelé pendant cette durée est reprise (par défaut 30)',
    noDemo: 'ne pas charger les données de démonstration au premier démarrage',
    badPort: 'port invalide',
    badThreads: 'nombre de threads invalide',
    badLease: 'bail de tâche invalide',
    badSharedCache: 'délai du cache d’état partagé invalide (millisecondes)',
    imageryDir:
      'répertoire où la tâche flood lit les scènes (par défaut : SAHELSAT_IMAGERY_DIR ou <répertoire de données>/imagery)',
    platforms:
      'fichier des plates-formes de la flotte à planifier, au format de data/platforms.json (par défaut : SAHELSAT_PLATFORMS ou les plates-formes de démonstration)',
  },
});

interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  imageryDir?: string;
  platforms?: string;
  jobThreads?: string;
  jobLease?: string;
  demo?: boolean;
}

function integer(text: string, field: string, min: number, max: number, message: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError(message, {
      location: { field },
      expected: `an integer in ${min}…${max}`,
      received: text,
    });
  }
  return n;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(help(ctx.lang, 'description'))
    .option('--port <n>', help(ctx.lang, 'port'))
    .option('--host <address>', help(ctx.lang, 'host'))
    .option('--data-dir <dir>', help(ctx.lang, 'dataDir'))
    .option('--imagery-dir <dir>', help(ctx.lang, 'imageryDir'))
    .option('--platforms <file>', help(ctx.lang, 'platforms'))
    .option('--job-threads <n>', help(ctx.lang, 'threads'))
    .option('--job-lease <seconds>', help(ctx.lang, 'lease'))
    .option('--no-demo', help(ctx.lang, 'noDemo'))
    .action(async (flags: ServeFlags) => serve(flags, ctx));
}

async function serve(flags: ServeFlags, ctx: CliContext): Promise<void> {
  const port = integer(
    flags.port ?? ctx.env.PORT ?? '8080',
    '--port',
    0,
    65535,
    help(ctx.lang, 'badPort'),
  );
  const threads = integer(
    flags.jobThreads ?? '1',
    '--job-threads',
    0,
    64,
    help(ctx.lang, 'badThreads'),
  );
  const leaseS = integer(
    flags.jobLease ?? '30',
    '--job-lease',
    1,
    3600,
    help(ctx.lang, 'badLease'),
  );
  const sharedCache = ctx.env.SAHELSAT_SHARED_CACHE_MS;
  const sharedStateCacheMs =
    sharedCache === undefined || sharedCache === ''
      ? undefined
      : integer(
          sharedCache,
          'SAHELSAT_SHARED_CACHE_MS',
          0,
          60_000,
          help(ctx.lang, 'badSharedCache'),
        );
  const host = flags.host ?? '127.0.0.1';
  const dataDir = resolve(ctx.cwd, flags.dataDir ?? ctx.env.SAHELSAT_DATA_DIR ?? 'var');
  const databaseUrl = ctx.env.DATABASE_URL || undefined;
  const imageryDir = flags.imageryDir ?? ctx.env.SAHELSAT_IMAGERY_DIR;
  const platformsArg = flags.platforms ?? (ctx.env.SAHELSAT_PLATFORMS || undefined);
  const platformsFile = platformsArg ? resolve(ctx.cwd, platformsArg) : undefined;
  // checked here first for a message in the user's language; the server reads it again
  if (platformsFile) readPlatformsFile(platformsFile, ctx.lang);
  const app = await buildServer({
    dataDir,
    ...(platformsFile ? { platformsFile } : {}),
    ...(imageryDir ? { imageryDir: resolve(ctx.cwd, imageryDir) } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(ctx.env.SAHELSAT_ADMIN_PASSWORD ? { adminPassword: ctx.env.SAHELSAT_ADMIN_PASSWORD } : {}),
    ...(ctx.env.SAHELSAT_ITUR_MAPS
      ? { iturMapsDir: resolve(ctx.cwd, ctx.env.SAHELSAT_ITUR_MAPS) }
      : {}),
    ...(ctx.env.SAHELSAT_CAP_SENDER ? { alerts: { capSender: ctx.env.SAHELSAT_CAP_SENDER } } : {}),
    seedDemoData: flags.demo !== false,
    ...(sharedStateCacheMs !== undefined ? { sharedStateCacheMs } : {}),
    jobs: { threads, leaseMs: leaseS * 1000 },
    logger: {
      level: ctx.env.SAHELSAT_LOG_LEVEL ?? 'warn',
      stream: { write: (s: string) => void ctx.stderr.write(s) },
    },
  });
  const admin = app.sahelsat.seeded.admin;
  if (admin?.generated)
    ctx.stderr.write(`${m(ctx.lang, 'serve.admin-created', { password: admin.password })}\n`);
  const storage = databaseUrl ? 'PostgreSQL' : `SQLite, ${dataDir}`;
  // A stop asked while the port is still opening waits for it, so nothing is left listening.
  const listening = app.listen({ port, host });
  const stopped = new Promise<void>((res) => {
    const stop = async () => {
      await listening.catch(() => undefined);
      ctx.stderr.write(`${m(ctx.lang, 'serve.stopping')}\n`);
      await app.close();
      ctx.stderr.write(`${m(ctx.lang, 'serve.stopped')}\n`);
      res();
    };
    if (ctx.signal.aborted) void stop();
    else ctx.signal.addEventListener('abort', () => void stop(), { once: true });
  });
  const address = await listening;
  ctx.stdout.write(`${m(ctx.lang, 'serve.listening', { url: address, storage })}\n`);
  await stopped;
}
