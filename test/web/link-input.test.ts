/** The link calculator's JSON must be what `sahelsat link budget` reads, and compute the same. */
import { describe, expect, it } from 'vitest';
import { linkConfigSchema } from '../../src/cli/commands/link.js';
import { acmStatistics, geoLinkBudget, type GeoLinkInput } from '../../src/telecom/geo-link.js';
import {
  DEFAULT_FIELDS,
  FieldError,
  buildLinkConfig,
  resultsOf,
} from '../../web/src/panels/link/input.js';

describe('link calculator input', () => {
  it('builds from the defaults a configuration the CLI schema accepts, computable without maps', () => {
    const config = buildLinkConfig(DEFAULT_FIELDS);
    const parsed = linkConfigSchema.parse(config);
    const link = parsed.links[0]! as GeoLinkInput;
    const budget = geoLinkBudget(link, {});
    const acm = acmStatistics(link, {});
    expect(budget.downlink.elevationDeg).toBeGreaterThan(60);
    expect(acm.availabilityPercent).toBeGreaterThan(99);
    expect(acm.availabilityPercent).toBeLessThanOrEqual(100);
  });
  it('omits optional fields left empty and names a field that is not a number', () => {
    const config = buildLinkConfig({
      ...DEFAULT_FIELDS,
      modcod: '',
      'receiver.climate.r001MmH': ' ',
    });
    const link = config.links[0]!;
    expect('modcod' in link).toBe(false);
    expect((link.receiver as { climate: Record<string, unknown> }).climate.r001MmH).toBeUndefined();
    expect(() => buildLinkConfig({ ...DEFAULT_FIELDS, uplinkEirpDbw: '7x' })).toThrow(FieldError);
    expect(() => buildLinkConfig({ ...DEFAULT_FIELDS, uplinkEirpDbw: '7x' })).toThrow(
      /uplinkEirpDbw: not a number/,
    );
    expect(() => buildLinkConfig({ ...DEFAULT_FIELDS, symbolRateMbd: '' })).toThrow(
      /symbolRateMbd: a value is required/,
    );
    expect(buildLinkConfig({ ...DEFAULT_FIELDS, rolloff: '0,25' }).links[0]!.rolloff).toBe(0.25);
  });
  it('reads results in any envelope', () => {
    const r = { budget: { name: 'x' }, acm: {} };
    expect(resultsOf([r])).toHaveLength(1);
    expect(resultsOf({ results: [r, r] })).toHaveLength(2);
    expect(resultsOf(r)).toHaveLength(1);
    expect(resultsOf(null)).toHaveLength(0);
  });
});
