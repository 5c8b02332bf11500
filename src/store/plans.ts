/**
 * Acquisition plans. A plan is a sequence of immutable versions (who, when, why); each version
 * owns its acquisitions. Acquisitions carry the releasability of their request, so a nation's
 * private request never shows through someone else's view of a plan.
 */
import { type RepoContext, fromJson, toJson, visibleTo } from './executor.js';
import type {
  AcquisitionRecord,
  AcquisitionStatus,
  Nation,
  PlanRecord,
  PlanVersionRecord,
  Releasability,
  Viewer,
} from './records.js';
import type { AcquisitionsTable, PlanVersionsTable, PlansTable } from './schema.js';

function toPlan(r: PlansTable): PlanRecord {
  return {
    id: r.id,
    name: r.name,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    latestVersion: r.latest_version,
  };
}

function toVersion(r: PlanVersionsTable): PlanVersionRecord {
  return {
    planId: r.plan_id,
    version: r.version,
    createdAtMs: Number(r.created_at_ms),
    createdBy: r.created_by,
    reason: r.reason,
    horizonStartMs: Number(r.horizon_start_ms),
    horizonEndMs: Number(r.horizon_end_ms),
    jobId: r.job_id,
    details: r.details === null || r.details === undefined ? null : fromJson(r.details),
  };
}

function toAcquisition(r: AcquisitionsTable): AcquisitionRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    requestId: r.request_id,
    satelliteId: r.satellite_id,
    sensorId: r.sensor_id,
    startMs: Number(r.start_ms),
    endMs: Number(r.end_ms),
    status: r.status as AcquisitionStatus,
    ownerNation: r.owner_nation as Nation | null,
    releasability: r.releasability as Releasability,
    updatedAtMs: Number(r.updated_at_ms),
  };
}

export interface AcquisitionFilter {
  readonly planId?: string;
  readonly status?: AcquisitionStatus;
  readonly requestId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly limit: number;
  readonly offset: number;
}

export function plansRepo({ db }: RepoContext) {
  return {
    async insertPlan(p: PlanRecord): Promise<void> {
      await db
        .insertInto('plans')
        .values({
          id: p.id,
          name: p.name,
          created_by: p.createdBy,
          created_at_ms: p.createdAtMs,
          updated_at_ms: p.updatedAtMs,
          latest_version: p.latestVersion,
        })
        .execute();
    },
    /**
     * Adds version `v.version`, which must be the plan's latest + 1 (checked atomically); false
     * when another version was added meanwhile.
     */
    async addVersion(
      v: PlanVersionRecord,
      acquisitions: readonly AcquisitionRecord[],
    ): Promise<boolean> {
      const bumped = await db
        .updateTable('plans')
        .set({ latest_version: v.version, updated_at_ms: v.createdAtMs })
        .where('id', '=', v.planId)
        .where('latest_version', '=', v.version - 1)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) === 0) return false;
      await db
        .insertInto('plan_versions')
        .values({
          plan_id: v.planId,
          version: v.version,
          created_at_ms: v.createdAtMs,
          created_by: v.createdBy,
          reason: v.reason,
          horizon_start_ms: v.horizonStartMs,
          horizon_end_ms: v.horizonEndMs,
          job_id: v.jobId,
          details: v.details === undefined || v.details === null ? null : toJson(v.details),
        })
        .execute();
      if (acquisitions.length > 0) {
        await db
          .insertInto('acquisitions')
          .values(
            acquisitions.map((a) => ({
              id: a.id,
              plan_id: a.planId,
              plan_version: a.planVersion,
              request_id: a.requestId,
              satellite_id: a.satelliteId,
              sensor_id: a.sensorId,
              start_ms: a.startMs,
              end_ms: a.endMs,
              status: a.status,
              owner_nation: a.ownerNation,
              releasability: a.releasability,
              updated_at_ms: a.updatedAtMs,
            })),
          )
          .execute();
      }
      return true;
    },
    /** Replaces a version's details (the planner's answer, JSON). */
    async setVersionDetails(planId: string, version: number, details: unknown): Promise<void> {
      await db
        .updateTable('plan_versions')
        .set({ details: toJson(details) })
        .where('plan_id', '=', planId)
        .where('version', '=', version)
        .execute();
    },
    async getPlan(id: string): Promise<PlanRecord | null> {
      const r = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toPlan(r) : null;
    },
    async listPlans(): Promise<PlanRecord[]> {
      const rows = await db
        .selectFrom('plans')
        .selectAll()
        .orderBy('updated_at_ms', 'desc')
        .execute();
      return rows.map(toPlan);
    },
    async versions(planId: string): Promise<PlanVersionRecord[]> {
      const rows = await db
        .selectFrom('plan_versions')
        .selectAll()
        .where('plan_id', '=', planId)
        .orderBy('version')
        .execute();
      return rows.map(toVersion);
    },
    async version(planId: string, version: number): Promise<PlanVersionRecord | null> {
      const r = await db
        .selectFrom('plan_versions')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
    /** Visible acquisitions of one plan version, by start time. */
    async versionAcquisitions(
      planId: string,
      version: number,
      viewer: Viewer,
    ): Promise<AcquisitionRecord[]> {
      const rows = await db
        .selectFrom('acquisitions')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('plan_version', '=', version)
        .where(visibleTo(viewer))
        .orderBy('start_ms')
        .execute();
      return rows.map(toAcquisition);
    },
    /** Every acquisition of a plan version, whatever its releasability (system use). */
    async versionAcquisitionsAll(planId: string, version: number): Promise<AcquisitionRecord[]> {
      const rows = await db
        .selectFrom('acquisitions')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('plan_version', '=', version)
        .execute();
      return rows.map(toAcquisition);
    },
    async listAcquisitions(
      viewer: Viewer,
      f: AcquisitionFilter,
    ): Promise<{ items: AcquisitionRecord[]; total: number }> {
      const base = () => {
        let q = db.selectFrom('acquisitions').where(visibleTo(viewer));
        if (f.planId) q = q.where('plan_id', '=', f.planId);
        if (f.status) q = q.where('status', '=', f.status);
        if (f.requestId) q = q.where('request_id', '=', f.requestId);
        if (f.fromMs !== undefined) q = q.where('end_ms', '>=', f.fromMs);
        if (f.toMs !== undefined) q = q.where('start_ms', '<=', f.toMs);
        return q;
      };
      const rows = await base()
        .selectAll()
        .orderBy('start_ms')
        .orderBy('id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const total = await base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toAcquisition), total: Number(total.n) };
    },
    async getAcquisition(id: string, viewer: Viewer): Promise<AcquisitionRecord | null> {
      const r = await db
        .selectFrom('acquisitions')
        .selectAll()
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toAcquisition(r) : null;
    },
    /** Sets an acquisition's status if it is still `from`; null when it changed meanwhile. */
    async setAcquisitionStatus(
      id: string,
      from: AcquisitionStatus,
      to: AcquisitionStatus,
      nowMs: number,
    ): Promise<AcquisitionRecord | null> {
      const r = await db
        .updateTable('acquisitions')
        .set({ status: to, updated_at_ms: nowMs })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return r ? toAcquisition(r) : null;
    },
  };
}

export type PlansRepo = ReturnType<typeof plansRepo>;
