/**
 * The durable job queue: one table, shared by every worker that can reach the database.
 *
 * A worker claims the oldest runnable job of the types it knows with a single UPDATE (on
 * PostgreSQL the candidate row is picked with `FOR UPDATE SKIP LOCKED`, so workers on several
 * machines never take the same job and never wait for each other). A claim is a lease: the
 * worker renews it with heartbeats that also carry progress and a checkpoint; a job whose lease
 * ran out (its worker died, was killed or lost the network) becomes runnable again, and resumes
 * from its last checkpoint, until `max_attempts` is reached.
 */
import type { RepoContext } from './executor.js';
import { fromJson, toJson, visibleTo } from './executor.js';
import type { JobRecord, JobStatus, Nation, Page, Releasability, Viewer } from './records.js';
import type { JobsTable } from './schema.js';

function toJob(r: JobsTable): JobRecord {
  return {
    id: r.id,
    type: r.type,
    status: r.status as JobStatus,
    params: fromJson(r.params),
    priority: r.priority,
    ownerNation: r.owner_nation as Nation,
    releasability: r.releasability as Releasability,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
    startedAtMs: r.started_at_ms === null ? null : Number(r.started_at_ms),
    finishedAtMs: r.finished_at_ms === null ? null : Number(r.finished_at_ms),
    runAfterMs: Number(r.run_after_ms),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lockedBy: r.locked_by,
    leaseUntilMs: r.lease_until_ms === null ? null : Number(r.lease_until_ms),
    cancelRequested: r.cancel_requested !== 0,
    progress: r.progress,
    progressMessage: r.progress_message,
    checkpoint: fromJson(r.checkpoint),
    result: fromJson(r.result),
    error: fromJson(r.error),
  };
}

export interface NewJob {
  readonly id: string;
  readonly type: string;
  readonly params: unknown;
  readonly priority: number;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdBy: string;
  readonly maxAttempts: number;
  readonly nowMs: number;
}

export interface JobFilter {
  readonly status?: JobStatus;
  readonly type?: string;
  readonly limit: number;
  readonly offset: number;
}

/** What a heartbeat may report. */
export interface JobBeat {
  readonly progress?: number;
  readonly message?: string | null;
  readonly checkpoint?: unknown;
}

