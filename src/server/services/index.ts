/** All services of one server, built once from the shared dependencies. */
import type { ServiceDeps } from '../context.js';
import type { JobDefinitions } from '../jobs/definitions.js';
import { authService } from './auth.js';
import { catalogueService } from './catalogue.js';
import { type JobsServiceHooks, jobsService } from './jobs.js';
import { orbitsService } from './orbits.js';
import { plansService } from './plans.js';
import { planningService } from './planning.js';
import { requestsService } from './requests.js';
import { settingsService } from './settings.js';
import { telecomService } from './telecom.js';
import { usersService } from './users.js';

export function createServices(
  deps: ServiceDeps,
  o: {
    sessionTtlMs: number;
    jobDefinitions: JobDefinitions;
    jobHooks: JobsServiceHooks;
    livePositionsIntervalMs: number;
    iturMapsDir?: string | undefined;
  },
) {
  const requests = requestsService(deps);
  const orbits = orbitsService(deps.store);
  return {
    deps,
    auth: authService(deps, { sessionTtlMs: o.sessionTtlMs }),
    users: usersService(deps),
    requests,
    plans: plansService(deps, requests),
    planning: planningService(deps, requests),
    orbits,
    catalogue: catalogueService(deps, orbits),
    jobs: jobsService(deps, o.jobDefinitions, o.jobHooks),
    settings: settingsService(deps, { livePositionsIntervalMs: o.livePositionsIntervalMs }),
    telecom: telecomService({ iturMapsDir: o.iturMapsDir }),
  };
}

export type Services = ReturnType<typeof createServices>;
