/**
 * Planning on the server: feasibility of a draft or a stored request, emergency repair of a
 * plan's current version, and the live events of plan versions made by planning jobs.
 * Computations run in worker threads (src/server/planning/thread.ts); the planning job itself
 * is a job type (src/server/planning/job.ts).
 */
import type { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type { RequestRecord, RequestStatus } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, changedMeanwhile, invalidField, notFound } from '../errors.js';
import { type Caller, requirePermission } from '../policy.js';
import { commitPlan } from '../planning/commit.js';
import type { FeasibilityOutput } from '../planning/computations.js';
import { type StoredPlanDetails, planFromStored } from '../planning/details.js';
import { checkScenario, loadScenario } from '../planning/load.js';
import type { Plan, Scenario } from '../planning/planner-api.js';
import { PLANNABLE, type RequestMeta, scenarioRequest } from '../planning/scenario.js';
import { runInThread } from '../planning/thread.js';
import type { EmergencyBody, FeasibilityBody } from '../schemas/planning.js';
import type { RequestsService } from './requests.js';

const HOUR_MS = 3600_000;
/** The planner's budget for an emergency repair, and how long the route waits at most. */
export const REPAIR_TIME_LIMIT_MS = 3000;
export const REPAIR_TIMEOUT_MS = 20_000;
export const FEASIBILITY_TIMEOUT_MS = 60_000;

/** A computation's refusal of its input is the caller's error (400), else it is ours. */
function fromThread(err: unknown, path: string): never {
  const code = (err as { code?: string }).code;
  if (code === 'invalid-input' || code === 'out-of-domain')
    throw invalidField(path, (err as Error).message);
  throw err;
}

/**
 * The planner's parser on a scenario built here: what it refuses in the request is the caller's
 * error (400 at `path`); anything else (a stale element set) is the server's state (409).
 */
function checked(s: Scenario, path: string): Scenario {
  try {
    return checkScenario(s, 'scenario');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    if ((err.location.field ?? '').startsWith('requests')) throw invalidField(path, err.detail);
    throw new ApiError(409, 'scenario-invalid', 'error.conflict', { detail: err.message });
  }
}

