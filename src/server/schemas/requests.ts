import { z } from 'zod';
import {
  AoiGeometry,
  Id,
  IsoInstant,
  Nation,
  Page,
  Releasability,
  RequestStatus,
  SensorType,
} from './common.js';

export const Window = z.strictObject({ start: IsoInstant, end: IsoInstant });

/** Optional planning constraints of a request (absent: the sensor's and planner's defaults). */
export const RequestConstraintFields = {
  maxOffNadirDeg: z.number().gt(0).lt(90).optional().describe('largest off-nadir angle, deg'),
  minSunElevationDeg: z
    .number()
    .min(-90)
    .max(90)
    .optional()
    .describe('lowest sun elevation over the target, deg (optical)'),
  recurrence: z
    .strictObject({ everyDays: z.number().min(1).max(366) })
    .optional()
    .describe('wanted again every N days within the window (e.g. a border strip every 3 days)'),
};

export const NewRequestBody = z.strictObject({
  ...RequestConstraintFields,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  aoi: AoiGeometry,
  priority: z.number().int().min(1).max(5).describe('1 (highest) to 5'),
  window: Window,
  sensorType: SensorType,
  releasability: Releasability,
});

export const RequestPatchBody = NewRequestBody.partial().refine((b) => Object.keys(b).length > 0, {
  message: 'nothing to change',
});

export const RequestOut = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    aoi: AoiGeometry,
    priority: z.number().int(),
    window: z.object({ start: IsoInstant, end: IsoInstant }),
    sensorType: SensorType,
    releasability: Releasability,
    ownerNation: Nation,
    status: RequestStatus,
    createdBy: z.string(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    version: z.number().int(),
    maxOffNadirDeg: z.number().optional(),
    minSunElevationDeg: z.number().optional(),
    recurrence: z.object({ everyDays: z.number() }).optional(),
  })
  .meta({ id: 'Request' });

export const RequestEventOut = z
  .object({
    from: RequestStatus.nullable(),
    to: RequestStatus,
    at: IsoInstant,
    by: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'RequestEvent' });

export const RequestWithHistoryOut = RequestOut.extend({ history: z.array(RequestEventOut) });

export const RequestListQuery = Page.extend({
  status: z
    .string()
    .optional()
    .describe('comma-separated statuses')
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const parts = s.split(',');
      const bad = parts.filter((p) => !RequestStatus.safeParse(p).success);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown status: ${bad.join(', ')}` });
        return z.NEVER;
      }
      return parts as z.infer<typeof RequestStatus>[];
    }),
  nation: Nation.optional().describe('owner nation'),
  q: z.string().max(200).optional().describe('text searched in titles (case-insensitive)'),
  bbox: z
    .string()
    .regex(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, 'minLon,minLat,maxLon,maxLat')
    .optional()
    .describe('requests whose AOI bounding box intersects minLon,minLat,maxLon,maxLat'),
});

export const RequestListOut = z.object({ items: z.array(RequestOut), total: z.number().int() });

export const RequestSummaryOut = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});

export const TransitionBody = z.strictObject({
  to: RequestStatus,
  reason: z.string().max(1000).optional(),
});

export const RequestIdParams = z.strictObject({ id: Id });
