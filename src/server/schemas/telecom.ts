/** Telecom calculators: GEO link budgets and antenna pointing (issue 8). */
import { z } from 'zod';
import { linkSchema } from '../../io/link-config.js';
import { Latitude } from './common.js';

/**
 * The `sahelsat link budget` configuration, minus `maps`: the server reads the ITU-R maps from
 * its own configured directory (a client may not name server paths). At most 10 links a call (each takes about half a second of computation).
 */
export const LinkBudgetBody = z.strictObject({ links: z.array(linkSchema).min(1).max(10) });

export const LinkBudgetOut = z
  .array(
    z.object({
      budget: z.record(z.string(), z.unknown()),
      acm: z.record(z.string(), z.unknown()),
    }),
  )
  .describe('one entry per link, as `sahelsat link budget --format json` prints them')
  .meta({ id: 'LinkBudgets' });

export const GeoLookBody = z.strictObject({
  satelliteLongitudeDeg: z
    .number()
    .min(-180)
    .max(360)
    .describe('nominal orbital slot, degrees east'),
  latitudeDeg: Latitude,
  longitudeDeg: z.number().min(-180).max(360),
  altitudeM: z.number().min(-500).max(9000).default(0).describe('site altitude, m'),
});

export const GeoLookOut = z
  .object({
    azimuthDeg: z.number().describe('from true north, clockwise, [0, 360)'),
    elevationDeg: z.number().describe('geometric, no refraction'),
    skewDeg: z.number().describe('polarisation skew, (−90, 90]'),
    rangeKm: z.number(),
    visible: z.boolean().describe('elevation above 0°'),
  })
  .meta({ id: 'GeoLook' });
