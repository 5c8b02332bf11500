import { z } from 'zod';
import { ACQUISITION_STATUSES } from '../../store/records.js';
import { Id, IsoInstant, Nation, Page, Releasability } from './common.js';
import { PlanDetailsOut } from './planning.js';

export const AcquisitionStatus = z.enum(ACQUISITION_STATUSES);

export const AcquisitionIn = z.strictObject({
  requestId: Id.optional().describe(
    'the request served; omitted for calibration or background takes',
  ),
  satelliteId: Id,
  sensorId: Id.optional(),
  start: IsoInstant,
  end: IsoInstant,
});

export const PlanVersionBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe('why this version: it is kept in the history'),
  horizon: z.strictObject({ start: IsoInstant, end: IsoInstant }),
  acquisitions: z.array(AcquisitionIn).max(10_000),
});

export const NewPlanBody = PlanVersionBody.extend({ name: z.string().trim().min(1).max(200) });

export const AcquisitionOut = z
  .object({
    id: z.string(),
    planId: z.string(),
    planVersion: z.number().int(),
    requestId: z.string().nullable(),
    satelliteId: z.string(),
    sensorId: z.string().nullable(),
    start: IsoInstant,
    end: IsoInstant,
    status: AcquisitionStatus,
    ownerNation: Nation.nullable(),
    releasability: Releasability,
    updatedAt: IsoInstant,
  })
  .meta({ id: 'Acquisition' });

export const PlanVersionOut = z
  .object({
    version: z.number().int(),
    createdAt: IsoInstant,
    createdBy: z.string(),
    reason: z.string(),
    horizon: z.object({ start: IsoInstant, end: IsoInstant }),
    jobId: z.string().nullable(),
    details: PlanDetailsOut.nullable().describe(
      'the planner’s answer (downlinks, request outcomes, per-nation satisfaction, displaced); null for versions made by hand',
    ),
  })
  .meta({ id: 'PlanVersion' });

export const PlanOut = z
  .object({
    id: z.string(),
    name: z.string(),
    createdBy: z.string(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    latestVersion: z.number().int(),
  })
  .meta({ id: 'Plan' });

export const PlanDetailOut = PlanOut.extend({
  version: PlanVersionOut,
  acquisitions: z.array(AcquisitionOut),
});

export const PlanVersionParams = z.strictObject({
  id: Id,
  version: z.coerce.number().int().min(1),
});

export const AcquisitionListQuery = Page.extend({
  plan: Id.optional(),
  status: AcquisitionStatus.optional(),
  request: Id.optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
});

export const AcquisitionStatusBody = z.strictObject({
  status: AcquisitionStatus,
  reason: z.string().max(1000).optional(),
});
