/**
 * Telecom calculators behind the API: the same computations as `sahelsat link budget` and
 * `sahelsat geo look`. Link budgets run in a thread of their own (about half a second each);
 * ITU-R maps come from the server's configured directory; without it, each station must give
 * its climatic parameters (`climate`).
 */
import type { z } from 'zod';
import { geoLook, nominalGeoPositionItrf } from '../../telecom/geo-look.js';
import { ApiError } from '../errors.js';
import { runInThread } from '../planning/thread.js';
import type { GeoLookBody, LinkBudgetBody } from '../schemas/telecom.js';
import type { LinkOutput } from '../telecom/link-computation.js';

/** How long a link-budget call may compute (10 links take about 5 s on a quiet machine). */
export const LINK_TIMEOUT_MS = 60_000;

export function telecomService(o: { iturMapsDir?: string | undefined }) {
  return {
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
