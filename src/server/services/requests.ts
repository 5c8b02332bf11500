/** Imaging requests: creation, drafts, the lifecycle, lists and counts. */
import type { z } from 'zod';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import type {
  RequestChanges,
  RequestConstraints,
  RequestEventRecord,
  RequestFilter,
  RequestRecord,
  RequestStatus,
  Page,
  Repos,
} from '../../store/index.js';
import { groupCommit } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, changedMeanwhile, forbidden, invalidField, notFound } from '../errors.js';
import { type Caller, TRANSITIONS, mayTransition, requirePermission } from '../policy.js';
import type { NewRequestBody, RequestPatchBody } from '../schemas/requests.js';
import { audit, auditInput, auditNation } from './audit.js';
import { geometryBBox } from './geometry.js';

function window(
  w: { start: string; end: string },
  path: string,
): { startMs: number; endMs: number } {
  const startMs = parseIsoUtc(w.start, `${path}.start`);
  const endMs = parseIsoUtc(w.end, `${path}.end`);
  if (!(endMs > startMs)) throw invalidField(`${path}.end`, 'the window must end after it starts');
  return { startMs, endMs };
}

/** The planning constraints given in a body (only those present). */
function constraintsOf(b: {
  maxOffNadirDeg?: number | undefined;
  minSunElevationDeg?: number | undefined;
  recurrence?: { everyDays: number } | undefined;
}): RequestConstraints {
  return {
    ...(b.maxOffNadirDeg !== undefined ? { maxOffNadirDeg: b.maxOffNadirDeg } : {}),
    ...(b.minSunElevationDeg !== undefined ? { minSunElevationDeg: b.minSunElevationDeg } : {}),
    ...(b.recurrence !== undefined ? { recurrence: { everyDays: b.recurrence.everyDays } } : {}),
  };
}