export function jobsRepo({ db, dialect }: RepoContext) {
  return {
    async enqueue(j: NewJob): Promise<JobRecord> {
      const row: JobsTable = {
        id: j.id,
        type: j.type,
        status: 'queued',
        params: toJson(j.params),
        priority: j.priority,
        owner_nation: j.ownerNation,
        releasability: j.releasability,
        created_by: j.createdBy,
        created_at_ms: j.nowMs,
        updated_at_ms: j.nowMs,
        started_at_ms: null,
        finished_at_ms: null,
        run_after_ms: j.nowMs,
        attempts: 0,
        max_attempts: j.maxAttempts,
        locked_by: null,
        lease_until_ms: null,
        cancel_requested: 0,
        progress: 0,
        progress_message: null,
        checkpoint: null,
        result: null,
        error: null,
      };
      await db.insertInto('jobs').values(row).execute();
      return toJob(row);
    },
    async get(id: string, viewer: Viewer): Promise<JobRecord | null> {
      const r = await db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .where(visibleTo(viewer))
        .executeTakeFirst();
      return r ? toJob(r) : null;
    },
    async getAny(id: string): Promise<JobRecord | null> {
      const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toJob(r) : null;
    },
    async list(viewer: Viewer, f: JobFilter): Promise<Page<JobRecord>> {
      const base = () => {
        let q = db.selectFrom('jobs').where(visibleTo(viewer));
        if (f.status) q = q.where('status', '=', f.status);
        if (f.type) q = q.where('type', '=', f.type);
        return q;
      };
      const rows = await base()
        .selectAll()
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      const total = await base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toJob), total: Number(total.n) };
    },
    /**
     * Ends jobs that cannot run again: expired leases whose attempts are used up (failed), or
     * whose cancellation was asked (cancelled). Returns the jobs it ended.
     */
    async sweep(nowMs: number): Promise<JobRecord[]> {
      const expired = await db
        .selectFrom('jobs')
        .selectAll()
        .where('status', '=', 'running')
        .where('lease_until_ms', '<', nowMs)
        .where((eb) =>
          eb.or([eb('attempts', '>=', eb.ref('max_attempts')), eb('cancel_requested', '=', 1)]),
        )
        .execute();
      const ended: JobRecord[] = [];
      for (const r of expired) {
        const cancelled = r.cancel_requested !== 0;
        const set: Partial<JobsTable> = {
          status: cancelled ? 'cancelled' : 'failed',
          finished_at_ms: nowMs,
          updated_at_ms: nowMs,
          locked_by: null,
          lease_until_ms: null,
          error: cancelled
            ? null
            : toJson({
                code: 'worker-lost',
                message: 'the worker stopped answering; attempts exhausted',
              }),
        };
        const u = await db
          .updateTable('jobs')
          .set(set)
          .where('id', '=', r.id)
          .where('status', '=', 'running')
          .where('lease_until_ms', '<', nowMs)
          .returningAll()
          .executeTakeFirst();
        if (u) ended.push(toJob(u));
      }
      return ended;
    },
    /** Claims the next runnable job of one of `types` for `workerId`, or null. */
    async claim(
      workerId: string,
      types: readonly string[],
      nowMs: number,
      leaseMs: number,
    ): Promise<JobRecord | null> {
      if (types.length === 0) return null;
      let candidate = db
        .selectFrom('jobs')
        .select('id')
        .where('type', 'in', [...types])
        .where('cancel_requested', '=', 0)
        .where('attempts', '<', (eb) => eb.ref('max_attempts'))
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_after_ms', '<=', nowMs)]),
            eb.and([eb('status', '=', 'running'), eb('lease_until_ms', '<', nowMs)]),
          ]),
        )
        .orderBy('priority')
        .orderBy('created_at_ms')
        .orderBy('id')
        .limit(1);
      if (dialect === 'postgres') candidate = candidate.forUpdate().skipLocked();
      const r = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          locked_by: workerId,
          lease_until_ms: nowMs + leaseMs,
          attempts: eb('attempts', '+', 1),
          started_at_ms: eb.fn.coalesce('started_at_ms', eb.val(nowMs)),
          updated_at_ms: nowMs,
        }))
        .where('id', 'in', candidate)
        .returningAll()
        .executeTakeFirst();
      return r ? toJob(r) : null;
    },
    /**
     * Renews the lease and records progress. Returns whether cancellation was asked, or null
     * when the worker no longer holds the job (lease lost: it must stop).
     */
    async heartbeat(
      id: string,
      workerId: string,
      nowMs: number,
      leaseMs: number,
      beat: JobBeat,
    ): Promise<{ cancelRequested: boolean } | null> {
      const set: Partial<JobsTable> = { lease_until_ms: nowMs + leaseMs, updated_at_ms: nowMs };
      if (beat.progress !== undefined) set.progress = beat.progress;
      if (beat.message !== undefined) set.progress_message = beat.message;
      if (beat.checkpoint !== undefined) set.checkpoint = toJson(beat.checkpoint);
      const r = await db
        .updateTable('jobs')
        .set(set)
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .returning('cancel_requested')
        .executeTakeFirst();
      return r ? { cancelRequested: r.cancel_requested !== 0 } : null;
    },
    /** Ends a job the worker holds. Null when it no longer holds it. */
    async finish(
      id: string,
      workerId: string,
      nowMs: number,
      outcome:
        | { status: 'succeeded'; result: unknown }
        | { status: 'failed'; error: { code: string; message: string } }
        | { status: 'cancelled' },
    ): Promise<JobRecord | null> {
      const set: Partial<JobsTable> = {
        status: outcome.status,
        finished_at_ms: nowMs,
        updated_at_ms: nowMs,
        locked_by: null,
        lease_until_ms: null,
      };
      if (outcome.status === 'succeeded') {
        set.result = toJson(outcome.result);
        set.progress = 1;
      }
      if (outcome.status === 'failed') set.error = toJson(outcome.error);
      const r = await db
        .updateTable('jobs')
        .set(set)
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      return r ? toJob(r) : null;
    },
    /**
     * Gives a held job back to the queue (graceful shutdown, or a retryable failure): it keeps
     * its checkpoint. A shutdown does not count as an attempt (`refundAttempt`).
     */
    async release(
      id: string,
      workerId: string,
      nowMs: number,
      opts: { checkpoint?: unknown; runAfterMs?: number; refundAttempt: boolean; error?: unknown },
    ): Promise<JobRecord | null> {
      const r = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'queued',
          locked_by: null,
          lease_until_ms: null,
          updated_at_ms: nowMs,
          run_after_ms: opts.runAfterMs ?? nowMs,
          attempts: opts.refundAttempt ? eb('attempts', '-', 1) : eb.ref('attempts'),
          ...(opts.checkpoint !== undefined ? { checkpoint: toJson(opts.checkpoint) } : {}),
          ...(opts.error !== undefined ? { error: toJson(opts.error) } : {}),
        }))
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      return r ? toJob(r) : null;
    },
    /**
     * Asks for cancellation: a queued job ends at once, a running one is flagged for its worker.
     * Returns the job as it now stands, or null if not visible / not found.
     */
    async requestCancel(id: string, viewer: Viewer, nowMs: number): Promise<JobRecord | null> {
      await db
        .updateTable('jobs')
        .set({
          status: 'cancelled',
          cancel_requested: 1,
          finished_at_ms: nowMs,
          updated_at_ms: nowMs,
        })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .where(visibleTo(viewer))
        .execute();
      await db
        .updateTable('jobs')
        .set({ cancel_requested: 1, updated_at_ms: nowMs })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where(visibleTo(viewer))
        .execute();
      return this.get(id, viewer);
    },
    /**
     * Puts every running job back in the queue, without counting the interrupted attempt. Only
     * for the embedded (SQLite) server at start: it is the database's only user, so a job still
     * marked running was orphaned by the death of the process (kill -9, power cut), not by a
     * fault of the job (a failing job thread is caught and counted by the runner).
     */
    async requeueOrphans(nowMs: number): Promise<number> {
      const r = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'queued',
          locked_by: null,
          lease_until_ms: null,
          updated_at_ms: nowMs,
          attempts: eb.fn('max', [eb('attempts', '-', 1), eb.val(0)]),
        }))
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export type JobsRepo = ReturnType<typeof jobsRepo>;
