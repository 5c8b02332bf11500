/**
 * The server factory: `buildServer(options)` assembles storage, services, the job runner, the
 * REST routes under /api/v1, the live socket, the OpenAPI document and its docs page, from
 * values only (no environment reads: the `serve` command resolves those).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { readPlatformsFile } from '../io/platforms.js';
import { usePlatforms } from './planning/load.js';
import { type Store, type StoreConfig, openStore, sqliteFileIn } from '../store/index.js';
import { installAuthentication } from './auth-hook.js';
import { installErrorHandling } from './errors.js';
import { createEventBus } from './events.js';
import { JOB_DEFINITIONS, type JobDefinitions } from './jobs/definitions.js';
import { floodJobDefinition } from './jobs/flood.js';
import { AVAILABILITY_MAP_JOB, availabilityMapJobDefinition } from './telecom/availability-map.js';
import { type JobRunner, createJobRunner } from './jobs/runner.js';
import { alertRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { liveRoutes } from './routes/live.js';
import { VERSION, opsRoutes } from './routes/ops.js';
import { planRoutes } from './routes/plans.js';
import { productRoutes } from './routes/products.js';
import { planningRoutes } from './routes/planning.js';
import type { RouteOptions } from './routes/plugin.js';
import { requestRoutes } from './routes/requests.js';
import { stacRoutes } from './routes/stac.js';
import { telecomRoutes } from './routes/telecom.js';
import { userLayerRoutes } from './routes/user-layers.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';
import { type SeedOutcome, seed } from './seed.js';
import { DEFAULT_SESSION_TTL_MS } from './services/auth.js';
import { type Services, createServices } from './services/index.js';
import {
  type DeliveryWorker,
  type DeliveryWorkerOptions,
  createDeliveryWorker,
} from './services/webhooks.js';
import { installDashboard } from './web/static.js';

export interface ServerOptions {
  /** Where data lives. Default: PostgreSQL at `databaseUrl` if given, else SQLite in `dataDir`. */
  readonly storage?: StoreConfig;
  /** PostgreSQL connection URL (`DATABASE_URL`). */
  readonly databaseUrl?: string;
  /** Data directory of the embedded SQLite database (default `./var`). */
  readonly dataDir?: string;
  /** Current instant, UTC ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Fastify logger options; false (default) for silence. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Password of the `admin` account created at first start; generated when absent. */
  readonly adminPassword?: string;
  /** Seed the bundled demo data at first start (default true). */
  readonly seedDemoData?: boolean;
  /** Directory of the bundled demo data (default: the package's `data/`). */
  readonly demoDataDir?: string;
  readonly jobs?: {
    /** Jobs run at once in worker threads (default 1; 0: this server runs no jobs). */
    readonly threads?: number;
    readonly leaseMs?: number;
    readonly pollMs?: number;
    readonly graceMs?: number;
    readonly definitions?: JobDefinitions;
  };
  /** Directory the `flood` job's scene paths are relative to (default `<dataDir>/imagery`). */
  readonly imageryDir?: string;
  /**
   * How long this process reuses what it read of state another process may change, ms (default
   * 1000; 0: read it at every call): a session with its user (authentication) and the
   * element-set version (passes and positions caches). Changes made through this process take
   * effect at once (revocation, logout, imports); this bounds how late other processes' are seen.
   */
  readonly sharedStateCacheMs?: number;
  /** Session lifetime, ms (default 12 h; the `sessionTtlHours` setting overrides it). */
  readonly sessionTtlMs?: number;
  /** Mark the session cookie Secure (behind HTTPS). Default false. */
  readonly secureCookies?: boolean;
  /** Largest JSON body, bytes (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Largest element-set import, bytes (default 32 MiB). */
  readonly importBodyLimitBytes?: number;
  /** Largest imported map layer (GeoJSON or KML in a JSON body), bytes (default 16 MiB). */
  readonly layerBodyLimitBytes?: number;
  /** Login attempts allowed per address and username in a window (default 10 per minute). */
  readonly loginRateLimit?: { readonly max: number; readonly windowMs: number };
  /** Default interval of satellite positions on the live socket, ms (default 1000). */
  readonly livePositionsIntervalMs?: number;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). Default false. */
  readonly trustProxy?: boolean;
  /** Folder of the built dashboard served at `/` (default: the package's `dist/web` when built; null: none). */
  readonly webRoot?: string | null;
  /** Alerts: CAP sender (default `sahelsat@localhost`) and webhook delivery (enabled by default). */
  readonly alerts?: {
    readonly capSender?: string;
    readonly webhooks?: DeliveryWorkerOptions & { readonly enabled?: boolean };
  };
  /** Directory of ITU-R digital maps for the telecom endpoints (`SAHELSAT_ITUR_MAPS`). */
  readonly iturMapsDir?: string;
  /**
   * Platform file of the fleet the planner plans with (`--platforms`, `SAHELSAT_PLATFORMS`; the
   * format of data/platforms.json). Default: the bundled demo platforms. Checked at start.
   */
  readonly platformsFile?: string;
}

/** Default of {@link ServerOptions.sharedStateCacheMs}. */
export const DEFAULT_SHARED_STATE_CACHE_MS = 1000;

/** Where `npm run build` puts the dashboard. */
export const BUILT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** What `buildServer` attaches to the Fastify instance. */
export interface SahelsatContext {
  readonly store: Store;
  readonly services: Services;
  readonly runner: JobRunner | null;
  readonly seeded: SeedOutcome;
  /** Every route (method and URL pattern), for tests that must cover them all. */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly url: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sahelsat: SahelsatContext;
  }
}

