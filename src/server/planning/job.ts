/**
 * The `planning` job: builds the scenario from the store (main thread), runs the planner in a
 * worker thread (progress, cancellation, checkpoint = best plan so far), and commits a plan
 * version with its acquisitions and details, moving the requests along, in the transaction that
 * marks the job succeeded. The job's result names no request (it may be visible to nations
 * that may not see all of them): plan, version, counts, value and per-nation satisfaction.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type { JobRecord, Repos, Store } from '../../store/index.js';
import { invalidField } from '../errors.js';
import { audit } from '../services/audit.js';
import type { JobDefinition } from '../jobs/definitions.js';
import { Id, IsoInstant } from '../schemas/common.js';
import { commitPlan } from './commit.js';
import type { PlanningInput, PlanningOutput } from './computations.js';
import {
  checkScenario,
  checkSatellites,
  loadScenario,
  nextBalance,
  planningSettings,
} from './load.js';
import type { RequestMeta } from './scenario.js';

export const PlanningParams = z.strictObject({
  reason: z.string().trim().min(1).max(1000).describe('why: kept in the plan’s history'),
  start: IsoInstant.optional().describe('start of the horizon (default: when the job was queued)'),
  horizonH: z.number().min(1).max(168).default(24).describe('hours, default 24, at most 168'),
  satellites: z.array(Id).min(1).max(100).optional().describe('satellite ids (default: all)'),
  planId: Id.optional().describe('add a version to this plan (default: a new plan)'),
  name: z.string().trim().min(1).max(200).optional().describe('name of a new plan'),
  timeLimitS: z.number().min(1).max(600).default(10).describe('planner time budget, s'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type PlanningParams = z.infer<typeof PlanningParams>;

const startOf = (p: PlanningParams, job: JobRecord) =>
  p.start ? parseIsoUtc(p.start, 'params.start') : Math.floor(job.createdAtMs / 60_000) * 60_000;

/** What a planning job's result says (no request ids: the job may be seen by other nations). */
function summary(planId: string, version: number, out: PlanningOutput, acquisitions: number) {
  const byStatus: Record<string, number> = {};
  for (const r of out.plan.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    planId,
    version,
    acquisitions,
    downlinks: out.plan.downlinks.length,
    value: out.plan.value,
    bound: out.plan.bound,
    requests: byStatus,
    infeasible: Object.keys(out.infeasible).length,
    nations: Object.fromEntries(
      Object.entries(out.plan.nations).map(([n, x]) => [
        n,
        { share: x.share, satisfaction: x.satisfaction },
      ]),
    ),
  };
}

export const planningJob: JobDefinition<PlanningParams, PlanningInput, PlanningOutput> = {
  params: PlanningParams,
  permission: 'plan',
  async check(store, p) {
    await checkSatellites(store, p.satellites, 'body.params.satellites');
    if (p.planId && !(await store.plans.getPlan(p.planId)))
      throw invalidField('body.params.planId', 'no such plan');
  },
  async prepare(store: Store, p, job) {
    const startMs = startOf(p, job);
    const { scenario, meta } = await loadScenario(store, {
      startMs,
      horizonH: p.horizonH,
      ...(p.satellites ? { satelliteIds: p.satellites } : {}),
    });
    if (scenario.satellites.length === 0)
      throw new Error('no satellite can image: nothing to plan with');
    return {
      scenario: checkScenario(scenario, 'scenario from the store'),
      timeLimitMs: p.timeLimitS * 1000,
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
      assess: [...meta].filter(([, m]) => m.status === 'submitted').map(([id]) => id),
    };
  },
  async commit(tx: Repos, job, out) {
    const p = PlanningParams.parse(job.params);
    const startMs = startOf(p, job);
    const endMs = startMs + p.horizonH * 3600_000;
    const now = Date.now();
    const meta = new Map<string, RequestMeta>();
    for (const o of out.plan.requests) {
      const r = await tx.requests.getAny(o.requestId);
      if (r)
        meta.set(r.id, {
          ownerNation: r.ownerNation,
          releasability: r.releasability,
          status: r.status,
        });
    }
    const settings = await planningSettings(tx, startMs);
    const plan = p.planId ? await tx.plans.getPlan(p.planId) : null;
    if (p.planId && !plan) throw new Error(`plan ${p.planId} no longer exists`);
    const user = await tx.users.get(job.createdBy);
    const done = await commitPlan(tx, {
      plan,
      name: p.name ?? `Plan from ${formatIsoUtc(startMs)} (${p.horizonH} h)`,
      reason: p.reason,
      horizon: { startMs, endMs },
      jobId: job.id,
      actor: { id: job.createdBy, username: user?.username ?? 'system', nation: job.ownerNation },
      result: out.plan,
      meta,
      fairness: settings.fairness,
      infeasible: new Map(Object.entries(out.infeasible)),
      nowMs: now,
      newId: randomUUID,
    });
    if (!done) throw new Error('another version was added to the plan meanwhile');
    const balance = nextBalance(startMs, endMs, settings.balance, out.plan.nations);
    await tx.settings.set('planningBalance', balance, job.createdBy, now);
    await audit(
      tx,
      now,
      { id: job.createdBy, username: user?.username ?? 'system' } as never,
      'settings.update',
      { type: 'settings', id: 'server' },
      { planningBalance: [settings.balance, balance.balance], jobId: job.id },
    );
    return summary(done.plan.id, done.version, out, done.acquisitions);
  },
};
