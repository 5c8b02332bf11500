/**
 * Storing a planner's plan as a new plan version, in one transaction: the version with its
 * details, its acquisitions (each with its request's owner and releasability), the requests
 * moved along the lifecycle (submitted → feasible → planned when served; planned → feasible
 * when this plan dropped them; submitted → feasible when possible but not chosen, → infeasible
 * with the reason when the planner found no way), and the audit entries of all of it.
 */
import type {
  AcquisitionRecord,
  Nation,
  PlanRecord,
  Repos,
  RequestRecord,
  RequestStatus,
} from '../../store/index.js';
import { parseIsoUtc } from '../../core/time.js';
import { audit, auditNation } from '../services/audit.js';
import { type StoredPlanDetails, toStoredDetails } from './details.js';
import type { Plan } from './planner-api.js';
import type { RequestMeta } from './scenario.js';

/** Who the audit log names: the user who asked (the job's creator, the emergency's caller). */
export interface Actor {
  readonly id: string;
  readonly username: string;
  readonly nation: Nation;
}

export interface PlanCommit {
  /** Add to this plan; null: create a plan named `name`. */
  readonly plan: PlanRecord | null;
  readonly name: string;
  readonly reason: string;
  readonly horizon: { readonly startMs: number; readonly endMs: number };
  readonly jobId: string | null;
  readonly actor: Actor;
  readonly result: Plan;
  readonly meta: ReadonlyMap<string, RequestMeta>;
  readonly fairness: string | null;
  /** Requests the planner found impossible, with why (moved submitted → infeasible). */
  readonly infeasible: ReadonlyMap<string, string>;
  /** Planner ids of displaced acquisitions → stored ids (repairs). */
  readonly displacedIds?: ReadonlyMap<string, string>;
  readonly nowMs: number;
  readonly newId: () => string;
  /** Audit action of the version (default `plan.version` / `plan.create`). */
  readonly action?: string;
}

export interface PlanCommitted {
  readonly plan: PlanRecord;
  readonly version: number;
  readonly details: StoredPlanDetails;
  readonly acquisitions: number;
  /** Requests moved: before and after. */
  readonly moved: ReadonlyArray<readonly [RequestRecord, RequestRecord]>;
}

async function move(
  tx: Repos,
  c: PlanCommit,
  r: RequestRecord,
  to: RequestStatus,
  reason: string,
): Promise<RequestRecord | null> {
  const after = await tx.requests.transition(r.id, r.status, to, {
    userId: c.actor.id,
    reason,
    nowMs: c.nowMs,
  });
  if (!after) return null;
  await audit(
    tx,
    c.nowMs,
    c.actor as never,
    'request.status',
    { type: 'request', id: r.id, nation: auditNation(r) },
    { from: r.status, to, reason },
  );
  return after;
}

/** Writes the version; null when another version was added to the plan meanwhile. */
export async function commitPlan(tx: Repos, c: PlanCommit): Promise<PlanCommitted | null> {
  const planId = c.plan?.id ?? c.newId();
  const version = (c.plan?.latestVersion ?? 0) + 1;
  const ids = new Map(c.result.acquisitions.map((a) => [a.id, c.newId()]));
  const details = toStoredDetails(c.result, ids, c.meta, c.fairness, c.displacedIds);
  const acquisitions: AcquisitionRecord[] = c.result.acquisitions.map((a) => {
    const m = c.meta.get(a.requestId);
    return {
      id: ids.get(a.id)!,
      planId,
      planVersion: version,
      requestId: m ? a.requestId : null,
      satelliteId: a.satelliteId,
      sensorId: null,
      startMs: parseIsoUtc(a.start, 'plan.acquisitions.start'),
      endMs: parseIsoUtc(a.end, 'plan.acquisitions.end'),
      status: 'planned',
      ownerNation: m?.ownerNation ?? null,
      releasability: m?.releasability ?? 'alliance',
      updatedAtMs: c.nowMs,
    };
  });
  let previous = new Set<string>();
  if (c.plan) {
    previous = new Set(
      (await tx.plans.versionAcquisitionsAll(planId, c.plan.latestVersion)).flatMap((a) =>
        a.requestId ? [a.requestId] : [],
      ),
    );
  } else {
    await tx.plans.insertPlan({
      id: planId,
      name: c.name,
      createdBy: c.actor.id,
      createdAtMs: c.nowMs,
      updatedAtMs: c.nowMs,
      latestVersion: 0,
    });
  }
  const added = await tx.plans.addVersion(
    {
      planId,
      version,
      createdAtMs: c.nowMs,
      createdBy: c.actor.id,
      reason: c.reason,
      horizonStartMs: c.horizon.startMs,
      horizonEndMs: c.horizon.endMs,
      jobId: c.jobId,
      details,
    },
    acquisitions,
  );
  if (!added) return null;
  const nations = Object.fromEntries(
    Object.entries(c.result.nations).map(([n, x]) => [n, Math.round(x.satisfaction * 1000) / 1000]),
  );
  await audit(
    tx,
    c.nowMs,
    c.actor as never,
    c.action ?? (c.plan ? 'plan.version' : 'plan.create'),
    { type: 'plan', id: planId },
    {
      version,
      reason: c.reason,
      acquisitions: acquisitions.length,
      jobId: c.jobId,
      value: c.result.value,
      satisfaction: nations,
      ...(c.result.displaced ? { displaced: c.result.displaced.length } : {}),
    },
  );

  const served = new Set(acquisitions.flatMap((a) => (a.requestId ? [a.requestId] : [])));
  const why = `plan ${planId} v${version}: ${c.reason}`;
  const moved: Array<readonly [RequestRecord, RequestRecord]> = [];
  const step = async (r: RequestRecord, to: RequestStatus, reason = why) => {
    const after = await move(tx, c, r, to, reason);
    if (after) moved.push([r, after]);
    return after;
  };
  const outcome = new Map(c.result.requests.map((o) => [o.requestId, o]));
  for (const id of new Set([...served, ...previous, ...c.meta.keys()])) {
    let r = await tx.requests.getAny(id);
    if (!r) continue;
    if (served.has(id)) {
      if (r.status === 'submitted') r = (await step(r, 'feasible')) ?? r;
      if (r.status === 'feasible') await step(r, 'planned');
    } else if (r.status === 'planned' && previous.has(id)) {
      await step(r, 'feasible');
    } else if (r.status === 'submitted' && c.meta.has(id)) {
      const o = outcome.get(id);
      // The planner explains a request with no option at all as "infeasible because …".
      const impossible =
        c.infeasible.get(id) ??
        (o?.status === 'unplanned' && /^infeasible\b/.test(o.reason ?? '') ? o.reason! : undefined);
      if (impossible !== undefined) await step(r, 'infeasible', `${why}: ${impossible}`);
      else if (outcome.has(id)) await step(r, 'feasible');
    }
  }
  if (moved.length > 0) {
    const withMoves: StoredPlanDetails = {
      ...details,
      moved: moved.map(([a, b]) => ({ requestId: a.id, from: a.status, to: b.status })),
    };
    await tx.plans.setVersionDetails(planId, version, withMoves);
  }
  return {
    plan: (await tx.plans.getPlan(planId))!,
    version,
    details,
    acquisitions: acquisitions.length,
    moved,
  };
}
