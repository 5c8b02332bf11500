/**
 * Link budgets as a thread computation: each link costs about half a second (P.676 line-by-line
 * gas attenuation, 23 exceedance levels for ACM), too long to hold the event loop. A model's
 * refusal of one link (frequency out of range, a missing map) becomes an issue at that link.
 */
import { SahelsatError } from '../../core/errors.js';
import { openMapDirectory, readOxygenHeightTable } from '../../io/itur-maps.js';
import { type LinkConfig, toGeoLinkInput } from '../../io/link-config.js';
import { acmStatistics, geoLinkBudget } from '../../telecom/geo-link.js';
import type { ClimateSources } from '../../telecom/itur/slant-path.js';
import type { Computation } from '../jobs/computation.js';

export interface LinkInput {
  readonly links: LinkConfig['links'];
  /** ITU-R map directory of the server, if configured. */
  readonly mapsDir: string | null;
}

export interface LinkOutput {
  readonly results: Array<{ budget: unknown; acm: unknown } | null>;
  readonly issues: Array<{ path: string; message: string }>;
}

export const linkComputation: Computation<LinkInput, LinkOutput> = (input) => {
  let sources: ClimateSources = {};
  if (input.mapsDir) {
    const table = readOxygenHeightTable(input.mapsDir);
    sources = { maps: openMapDirectory(input.mapsDir), ...(table ? { oxygenHeight: table } : {}) };
  }
  const issues: LinkOutput['issues'] = [];
  const results = input.links.map((l, i) => {
    try {
      const link = toGeoLinkInput(l);
      return { budget: geoLinkBudget(link, sources), acm: acmStatistics(link, sources) };
    } catch (err) {
      if (!(err instanceof SahelsatError)) throw err;
      issues.push({ path: `body.links.${i}`, message: err.message });
      return null;
    }
  });
  return { results, issues };
};
