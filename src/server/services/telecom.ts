/**
 * Telecom calculators behind the API: the same computations as `sahelsat link budget` and
 * `sahelsat geo look`. ITU-R maps come from the server's configured directory (read once);
 * without it, each station must give its climatic parameters (`climate`).
 */
import type { z } from 'zod';
import { SahelsatError } from '../../core/errors.js';
import { toGeoLinkInput } from '../../io/link-config.js';
import { openMapDirectory, readOxygenHeightTable } from '../../io/itur-maps.js';
import { acmStatistics, geoLinkBudget } from '../../telecom/geo-link.js';
import { geoLook, nominalGeoPositionItrf } from '../../telecom/geo-look.js';
import type { ClimateSources } from '../../telecom/itur/slant-path.js';
import { ApiError } from '../errors.js';
import type { GeoLookBody, LinkBudgetBody } from '../schemas/telecom.js';

export function telecomService(o: { iturMapsDir?: string | undefined }) {
  let sources: ClimateSources | null = null;
  const climate = (): ClimateSources => {
    if (sources) return sources;
    if (!o.iturMapsDir) return (sources = {});
    const table = readOxygenHeightTable(o.iturMapsDir);
    sources = { maps: openMapDirectory(o.iturMapsDir), ...(table ? { oxygenHeight: table } : {}) };
    return sources;
  };
  return {
    /** Budgets and ACM statistics of each link; a model's refusal is a 400 at that link. */
    linkBudgets(b: z.infer<typeof LinkBudgetBody>) {
      const src = climate();
      const issues: Array<{ path: string; message: string }> = [];
      const out = b.links.map((l, i) => {
        try {
          const input = toGeoLinkInput(l);
          return { budget: geoLinkBudget(input, src), acm: acmStatistics(input, src) };
        } catch (err) {
          if (!(err instanceof SahelsatError)) throw err;
          issues.push({ path: `body.links.${i}`, message: err.message });
          return null;
        }
      });
      if (issues.length > 0)
        throw new ApiError(
          400,
          'invalid-input',
          'error.validation',
          { count: issues.length },
          issues,
        );
      return out as unknown as Array<{
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
