/** Planning endpoints: feasibility, emergency repair, and the details of planner-made versions. */
import { z } from 'zod';
import { AoiGeometry, Id, IsoInstant, SensorType } from './common.js';
import { Window } from './requests.js';

export const FeasibilityBody = z.strictObject({
  aoi: AoiGeometry,
  window: Window,
  sensorType: SensorType,
  priority: z.number().int().min(1).max(5),
  maxOffNadirDeg: z.number().gt(0).lt(90).optional(),
  minSunElevationDeg: z.number().min(-90).max(90).optional(),
});

export const OpportunityOut = z.object({
  satelliteId: z.string(),
  start: IsoInstant,
  end: IsoInstant,
  best: IsoInstant.describe('time of the smallest off-nadir angle'),
  minOffNadirDeg: z.number(),
  sunElevationDeg: z.number(),
  direction: z.enum(['ascending', 'descending']),
  fieldOfRegardFraction: z.number().describe('fraction of the area the sensor can reach, 0…1'),
  swathFraction: z.number().nullable().describe('fraction one acquisition covers, 0…1'),
});

const LimitCode = z.enum([
  'outside-horizon',
  'no-satellite-of-type',
  'no-access',
  'off-nadir',
  'sun',
  'agility',
  'window-too-short',
  'too-large',
  'no-downlink',
]);
const Reason = z.object({
  code: LimitCode,
  message: z.string().describe('in the language of the request (Accept-Language: en or fr)'),
});

export const FeasibilityOut = z
  .object({
    feasible: z.boolean().describe('true when at least part of the area can be acquired'),
    summary: z
      .string()
      .describe(
        'the verdict in one sentence (Accept-Language: en or fr): “feasible: next access of SAT at T …; delivery at T2, at the next downlink of SAT at STATION” or “infeasible because …”',
      ),
    earliestAcquisition: z
      .object({ satelliteId: z.string(), start: IsoInstant, offNadirDeg: z.number() })
      .nullable()
      .describe('the first opportunity: it sets the earliest acquisition'),
    earliestDelivery: z
      .object({ satelliteId: z.string(), stationId: z.string(), at: IsoInstant })
      .nullable()
      .describe('the downlink that delivers first after an acquisition'),
    coverableFraction: z.number().describe('share of the area some opportunity covers, 0…1'),
    reasons: z
      .array(Reason)
      .describe(
        'binding reasons: why it is infeasible, or why part of the area or the delivery is out of reach',
      ),
    satelliteLimits: z
      .array(z.object({ satelliteId: z.string(), reasons: z.array(Reason) }))
      .describe(
        'secondary detail: why some passes or strips of each satellite are excluded (not a verdict)',
      ),
    opportunities: z.array(OpportunityOut),
  })
  .meta({ id: 'Feasibility' });

export const EmergencyBody = z.strictObject({
  requestId: Id.describe('the urgent request (submitted, feasible or planned)'),
  reason: z.string().trim().min(1).max(1000),
});

const NationOutcome = z.object({
  entitlement: z.number(),
  value: z.number(),
  share: z.number(),
  satisfaction: z.number(),
  normalisedUtility: z.number().optional(),
  balance: z.number().optional(),
});

/** The planner's answer kept with a version, as one caller may see it (null: made by hand). */
export const PlanDetailsOut = z
  .object({
    value: z.number(),
    bound: z.number().nullable(),
    fairness: z.string().nullable(),
    nations: z.record(z.string(), NationOutcome),
    acquisitions: z.array(
      z.object({
        id: z.string(),
        requestId: z.string(),
        stripId: z.string(),
        offNadirDeg: z.number(),
        rollDeg: z.number(),
        pitchDeg: z.number(),
        volumeGb: z.number(),
        fraction: z.number(),
      }),
    ),
    downlinks: z.array(
      z.object({
        satelliteId: z.string(),
        stationId: z.string(),
        start: IsoInstant,
        end: IsoInstant,
        volumeGb: z.number(),
        acquisitionIds: z.array(z.string()),
      }),
    ),
    requests: z.array(
      z.object({
        requestId: z.string(),
        status: z.enum(['planned', 'partial', 'unplanned']),
        fraction: z.number(),
        acquisitionAt: IsoInstant.nullable(),
        deliveryAt: IsoInstant.nullable(),
        reason: z.string().nullable(),
      }),
    ),
    displaced: z.array(z.object({ requestId: z.string(), acquisitionId: z.string() })).optional(),
  })
  .meta({ id: 'PlanDetails' });
