/**
 * Group commit (src/store/group-commit.ts) on both backends: concurrent writes share one
 * transaction, each caller's promise resolves only once its write is committed (visible from
 * another connection), a failing item is rejected alone, and the audit chain verifies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditInput,
  type GroupCommitOptions,
  type RequestRecord,
  type Store,
  type StoreConfig,
  groupCommit,
  openStore,
} from '../../src/store/index.js';
import { testBackends } from '../support/backends.js';

const backends = await testBackends();
const T0 = Date.UTC(2026, 2, 19, 8);

function request(i: number, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: randomUUID(),
    title: `Flood extent along the Niger, cell ${i}`,
    description: '',
    aoi: {
      type: 'Polygon',
      coordinates: [
        [
          [-4.3, 14.4],
          [-4.0, 14.4],
          [-4.0, 14.6],
          [-4.3, 14.6],
          [-4.3, 14.4],
        ],
      ],
    },
    bbox: { minLon: -4.3, minLat: 14.4, maxLon: -4.0, maxLat: 14.6 },
    priority: 1 + (i % 5),
    windowStartMs: Date.UTC(2026, 2, 20, 6),
    windowEndMs: Date.UTC(2026, 2, 22, 18),
    sensorType: i % 2 ? 'sar' : 'optical',
    releasability: i % 3 ? 'nation' : 'alliance',
    ownerNation: 'ML',
    createdBy: 'u-ml',
    status: 'draft',
    createdAtMs: T0 + i,
    updatedAtMs: T0 + i,
    version: 1,
    constraints: null,
    ...over,
  };
}

const entry = (r: RequestRecord): AuditInput => ({
  actorId: r.createdBy,
  actorName: r.createdBy,
  action: 'request.create',
  entityType: 'request',
  entityId: r.id,
  nation: r.releasability === 'nation' ? r.ownerNation : null,
  details: { title: r.title },
});

/** A request creation as the requests service writes it, recording the batches it sees. */
function creations(batches: number[][]): GroupCommitOptions<RequestRecord, string> {
  return {
    async writeAll(tx, rs) {
      batches.push(rs.map((r) => r.priority));
      await tx.requests.insertMany(rs);
      await tx.audit.appendMany(rs.map((r) => ({ entry: entry(r), atMs: r.createdAtMs })));
      return rs.map((r) => r.id);
    },
    async writeOne(tx, r) {
      await tx.requests.insertMany([r]);
      await tx.audit.append(entry(r), r.createdAtMs);
      return r.id;
    },
  };
}

