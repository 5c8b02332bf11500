/**
 * Plans (versioned: each version records who, when and why) and their acquisitions. Creating a
 * version moves the requests it serves from feasible to planned, and those a new version drops
 * back to feasible; acquisition outcomes move their request along (acquired, delivered).
 */
import type { z } from 'zod';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type {
  AcquisitionFilter,
  AcquisitionRecord,
  AcquisitionStatus,
  PlanRecord,
  PlanVersionRecord,
  Repos,
  RequestRecord,
} from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, changedMeanwhile, invalidField, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import type { NewPlanBody, PlanVersionBody } from '../schemas/plans.js';
import { audit, auditNation } from './audit.js';
import type { RequestsService } from './requests.js';

const ACQUISITION_NEXT: Record<AcquisitionStatus, readonly AcquisitionStatus[]> = {
  planned: ['acquired', 'failed', 'cancelled'],
  acquired: ['delivered', 'failed'],
  delivered: [],
  failed: [],
  cancelled: [],
};

type VersionBody = z.infer<typeof PlanVersionBody>;

export function plansService(deps: ServiceDeps, requests: RequestsService) {
  const { store, clock, events } = deps;

  /** Checks a version body and turns it into records (requests must be visible to the caller). */
  async function prepare(
    caller: Caller,
    planId: string,
    version: number,
    b: VersionBody,
    now: number,
  ) {
    const horizonStartMs = parseIsoUtc(b.horizon.start, 'body.horizon.start');
    const horizonEndMs = parseIsoUtc(b.horizon.end, 'body.horizon.end');
    if (!(horizonEndMs > horizonStartMs))
      throw invalidField('body.horizon.end', 'the horizon must end after it starts');
    const reqs = new Map<string, RequestRecord>();
    const acquisitions: AcquisitionRecord[] = [];
    for (const [i, a] of b.acquisitions.entries()) {
      const path = `body.acquisitions.${i}`;
      const startMs = parseIsoUtc(a.start, `${path}.start`);
      const endMs = parseIsoUtc(a.end, `${path}.end`);
      if (!(endMs > startMs))
        throw invalidField(`${path}.end`, 'an acquisition must end after it starts');
      if (!(await store.catalogue.getSatellite(a.satelliteId)))
        throw invalidField(`${path}.satelliteId`, 'no such satellite');
      let req: RequestRecord | null = null;
      if (a.requestId !== undefined) {
        req = reqs.get(a.requestId) ?? (await store.requests.get(a.requestId, caller));
        if (!req) throw invalidField(`${path}.requestId`, 'no such request');
        reqs.set(req.id, req);
      }
      acquisitions.push({
        id: deps.newId(),
        planId,
        planVersion: version,
        requestId: req?.id ?? null,
        satelliteId: a.satelliteId,
        sensorId: a.sensorId ?? null,
        startMs,
        endMs,
        status: 'planned',
        ownerNation: req?.ownerNation ?? null,
        releasability: req?.releasability ?? 'alliance',
        updatedAtMs: now,
      });
    }
    const v: PlanVersionRecord = {
      planId,
      version,
      createdAtMs: now,
      createdBy: caller.id,
      reason: b.reason,
      horizonStartMs,
      horizonEndMs,
      jobId: null,
    };
    return { v, acquisitions, reqs };
  }

  /** Moves requests to planned (newly served) or back to feasible (dropped). */
  async function syncRequests(
    tx: Repos,
    caller: Caller,
    served: Set<string>,
    previouslyServed: Set<string>,
    reason: string,
    now: number,
  ): Promise<Array<[RequestRecord, RequestRecord]>> {
    const moved: Array<[RequestRecord, RequestRecord]> = [];
    for (const id of new Set([...served, ...previouslyServed])) {
      const r = await tx.requests.getAny(id);
      if (!r) continue;
      const to =
        served.has(id) && r.status === 'feasible'
          ? 'planned'
          : !served.has(id) && r.status === 'planned'
            ? 'feasible'
            : null;
      if (!to) continue;
      const after = await requests.move(tx, caller, r, to, reason, now);
      if (after) moved.push([r, after]);
    }
    return moved;
  }

  async function addVersion(
    caller: Caller,
    plan: PlanRecord | null,
    name: string | null,
    b: VersionBody,
  ) {
    requirePermission(caller, 'plan');
    const now = clock();
    const planId = plan?.id ?? deps.newId();
    const version = (plan?.latestVersion ?? 0) + 1;
    const { v, acquisitions } = await prepare(caller, planId, version, b, now);
    const served = new Set(acquisitions.flatMap((a) => (a.requestId ? [a.requestId] : [])));
    const result = await store.transaction(async (tx) => {
      let previous = new Set<string>();
      if (plan) {
        previous = new Set(
          (await tx.plans.versionAcquisitionsAll(planId, plan.latestVersion)).flatMap((a) =>
            a.requestId ? [a.requestId] : [],
          ),
        );
      } else {
        await tx.plans.insertPlan({
          id: planId,
          name: name ?? '',
          createdBy: caller.id,
          createdAtMs: now,
          updatedAtMs: now,
          latestVersion: 0,
        });
      }
      if (!(await tx.plans.addVersion(v, acquisitions))) return null;
      await audit(
        tx,
        now,
        caller,
        plan ? 'plan.version' : 'plan.create',
        { type: 'plan', id: planId },
        {
          version,
          reason: b.reason,
          acquisitions: acquisitions.length,
        },
      );
      const moved = await syncRequests(
        tx,
        caller,
        served,
        previous,
        `plan ${planId} v${version}: ${b.reason}`,
        now,
      );
      return { plan: (await tx.plans.getPlan(planId))!, moved };
    });
    if (!result) throw changedMeanwhile('plan');
    for (const [before, after] of result.moved)
      requests.publishStatus(after, before.status, `plan v${version}`);
    events.publish({
      type: 'plan.version',
      at: formatIsoUtc(now),
      data: { planId, version, reason: b.reason, createdBy: caller.username },
      audience: { kind: 'all' },
    });
    return result.plan;
  }

  const getPlan = async (id: string): Promise<PlanRecord> => {
    const p = await store.plans.getPlan(id);
    if (!p) throw notFound('plan');
    return p;
  };

  return {
    create: (caller: Caller, b: z.infer<typeof NewPlanBody>) => addVersion(caller, null, b.name, b),
    async addVersion(caller: Caller, id: string, b: VersionBody) {
      requirePermission(caller, 'plan');
      return addVersion(caller, await getPlan(id), null, b);
    },
    list: () => store.plans.listPlans(),
    versions: async (id: string) => {
      await getPlan(id);
      return store.plans.versions(id);
    },
    /** A plan at one version (default: the latest), with the acquisitions the caller may see. */
    async get(caller: Caller, id: string, version?: number) {
      const plan = await getPlan(id);
      const v = await store.plans.version(id, version ?? plan.latestVersion);
      if (!v) throw notFound('plan version');
      return {
        plan,
        version: v,
        acquisitions: await store.plans.versionAcquisitions(id, v.version, caller),
      };
    },
    listAcquisitions: (caller: Caller, f: AcquisitionFilter) =>
      store.plans.listAcquisitions(caller, f),
    async getAcquisition(caller: Caller, id: string): Promise<AcquisitionRecord> {
      const a = await store.plans.getAcquisition(id, caller);
      if (!a) throw notFound('acquisition');
      return a;
    },
    async setAcquisitionStatus(
      caller: Caller,
      id: string,
      to: AcquisitionStatus,
      reason: string | null,
    ) {
      const a = await store.plans.getAcquisition(id, caller);
      if (!a) throw notFound('acquisition');
      requirePermission(caller, 'update acquisitions');
      if (!ACQUISITION_NEXT[a.status].includes(to)) {
        throw new ApiError(409, 'bad-transition', 'error.conflict', {
          detail: `an acquisition cannot go from ${a.status} to ${to}`,
        });
      }
      const now = clock();
      const out = await store.transaction(async (tx) => {
        const after = await tx.plans.setAcquisitionStatus(id, a.status, to, now);
        if (!after) return null;
        await audit(
          tx,
          now,
          caller,
          'acquisition.status',
          {
            type: 'acquisition',
            id,
            nation:
              a.ownerNation && a.releasability === 'nation'
                ? auditNation({ ownerNation: a.ownerNation, releasability: a.releasability })
                : null,
          },
          { from: a.status, to, reason },
        );
        let moved: [RequestRecord, RequestRecord] | null = null;
        if (a.requestId) {
          const r = await tx.requests.getAny(a.requestId);
          const next =
            r?.status === 'planned' && to === 'acquired'
              ? 'acquired'
              : r?.status === 'acquired' && to === 'delivered'
                ? 'delivered'
                : r?.status === 'acquired' && to === 'failed'
                  ? 'failed'
                  : r?.status === 'planned' && (to === 'failed' || to === 'cancelled')
                    ? 'feasible'
                    : null;
          if (r && next) {
            const m = await requests.move(
              tx,
              caller,
              r,
              next,
              `acquisition ${id} ${to}${reason ? `: ${reason}` : ''}`,
              now,
            );
            if (m) moved = [r, m];
          }
        }
        return { after, moved };
      });
      if (!out) throw changedMeanwhile('acquisition');
      if (out.moved) requests.publishStatus(out.moved[1], out.moved[0].status, `acquisition ${to}`);
      return out.after;
    },
  };
}
