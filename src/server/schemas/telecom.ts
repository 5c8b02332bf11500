/** Telecom calculators: GEO link budgets and antenna pointing (issue 8). */
import { z } from 'zod';
import { linkSchema } from '../../io/link-config.js';
import { AvailabilityMapParams } from '../telecom/availability-map.js';
import { IsoInstant, Latitude, Nation, Releasability } from './common.js';

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

/** Starting an availability map: the job's parameters and its releasability. */
export const AvailabilityMapBody = AvailabilityMapParams.extend({
  releasability: Releasability.default('nation').describe('who else may read the map'),
});

const LegendClassOut = z.object({
  fromPercent: z.number(),
  toPercent: z.number(),
  colour: z.string().describe('#rrggbb, as in the PNG'),
  meetsRequirement: z.boolean(),
});

export const AvailabilityMapOut = z
  .object({
    id: z.string().describe('the job id (cancel with POST /jobs/:id/cancel)'),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    progress: z.number().describe('0 … 1'),
    progressMessage: z.string().nullable(),
    cancelRequested: z.boolean(),
    params: z.unknown(),
    ownerNation: Nation,
    releasability: Releasability,
    createdAt: IsoInstant,
    finishedAt: IsoInstant.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    result: z
      .object({
        terminal: z.enum(['receiver', 'transmitter']),
        requiredAvailabilityPercent: z.number(),
        modcod: z.string().describe('the MODCOD whose threshold the availability is counted on'),
        acm: z
          .boolean()
          .describe('true: ACM, the most robust MODCOD; false: the link’s fixed MODCOD'),
        threshold: z.string().describe('the same in words, in the caller’s language'),
        thresholdEsN0Db: z.number().describe('its Es/N0 plus the implementation margin, dB'),
        sites: z.number().int(),
        notVisible: z.number().int().describe('sites seeing the satellite below 5°'),
        summary: z.object({
          minAvailabilityPercent: z.number().nullable(),
          medianAvailabilityPercent: z.number().nullable(),
          maxAvailabilityPercent: z.number().nullable(),
          shareMeetingRequirement: z.number().nullable(),
        }),
        legend: z.array(LegendClassOut),
        climate: z
          .string()
          .describe('where the climatic parameters came from, in the caller’s language'),
        grid: z.object({
          rows: z.number().int(),
          cols: z.number().int(),
          latMaxDeg: z.number(),
          lonMinDeg: z.number(),
          stepDeg: z.number(),
        }),
        bounds: z.object({
          west: z.number(),
          east: z.number(),
          north: z.number(),
          south: z.number(),
        }),
        png: z.object({
          url: z.string(),
          webMercatorUrl: z.string(),
          coordinates: z
            .array(z.array(z.number()))
            .describe('corners [lon, lat]: NW, NE, SE, SW (a MapLibre image source)'),
        }),
        geojson: z.object({ url: z.string() }),
      })
      .nullable()
      .describe('null until the job has succeeded'),
  })
  .meta({ id: 'AvailabilityMap' });

export const MapPngQuery = z.strictObject({
  projection: z
    .enum(['plate-carree', 'web-mercator'])
    .default('plate-carree')
    .describe('rows in equal steps of latitude (one per grid row), or of Web Mercator y'),
});