export function requestsService(deps: ServiceDeps) {
  const { store, clock, events } = deps;

  const publishStatus = (r: RequestRecord, from: RequestStatus | null, reason: string | null) =>
    events.publish({
      type: from === null ? 'request.created' : 'request.status',
      at: formatIsoUtc(r.updatedAtMs),
      data: {
        requestId: r.id,
        title: r.title,
        from,
        to: r.status,
        reason,
        ownerNation: r.ownerNation,
      },
      audience: { kind: 'item', ownerNation: r.ownerNation, releasability: r.releasability },
    });

  const visible = async (caller: Caller, id: string): Promise<RequestRecord> => {
    const r = await store.requests.get(id, caller);
    if (!r) throw notFound('request');
    return r;
  };

  /**
   * Moves a request within a transaction (used by this service and by plans/acquisitions).
   * Returns null when the request was no longer in `from`.
   */
  async function move(
    tx: Repos,
    caller: Caller | null,
    r: RequestRecord,
    to: RequestStatus,
    reason: string | null,
    now: number,
  ): Promise<RequestRecord | null> {
    const after = await tx.requests.transition(r.id, r.status, to, {
      userId: caller?.id ?? null,
      reason,
      nowMs: now,
    });
    if (!after) return null;
    await audit(
      tx,
      now,
      caller,
      'request.status',
      { type: 'request', id: r.id, nation: auditNation(r) },
      { from: r.status, to, reason },
    );
    return after;
  }

  /** The audit entry of a creation (actor and instant are the request's). */
  const creationAudit = (rec: RequestRecord, caller: Caller) =>
    auditInput(
      caller,
      'request.create',
      { type: 'request', id: rec.id, nation: auditNation(rec) },
      { title: rec.title, priority: rec.priority, releasability: rec.releasability },
    );

  /**
   * Creations are group-committed (src/store/group-commit.ts): concurrent ones share one
   * transaction, three multi-row inserts and one lock of the audit head; each caller is
   * answered after the commit that holds its request.
   */
  const creations = groupCommit<{ rec: RequestRecord; caller: Caller }, void>(store, {
    async writeAll(tx, items) {
      await tx.requests.insertMany(items.map((i) => i.rec));
      await tx.audit.appendMany(
        items.map(({ rec, caller }) => ({
          entry: creationAudit(rec, caller),
          atMs: rec.createdAtMs,
        })),
      );
      return items.map(() => undefined);
    },
    async writeOne(tx, { rec, caller }) {
      await tx.requests.insertMany([rec]);
      await tx.audit.append(creationAudit(rec, caller), rec.createdAtMs);
    },
  });

  return {
    move,
    publishStatus,
    /** Resolves once no creation is queued or being written (wait for it before closing the store). */
    idle: () => creations.idle(),
    async create(caller: Caller, b: z.infer<typeof NewRequestBody>): Promise<RequestRecord> {
      requirePermission(caller, 'create requests');
      const w = window(b.window, 'body.window');
      const now = clock();
      const rec: RequestRecord = {
        id: deps.newId(),
        title: b.title,
        description: b.description ?? '',
        aoi: b.aoi,
        bbox: geometryBBox(b.aoi),
        priority: b.priority,
        windowStartMs: w.startMs,
        windowEndMs: w.endMs,
        sensorType: b.sensorType,
        releasability: b.releasability,
        ownerNation: caller.nation,
        createdBy: caller.id,
        status: 'draft',
        createdAtMs: now,
        updatedAtMs: now,
        version: 1,
        constraints: constraintsOf(b),
      };
      // Everything that can be refused has been checked above: the batch only writes.
      await creations.submit({ rec, caller });
      publishStatus(rec, null, null);
      return rec;
    },
    async get(
      caller: Caller,
      id: string,
    ): Promise<{ request: RequestRecord; history: RequestEventRecord[] }> {
      const request = await visible(caller, id);
      return { request, history: await store.requests.events(id) };
    },
    list(caller: Caller, f: RequestFilter): Promise<Page<RequestRecord>> {
      return store.requests.list(caller, f);
    },
    async summary(caller: Caller): Promise<{ total: number; byStatus: Record<string, number> }> {
      const byStatus = (await store.requests.countByStatus(caller)) as Record<string, number>;
      return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
    },
    async update(
      caller: Caller,
      id: string,
      b: z.infer<typeof RequestPatchBody>,
    ): Promise<RequestRecord> {
      const r = await visible(caller, id);
      requirePermission(caller, 'edit requests');
      if (r.ownerNation !== caller.nation)
        throw forbidden(caller.role, `edit requests of ${r.ownerNation}`);
      if (r.status !== 'draft') {
        throw new ApiError(409, 'not-a-draft', 'error.conflict', {
          detail: `only drafts can be edited; this request is ${r.status}`,
        });
      }
      const c: { -readonly [K in keyof RequestChanges]: RequestChanges[K] } = {};
      if (b.title !== undefined) c.title = b.title;
      if (b.description !== undefined) c.description = b.description;
      if (b.aoi !== undefined) {
        c.aoi = b.aoi;
        c.bbox = geometryBBox(b.aoi);
      }
      if (b.priority !== undefined) c.priority = b.priority;
      if (b.window !== undefined) {
        const w = window(b.window, 'body.window');
        c.windowStartMs = w.startMs;
        c.windowEndMs = w.endMs;
      }
      if (b.sensorType !== undefined) c.sensorType = b.sensorType;
      if (b.releasability !== undefined) c.releasability = b.releasability;
      if (
        b.maxOffNadirDeg !== undefined ||
        b.minSunElevationDeg !== undefined ||
        b.recurrence !== undefined
      )
        c.constraints = { ...(r.constraints ?? {}), ...constraintsOf(b) };
      const now = clock();
      const after = await store.transaction(async (tx) => {
        const u = await tx.requests.update(id, r.version, c, now);
        if (!u) return null;
        // Audited under the stricter of the old and new releasability.
        const nation =
          r.releasability === 'nation' || u.releasability === 'nation' ? r.ownerNation : null;
        await audit(
          tx,
          now,
          caller,
          'request.update',
          { type: 'request', id, nation },
          { fields: Object.keys(b) },
        );
        return u;
      });
      if (!after) throw changedMeanwhile('request');
      return after;
    },
    async transition(
      caller: Caller,
      id: string,
      to: RequestStatus,
      reason: string | null,
    ): Promise<RequestRecord> {
      const r = await visible(caller, id);
      const actor = TRANSITIONS[r.status][to];
      if (!actor) {
        throw new ApiError(409, 'bad-transition', 'error.bad-transition', { from: r.status, to });
      }
      if (!mayTransition(caller, actor, r.ownerNation))
        throw forbidden(caller.role, `move a request to ${to}`);
      const now = clock();
      const after = await store.transaction((tx) => move(tx, caller, r, to, reason, now));
      if (!after) throw changedMeanwhile('request');
      publishStatus(after, r.status, reason);
      return after;
    },
  };
}

export type RequestsService = ReturnType<typeof requestsService>;