export function planningService(deps: ServiceDeps, requests: RequestsService) {
  const { store, clock, events } = deps;

  /** Horizon covering a window from now on (whole minutes, 1 to 168 h). */
  function horizonOf(startMs: number, endMs: number, path: string | null) {
    const now = Math.floor(clock() / 60_000) * 60_000;
    if (endMs <= now) {
      if (path) throw invalidField(`${path}.end`, 'the window has already ended');
      throw new ApiError(409, 'window-ended', 'error.conflict', {
        detail: 'the request’s window has already ended',
      });
    }
    const from = Math.max(now, Math.floor(startMs / 60_000) * 60_000);
    const horizonH = Math.min(168, Math.max(1, Math.ceil((endMs - from) / HOUR_MS)));
    return { startMs: from, horizonH };
  }

  async function feasibilityOf(
    r: RequestRecord,
    extra: Parameters<typeof scenarioRequest>[1] = {},
  ) {
    const h = horizonOf(
      r.windowStartMs,
      r.windowEndMs,
      r.status === 'draft' ? 'body.window' : null,
    );
    const { scenario } = await loadScenario(store, { ...h, requests: [] });
    const withRequest = { ...scenario, requests: [scenarioRequest(r, extra)] };
    if (scenario.satellites.length === 0)
      throw new ApiError(409, 'nothing-to-plan', 'error.conflict', {
        detail: 'no satellite can image: import element sets of the imaging satellites',
      });
    const f = await runInThread<FeasibilityOutput>(
      'planning.feasibility',
      { scenario: checked(withRequest, 'body'), requestId: r.id },
      { timeoutMs: FEASIBILITY_TIMEOUT_MS },
    ).catch((e) => fromThread(e, 'body'));
    return f;
  }

  /** Publishes the plan.version event and the request moves of a committed version. */
  async function announce(
    planId: string,
    version: number,
    reason: string,
    by: string,
    extra: Record<string, unknown> = {},
  ) {
    const v = await store.plans.version(planId, version);
    const d = (v?.details ?? null) as StoredPlanDetails | null;
    for (const m of d?.moved ?? []) {
      const r = await store.requests.getAny(m.requestId);
      if (r) requests.publishStatus(r, m.from as RequestStatus, `plan v${version}`);
    }
    events.publish({
      type: 'plan.version',
      at: formatIsoUtc(clock()),
      data: { planId, version, reason, createdBy: by, ...extra },
      audience: { kind: 'all' },
    });
  }

  // Versions committed by planning jobs in this process: tell the live socket.
  events.subscribe((e) => {
    if (e.type !== 'job.finished' || e.data.type !== 'planning' || e.data.status !== 'succeeded')
      return;
    void (async () => {
      const job = await store.jobs.getAny(String(e.data.jobId));
      const res = job?.result as { planId?: string; version?: number } | null;
      if (!job || !res?.planId || !res.version) return;
      const user = await store.users.get(job.createdBy);
      const p = job.params as { reason?: string };
      await announce(res.planId, res.version, p.reason ?? '', user?.username ?? 'system', {
        jobId: job.id,
      });
    })().catch(() => undefined);
  });

  return {
    /** Feasibility of a request not yet stored (a draft being written). */
    async draftFeasibility(caller: Caller, b: z.infer<typeof FeasibilityBody>) {
      requirePermission(caller, 'assess feasibility');
      const startMs = parseIsoUtc(b.window.start, 'body.window.start');
      const endMs = parseIsoUtc(b.window.end, 'body.window.end');
      if (!(endMs > startMs))
        throw invalidField('body.window.end', 'the window must end after it starts');
      const now = clock();
      const draft: RequestRecord = {
        id: 'draft',
        title: 'draft',
        description: '',
        aoi: b.aoi,
        bbox: { minLon: 0, minLat: 0, maxLon: 0, maxLat: 0 },
        priority: b.priority,
        windowStartMs: startMs,
        windowEndMs: endMs,
        sensorType: b.sensorType,
        releasability: 'nation',
        ownerNation: caller.nation,
        createdBy: caller.id,
        status: 'draft',
        createdAtMs: now,
        updatedAtMs: now,
        version: 0,
      };
      return feasibilityOf(draft, {
        ...(b.maxOffNadirDeg !== undefined ? { maxOffNadirDeg: b.maxOffNadirDeg } : {}),
        ...(b.minSunElevationDeg !== undefined ? { minSunElevationDeg: b.minSunElevationDeg } : {}),
      });
    },

    /** Feasibility of a stored request the caller can see. */
    async requestFeasibility(caller: Caller, id: string) {
      const r = await store.requests.get(id, caller);
      if (!r) throw notFound('request');
      return feasibilityOf(r);
    },

    /**
     * Inserts an urgent request into the plan's current version and repairs it within seconds,
     * keeping as much as possible; the new version lists what was displaced.
     */
    async emergency(caller: Caller, planId: string, b: z.infer<typeof EmergencyBody>) {
      const plan = await store.plans.getPlan(planId);
      if (!plan) throw notFound('plan');
      requirePermission(caller, 'plan');
      const urgent = await store.requests.get(b.requestId, caller);
      if (!urgent) throw invalidField('body.requestId', 'no such request');
      if (!PLANNABLE.includes(urgent.status))
        throw new ApiError(409, 'not-plannable', 'error.conflict', {
          detail: `a ${urgent.status} request cannot be planned; submit it first`,
        });
      const current = await store.plans.version(planId, plan.latestVersion);
      const stored = (current?.details ?? null) as StoredPlanDetails | null;
      if (!current || !stored)
        throw new ApiError(409, 'not-planner-made', 'error.conflict', {
          detail: 'this plan version was made by hand: run a planning job first',
        });
      const startMs = current.horizonStartMs;
      const horizonH = Math.min(168, Math.max(1, (current.horizonEndMs - startMs) / HOUR_MS));
      const all = await store.requests.listAnyByStatus(PLANNABLE);
      const { scenario, meta } = await loadScenario(store, { startMs, horizonH, requests: all });
      if (!meta.has(urgent.id))
        throw invalidField(
          'body.requestId',
          'the request’s window does not meet the plan’s horizon',
        );
      const withFlag = {
        ...scenario,
        requests: scenario.requests.map((r) =>
          r.id === urgent.id ? { ...r, emergency: true } : r,
        ),
      };
      const currentPlan = planFromStored(
        stored,
        await store.plans.versionAcquisitionsAll(planId, current.version),
      );
      const repaired = await runInThread<Plan>(
        'planning.repair',
        {
          scenario: checked(withFlag, 'body.requestId'),
          current: currentPlan,
          urgent: [urgent.id],
          timeLimitMs: REPAIR_TIME_LIMIT_MS,
        },
        { timeoutMs: REPAIR_TIMEOUT_MS },
      ).catch((e) => fromThread(e, 'body'));
      const now = clock();
      const reason = `emergency: ${b.reason}`;
      const done = await store.transaction((tx) =>
        commitPlan(tx, {
          plan,
          name: plan.name,
          reason,
          horizon: { startMs: current.horizonStartMs, endMs: current.horizonEndMs },
          jobId: null,
          actor: { id: caller.id, username: caller.username, nation: caller.nation },
          result: repaired,
          meta: meta as Map<string, RequestMeta>,
          fairness: stored.fairness,
          infeasible: new Map(),
          nowMs: now,
          newId: deps.newId,
          action: 'plan.emergency',
        }),
      );
      if (!done) throw changedMeanwhile('plan');
      await announce(planId, done.version, reason, caller.username, { emergency: true });
      return { planId, version: done.version };
    },
  };
}

export type PlanningService = ReturnType<typeof planningService>;