function storageOf(o: ServerOptions): StoreConfig {
  if (o.storage) return o.storage;
  if (o.databaseUrl) return { kind: 'postgres', url: o.databaseUrl };
  return { kind: 'sqlite', file: sqliteFileIn(o.dataDir ?? join('.', 'var')) };
}

/** Builds a ready server (not yet listening). Close it with `app.close()`: jobs are re-queued. */
export async function buildServer(o: ServerOptions = {}): Promise<FastifyInstance> {
  const clock = o.clock ?? Date.now;
  // Read before the store opens: a bad fleet file stops the start with its location, touching nothing.
  const platforms = o.platformsFile ? readPlatformsFile(o.platformsFile) : undefined;
  const store = await openStore(storageOf(o));
  if (platforms) usePlatforms(store, platforms);
  try {
    return await assemble(o, store, clock);
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function assemble(
  o: ServerOptions,
  store: Store,
  clock: () => number,
): Promise<FastifyInstance> {
  const events = createEventBus();
  const deps = { store, clock, events, newId: randomUUID };
  const definitions = o.jobs?.definitions ?? {
    ...JOB_DEFINITIONS,
    flood: floodJobDefinition(deps, {
      imageryDir: o.imageryDir ?? join(o.dataDir ?? join('.', 'var'), 'imagery'),
    }) as unknown as JobDefinitions[string],
    [AVAILABILITY_MAP_JOB]: availabilityMapJobDefinition({
      iturMapsDir: o.iturMapsDir,
    }) as unknown as JobDefinitions[string],
  };
  const threads = o.jobs?.threads ?? 1;
  let runner: JobRunner | null = null;
  let deliveries: DeliveryWorker | null = null;
  const services = createServices(deps, {
    sessionTtlMs: o.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    sharedStateCacheMs: o.sharedStateCacheMs ?? DEFAULT_SHARED_STATE_CACHE_MS,
    jobDefinitions: definitions,
    jobHooks: { queued: () => runner?.wake(), cancelRequested: (id) => runner?.poke(id) },
    livePositionsIntervalMs: o.livePositionsIntervalMs ?? 1000,
    alerts: {
      ...(o.alerts?.capSender ? { capSender: o.alerts.capSender } : {}),
      issued: () => deliveries?.wake(),
    },
    iturMapsDir: o.iturMapsDir,
  });
  const seeded = await seed(store, {
    adminPassword: o.adminPassword,
    demoData: o.seedDemoData ?? true,
    nowMs: clock(),
    newId: randomUUID,
    ...(o.demoDataDir ? { dataDir: o.demoDataDir } : {}),
  });
  services.orbits.invalidate(); // the seed may have imported the demo element sets
  // The embedded database has one user, this process: jobs still marked running were orphaned.
  if (store.dialect === 'sqlite') await store.jobs.requeueOrphans(clock());

  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: o.trustProxy ?? false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  if (threads > 0) {
    runner = createJobRunner({
      store,
      clock,
      events,
      definitions,
      threads,
      ...(o.jobs?.leaseMs !== undefined ? { leaseMs: o.jobs.leaseMs } : {}),
      ...(o.jobs?.pollMs !== undefined ? { pollMs: o.jobs.pollMs } : {}),
      ...(o.jobs?.graceMs !== undefined ? { graceMs: o.jobs.graceMs } : {}),
      log: app.log,
    });
  }
  if (o.alerts?.webhooks?.enabled !== false)
    deliveries = createDeliveryWorker(
      store,
      clock,
      services.alerts.capSender,
      o.alerts?.webhooks,
      app.log,
    );
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  app.decorate('sahelsat', { store, services, runner, seeded, routes });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sahelsat operations API',
        version: VERSION,
        description:
          'Ground segment of the Mali–Burkina Faso–Niger programme. Authenticate with POST /api/v1/auth/login, then send the session cookie or `Authorization: Bearer <token>`. Items released to one nation do not exist for the others (404).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'sahelsat_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.addHook('onSend', async (_req, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  const routeOptions: RouteOptions = {
    services,
    limits: {
      importBodyBytes: o.importBodyLimitBytes ?? 32 * 1024 * 1024,
      layerBodyBytes: o.layerBodyLimitBytes ?? 16 * 1024 * 1024,
    },
    cookie: { secure: o.secureCookies ?? false },
    loginRateLimit: o.loginRateLimit ?? { max: 10, windowMs: 60_000 },
  };
  await app.register(
    async (api) => {
      installAuthentication(api, services.auth);
      for (const routes of [
        authRoutes,
        userRoutes,
        requestRoutes,
        planRoutes,
        catalogueRoutes,
        opsRoutes,
        liveRoutes,
        alertRoutes,
        webhookRoutes,
        productRoutes,
        dashboardRoutes,
        telecomRoutes,
        planningRoutes,
        userLayerRoutes,
      ]) {
        await api.register(routes, routeOptions);
      }
    },
    { prefix: '/api/v1' },
  );
  await app.register(stacRoutes, { ...routeOptions, prefix: '/stac' });

  const webRoot =
    o.webRoot === undefined
      ? existsSync(join(BUILT_WEB_ROOT, 'index.html'))
        ? BUILT_WEB_ROOT
        : null
      : o.webRoot;
  if (webRoot) installDashboard(app, webRoot);

  app.addHook('onReady', async () => runner?.start());
  app.addHook('onReady', async () => {
    services.alertEngine.start();
    deliveries?.start();
  });
  app.addHook('preClose', async () => {
    await services.alertEngine.stop();
    await deliveries?.stop();
  });
  app.addHook('onClose', async () => {
    await runner?.stop();
    // Requests whose client went away may still have creations queued: write them first.
    await services.requests.idle();
    await store.close();
  });
  return app;
}
