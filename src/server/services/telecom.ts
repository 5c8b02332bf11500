/**
 * Telecom calculators behind the API: the same computations as `sahelsat link budget` and
 * `sahelsat geo look`. Link budgets run in a thread of their own (about half a second each);
 * ITU-R maps come from the server's configured directory; without it, each station must give
 * its climatic parameters (`climate`).
 */
import type { z } from 'zod';
import type { Lang } from '../../i18n/index.js';
import { geoLook, nominalGeoPositionItrf } from '../../telecom/geo-look.js';
import { ApiError, notFound } from '../errors.js';
import type { Caller } from '../policy.js';
import { requirePermission } from '../policy.js';
import { runInThread } from '../planning/thread.js';
import type { AvailabilityMapBody, GeoLookBody, LinkBudgetBody } from '../schemas/telecom.js';
import {
  AVAILABILITY_MAP_JOB,
  type AvailabilityMapResult,
  AvailabilityMapParams,
  mapGeoJson,
  mapIssues,
  mapParamsError,
  mapPng,
  mapView,
} from '../telecom/availability-map.js';
import type { JobsService } from './jobs.js';
import type { LinkOutput } from '../telecom/link-computation.js';

/** How long a link-budget call may compute (10 links take about 5 s on a quiet machine). */
export const LINK_TIMEOUT_MS = 60_000;

export function telecomService(o: { iturMapsDir?: string | undefined; jobs: JobsService }) {
  /** A finished map the caller may see (404 otherwise, 409 while it is not done). */
  const finished = async (caller: Caller, id: string) => {
    const j = await o.jobs.get(caller, id);
    if (j.type !== AVAILABILITY_MAP_JOB) throw notFound('availability map');
    if (j.status !== 'succeeded')
      throw new ApiError(409, 'map-not-ready', 'error.map-not-ready', { status: j.status });
    return { job: j, result: j.result as AvailabilityMapResult };
  };
  return {
    /** Queues an availability map (a job); its parameters are checked now, in the caller's language. */
    async startMap(caller: Caller, b: z.infer<typeof AvailabilityMapBody>, lang: Lang) {
      requirePermission(caller, 'compute telecom maps');
      const { releasability, ...params } = b;
      const issues = mapIssues(params, o.iturMapsDir, lang);
      if (issues.length > 0) throw mapParamsError(issues);
      return mapView(
        await o.jobs.create(caller, {
          type: AVAILABILITY_MAP_JOB,
          params,
          releasability,
          priority: 5,
        }),
        lang,
      );
    },
    async getMap(caller: Caller, id: string, lang: Lang) {
      const j = await o.jobs.get(caller, id);
      if (j.type !== AVAILABILITY_MAP_JOB) throw notFound('availability map');
      return mapView(j, lang);
    },
    async mapPng(caller: Caller, id: string, projection: 'plate-carree' | 'web-mercator') {
      return mapPng((await finished(caller, id)).result, projection);
    },
    async mapGeoJson(caller: Caller, id: string) {
      const { job, result } = await finished(caller, id);
      const p = AvailabilityMapParams.parse(job.params);
      return mapGeoJson(result, p.link.satelliteLongitudeDeg);
    },
    /** Budgets and ACM statistics of each link; a model's refusal is a 400 at that link. */
    async linkBudgets(b: z.infer<typeof LinkBudgetBody>) {
      const out = await runInThread<LinkOutput>(
        'telecom.link',
        { links: b.links, mapsDir: o.iturMapsDir ?? null },
        { timeoutMs: LINK_TIMEOUT_MS },
      );
      if (out.issues.length > 0)
        throw new ApiError(
          400,
          'invalid-input',
          'error.validation',
          { count: out.issues.length },
          out.issues,
        );
      return out.results as Array<{
        budget: Record<string, unknown>;
        acm: Record<string, unknown>;
      }>;
    },
    look(b: z.infer<typeof GeoLookBody>) {
      const g = geoLook(
        {
          latitudeDeg: b.latitudeDeg,
          longitudeDeg: b.longitudeDeg,
          altitudeKm: b.altitudeM / 1000,
        },
        nominalGeoPositionItrf(b.satelliteLongitudeDeg),
      );
      return { ...g, visible: g.elevationDeg > 0 };
    },
  };
}

export type TelecomService = ReturnType<typeof telecomService>;
