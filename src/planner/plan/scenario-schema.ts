/**
 * The zod schema of the scenario file. It is the single source of the format: parseScenario
 * validates with it and data/schemas/scenario.schema.json is generated from it
 * (`z.toJSONSchema`, checked by a test).
 */
import { z } from 'zod';

const iso = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(s) &&
      Number.isFinite(Date.parse(s)),
    {
      message: 'expected an ISO 8601 UTC instant such as 2026-12-01T00:00:00Z',
    },
  );
const deg = (min: number, max: number): z.ZodNumber => z.number().min(min).max(max);
const position = z.tuple([deg(-180, 180), deg(-90, 90)]).rest(z.number());
const ring = z.array(position).min(4);

export const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

const sensorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('optical'),
    id: z.string().min(1),
    name: z.string(),
    maxOffNadirDeg: z.number().gt(0).lt(90),
    swathKm: z.number().positive().max(2000),
    minSunElevationDeg: deg(-90, 90).optional(),
    maxIncidenceDeg: z.number().gt(0).lt(90).optional(),
  }),
  z.object({
    kind: z.literal('sar'),
    id: z.string().min(1),
    name: z.string(),
    incidenceNearDeg: z.number().min(0).lt(90),
    incidenceFarDeg: z.number().gt(0).lt(90),
    lookSide: z.enum(['left', 'right', 'both']),
    swathKm: z.number().positive().max(2000),
  }),
  z.object({
    kind: z.literal('nadir'),
    id: z.string().min(1),
    name: z.string(),
    swathKm: z.number().positive().max(2000),
    minSunElevationDeg: deg(-90, 90).optional(),
  }),
]);

const id = z.string().min(1).max(200);

export const scenarioSchema = z
  .object({
    version: z.literal(1),
    start: iso,
    horizonH: z.number().positive().max(168).default(24),
    satellites: z
      .array(
        z.object({
          id,
          name: z.string().optional(),
          tle: z.tuple([z.string(), z.string()]),
          sensor: sensorSchema,
          agility: z.object({
            maxRollDeg: z.number().min(0).max(90),
            maxPitchDeg: z.number().min(0).max(90),
            slewRateDegS: z.number().positive().max(90),
            settlingS: z.number().min(0).max(600),
          }),
          memoryGb: z.number().positive(),
          downlinkRateMbps: z.number().positive(),
          dataRateMbps: z.number().positive(),
          maxImagingSPerOrbit: z.number().positive(),
        }),
      )
      .min(1),
    stations: z.array(
      z.object({
        id,
        name: z.string(),
        latitudeDeg: deg(-90, 90),
        longitudeDeg: deg(-180, 180),
        altitudeM: z.number().min(-500).max(9000),
        minElevationDeg: deg(-5, 90),
      }),
    ),
    nations: z.object({
      ML: z.object({ entitlement: z.number().min(0) }),
      BF: z.object({ entitlement: z.number().min(0) }),
      NE: z.object({ entitlement: z.number().min(0) }),
    }),
    balance: z
      .object({ ML: z.number(), BF: z.number(), NE: z.number() })
      .partial()
      .strict()
      .optional(),
    fairness: z.enum(['leximin', 'quotas', 'none']).optional(),
    requests: z.array(
      z.object({
        id,
        nation: z.enum(['ML', 'BF', 'NE', 'AES']),
        priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
        aoi: geometrySchema,
        window: z.object({ start: iso, end: iso }),
        sensorType: z.enum(['optical', 'sar', 'any']),
        maxOffNadirDeg: z.number().gt(0).lt(90).optional(),
        minSunElevationDeg: deg(-90, 90).optional(),
        recurrence: z.object({ everyDays: z.number().positive().max(366) }).optional(),
        emergency: z.boolean().optional(),
        /** Restricts the request to these satellites (ids of `satellites`). */
        satelliteIds: z.array(id).min(1).optional(),
      }),
    ),
  })
  .describe('Sahelsat planning scenario (docs/planner.md)');