describe.each(backends)('group commit on $name', (backend) => {
  let config: StoreConfig;
  let store: Store;
  /** A second connection (pool) to the same database: sees only what is committed. */
  let other: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    config = fresh.config;
    store = await openStore(config);
    await store.users.insert({
      id: 'u-ml',
      username: 'u-ml',
      passwordHash: 'x',
      role: 'analyst',
      nation: 'ML',
      nowMs: T0,
    });
    other = await openStore(config);
  });
  afterAll(async () => {
    await other?.close();
    await store?.close();
    await cleanup?.();
  });

  const auditCount = async () => (await store.audit.verify()).count;

  it('writes concurrent items in one transaction, and each caller hears only of a committed write', async () => {
    const before = await auditCount();
    const batches: number[][] = [];
    const gc = groupCommit(store, creations(batches));
    const rs = Array.from({ length: 40 }, (_, i) => request(i));
    // When a caller's promise resolves, its request is visible from another connection.
    const seen = await Promise.all(
      rs.map((r) =>
        gc.submit(r).then(async (id) => (await other.requests.getAny(id))?.title ?? null),
      ),
    );
    expect(seen).toEqual(rs.map((r) => r.title));
    // Submitted in the same turn of the event loop: one batch, one transaction.
    expect(batches.length).toBe(1);
    expect(batches[0]!.length).toBe(40);
    // Each request has its first history event, and an audit entry in submission order.
    for (const r of rs.slice(0, 5)) {
      expect((await other.requests.events(r.id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([
        [null, 'draft'],
      ]);
    }
    const entries = (await store.audit.list({ nation: 'ML' }, { limit: 40 })).reverse();
    expect(entries.map((e) => e.entityId)).toEqual(rs.map((r) => r.id));
    expect(entries.map((e) => e.seq)).toEqual(rs.map((_, i) => before + 1 + i));
    expect(entries.map((e) => e.atMs)).toEqual(rs.map((r) => r.createdAtMs));
    expect(await store.audit.verify()).toMatchObject({ ok: true, count: before + 40 });
  });

  it('batches what arrives while a batch is being written', async () => {
    const before = await auditCount();
    const batches: number[][] = [];
    const gc = groupCommit(store, creations(batches));
    const first = gc.submit(request(1000));
    // Submitted after the first batch has started (a few turns later): they wait for it.
    await new Promise((r) => setImmediate(r));
    const rest = Array.from({ length: 30 }, (_, i) => gc.submit(request(2000 + i)));
    await Promise.all([first, ...rest]);
    await gc.idle();
    expect(batches.map((b) => b.length)).toEqual([1, 30]);
    expect(await store.audit.verify()).toMatchObject({ ok: true, count: before + 31 });
  });

  it('rejects a failing item alone: the others of its batch are committed', async () => {
    const before = await auditCount();
    const existing = await store.requests.insert(request(3000));
    const batches: number[][] = [];
    const gc = groupCommit(store, creations(batches));
    const rs = Array.from({ length: 12 }, (_, i) =>
      // Item 5 reuses the id of a stored request: the database refuses it (primary key).
      i === 5 ? request(4000 + i, { id: existing.id, title: 'duplicate' }) : request(4000 + i),
    );
    const outcomes = await Promise.allSettled(rs.map((r) => gc.submit(r)));
    expect(outcomes.map((o) => o.status)).toEqual(
      rs.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
    );
    expect(String((outcomes[5] as PromiseRejectedResult).reason)).toMatch(
      /unique|primary|duplicate/i,
    );
    // The multi-row attempt failed as a whole, then each item was written in its savepoint.
    expect(batches.length).toBe(1);
    for (const [i, r] of rs.entries()) {
      const stored = await other.requests.getAny(r.id);
      expect(stored?.title).toBe(i === 5 ? existing.title : r.title);
    }
    expect(await other.requests.events(existing.id)).toEqual([]);
    const audited = await store.audit.list({ nation: 'ML' }, { entityId: existing.id, limit: 5 });
    expect(audited).toEqual([]);
    expect(await store.audit.verify()).toMatchObject({ ok: true, count: before + 11 });
  });

  it('rejects every item of a batch that cannot be written, and writes nothing', async () => {
    const before = await auditCount();
    const gc = groupCommit(store, creations([]));
    // An unknown creator breaks the users foreign key for each of them.
    const rs = Array.from({ length: 4 }, (_, i) => request(5000 + i, { createdBy: 'nobody' }));
    const outcomes = await Promise.allSettled(rs.map((r) => gc.submit(r)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    for (const r of rs) expect(await other.requests.getAny(r.id)).toBeNull();
    expect(await store.audit.verify()).toMatchObject({ ok: true, count: before });
  });

  it.runIf(backend.name === 'postgres')(
    'keeps one chain when several processes group-commit at once',
    async () => {
      const before = await auditCount();
      // Two pools stand for two server processes: each batch locks the audit head once.
      const stores = [store, other];
      const writers = stores.map((s) => groupCommit(s, creations([])));
      const rs = Array.from({ length: 120 }, (_, i) => request(6000 + i));
      const ids = await Promise.all(
        rs.map(async (r, i) => {
          // Spread over a few turns of the event loop so that the two interleave.
          await new Promise((res) => setTimeout(res, i % 7));
          return writers[i % 2]!.submit(r);
        }),
      );
      expect(ids).toEqual(rs.map((r) => r.id));
      expect(await store.audit.verify()).toMatchObject({ ok: true, count: before + 120 });
      const found = await store.audit.list({ nation: 'ML' }, { limit: 120 });
      expect(new Set(found.map((e) => e.entityId))).toEqual(new Set(ids));
    },
  );
});
