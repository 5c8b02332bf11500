import { z } from 'zod';
import { JOB_STATUSES } from '../../store/records.js';
import { Id, IsoInstant, Nation, Page, Releasability } from './common.js';

export const JobStatus = z.enum(JOB_STATUSES);

export const NewJobBody = z.strictObject({
  type: z.string().min(1).max(100),
  params: z.unknown().describe('parameters of the job type (see docs/server.md)'),
  releasability: Releasability.default('nation'),
  priority: z.number().int().min(1).max(9).default(5),
});

export const JobOut = z
  .object({
    id: z.string(),
    type: z.string(),
    status: JobStatus,
    params: z.unknown(),
    progress: z.number().describe('0 … 1'),
    progressMessage: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    cancelRequested: z.boolean(),
    ownerNation: Nation,
    releasability: Releasability,
    createdBy: z.string(),
    createdAt: IsoInstant,
    startedAt: IsoInstant.nullable(),
    finishedAt: IsoInstant.nullable(),
    result: z.unknown(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'Job' });

export const JobListQuery = Page.extend({
  status: JobStatus.optional(),
  type: z.string().max(100).optional(),
});
export const JobListOut = z.object({ items: z.array(JobOut), total: z.number().int() });

export const AuditOut = z
  .object({
    seq: z.number().int(),
    at: IsoInstant,
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = z.strictObject({
  entityType: z.string().max(100).optional(),
  entityId: Id.optional(),
  action: z.string().max(100).optional(),
  before: z.coerce.number().int().min(1).optional().describe('entries with a smaller seq (paging)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const AuditVerifyOut = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});

const NationWeights = z.strictObject({
  ML: z.number().min(0).max(1000),
  BF: z.number().min(0).max(1000),
  NE: z.number().min(0).max(1000),
});
const PlanningEntitlements = NationWeights.refine((w) => w.ML + w.BF + w.NE > 0, {
  message: 'at least one nation must have a positive entitlement',
});
const PlanningBalance = z.strictObject({
  asOf: IsoInstant.describe('end of the horizon of the plan that produced it'),
  balance: z.record(z.string(), z.number()),
  basis: z.record(z.string(), z.number()).describe('the balance that plan started from'),
  basisFrom: IsoInstant.describe('start of the horizon of that plan'),
});

/** Server settings an admin may change at run time. */
export const Settings = z
  .strictObject({
    livePositionsIntervalMs: z
      .number()
      .int()
      .min(250)
      .max(60_000)
      .optional()
      .describe('default interval of satellite positions on the live socket, ms'),
    sessionTtlHours: z
      .number()
      .min(0.25)
      .max(24 * 30)
      .optional()
      .describe('lifetime of new sessions, hours'),
    planningEntitlements: PlanningEntitlements.optional().describe(
      'each nation’s share of the planned value (relative weights; default equal shares)',
    ),
    planningFairness: z
      .enum(['leximin', 'quotas', 'none'])
      .optional()
      .describe('fairness policy of the planner (default leximin)'),
    planningBalance: PlanningBalance.optional().describe(
      'shortfall carried into the next plans; written by each planning job (an admin may reset it)',
    ),
  })
  .meta({ id: 'Settings' });

export const HealthOut = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
});
