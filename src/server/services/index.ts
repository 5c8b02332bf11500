/** All services of one server, built once from the shared dependencies. */
import type { ServiceDeps } from '../context.js';
import type { JobDefinitions } from '../jobs/definitions.js';
import { loadBundledZones } from '../../imaging/zonal.js';
import { accessService } from './access.js';
import { alertEngine } from './alert-engine.js';
import { alertsService } from './alerts.js';
import { authService } from './auth.js';
import { catalogueService } from './catalogue.js';
import { type JobsServiceHooks, jobsService } from './jobs.js';
import { orbitsService } from './orbits.js';
import { plansService } from './plans.js';
import { productsService } from './products.js';
import { planningService } from './planning.js';
import { requestsService } from './requests.js';
import { settingsService } from './settings.js';
import { stacService } from './stac.js';
import { telecomService } from './telecom.js';
import { userLayersService } from './user-layers.js';
import { usersService } from './users.js';
import { webhooksService } from './webhooks.js';

export function createServices(
  deps: ServiceDeps,
  o: {
    sessionTtlMs: number;
    /** See ServerOptions.sharedStateCacheMs. */
    sharedStateCacheMs: number;
    jobDefinitions: JobDefinitions;
    jobHooks: JobsServiceHooks;
    livePositionsIntervalMs: number;
    alerts?: {
      capSender?: string;
      issued?: () => void;
      log?: { warn(o: object, msg: string): void };
    };
    iturMapsDir?: string | undefined;
  },
) {
  const requests = requestsService(deps);
  const orbits = orbitsService(deps.store, { versionCacheMs: o.sharedStateCacheMs });
  const alerts = alertsService(deps, {
    capSender: o.alerts?.capSender ?? 'sahelsat@localhost',
    onIssued: () => o.alerts?.issued?.(),
  });
  const jobs = jobsService(deps, o.jobDefinitions, o.jobHooks);
  return {
    deps,
    auth: authService(deps, {
      sessionTtlMs: o.sessionTtlMs,
      sessionCacheMs: o.sharedStateCacheMs,
    }),
    users: usersService(deps),
    requests,
    plans: plansService(deps, requests),
    planning: planningService(deps, requests),
    orbits,
    catalogue: catalogueService(deps, orbits),
    access: accessService(deps, orbits),
    jobs,
    settings: settingsService(deps, { livePositionsIntervalMs: o.livePositionsIntervalMs }),
    alerts,
    alertEngine: alertEngine(deps, alerts, {
      regions: loadBundledZones().regions,
      ...(o.alerts?.log ? { log: o.alerts.log } : {}),
      productGeometry: async (id) =>
        (await deps.store.products.geometryForSystem(id)) as GeoJSON.FeatureCollection | null,
    }),
    webhooks: webhooksService(deps),
    products: productsService(deps),
    stac: stacService(deps),
    telecom: telecomService({ iturMapsDir: o.iturMapsDir, jobs }),
    userLayers: userLayersService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
