/** Creating, reading and cancelling jobs; the runner does the work. */
import type { z } from 'zod';
import type { JobFilter, JobRecord, Page } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import type { JobDefinitions } from '../jobs/definitions.js';
import { type Caller, requirePermission } from '../policy.js';
import type { NewJobBody } from '../schemas/ops.js';
import { audit, auditNation } from './audit.js';

/**
 * Attempts before a job is failed for good. A failing computation is retried with back-off; on
 * PostgreSQL an expired lease (its worker's machine died or was killed) also counts, since a
 * dead machine cannot be told from a job that kills its machine.
 */
export const MAX_ATTEMPTS = 5;

export interface JobsServiceHooks {
  /** Called after a job is queued (the local runner looks for work at once). */
  readonly queued?: () => void;
  /** Called after cancellation was asked for a running job. */
  readonly cancelRequested?: (jobId: string) => void;
}

export function jobsService(
  deps: ServiceDeps,
  definitions: JobDefinitions,
  hooks: JobsServiceHooks = {},
) {
  const { store, clock } = deps;
  return {
    types: () => Object.keys(definitions),
    async create(caller: Caller, b: z.infer<typeof NewJobBody>): Promise<JobRecord> {
      const def = definitions[b.type];
      if (!def) {
        throw new ApiError(400, 'invalid-input', 'error.validation', { count: 1 }, [
          {
            path: 'body.type',
            message: `unknown job type; expected one of: ${Object.keys(definitions).join(', ')}`,
          },
        ]);
      }
      requirePermission(caller, def.permission);
      const parsed = def.params.safeParse(b.params ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: ['body', 'params', ...i.path.map(String)].join('.'),
          message: i.message,
        }));
        throw new ApiError(
          400,
          'invalid-input',
          'error.validation',
          { count: issues.length },
          issues,
        );
      }
      await def.check(store, parsed.data as never);
      const now = clock();
      const job = await store.transaction(async (tx) => {
        const j = await tx.jobs.enqueue({
          id: deps.newId(),
          type: b.type,
          params: parsed.data,
          priority: b.priority,
          ownerNation: caller.nation,
          releasability: b.releasability,
          createdBy: caller.id,
          maxAttempts: MAX_ATTEMPTS,
          nowMs: now,
        });
        await audit(
          tx,
          now,
          caller,
          'job.create',
          { type: 'job', id: j.id, nation: auditNation(j) },
          { type: j.type },
        );
        return j;
      });
      hooks.queued?.();
      return job;
    },
    async get(caller: Caller, id: string): Promise<JobRecord> {
      const j = await store.jobs.get(id, caller);
      if (!j) throw notFound('job');
      return j;
    },
    list: (caller: Caller, f: JobFilter): Promise<Page<JobRecord>> => store.jobs.list(caller, f),
    async cancel(caller: Caller, id: string): Promise<JobRecord> {
      const j = await store.jobs.get(id, caller);
      if (!j) throw notFound('job');
      requirePermission(caller, 'cancel jobs');
      if (j.status !== 'queued' && j.status !== 'running') {
        throw new ApiError(409, 'job-finished', 'error.conflict', {
          detail: `the job is already ${j.status}`,
        });
      }
      const now = clock();
      const after = await store.transaction(async (tx) => {
        const a = await tx.jobs.requestCancel(id, caller, now);
        await audit(tx, now, caller, 'job.cancel', { type: 'job', id, nation: auditNation(j) });
        return a!;
      });
      if (after.status === 'running') hooks.cancelRequested?.(id);
      return after;
    },
  };
}

export type JobsService = ReturnType<typeof jobsService>;
