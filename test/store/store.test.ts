import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTle } from '../../src/io/tle.js';
import { type RequestRecord, type Store, openStore } from '../../src/store/index.js';
import { testBackends } from '../support/backends.js';
import { readReference } from '../support/reference.js';

const backends = await testBackends();

function request(over: Partial<RequestRecord>): RequestRecord {
  return {
    id: randomUUID(),
    title: 'Flooding near Mopti',
    description: '',
    aoi: { type: 'Point', coordinates: [-4.19, 14.49] },
    bbox: { minLon: -4.19, minLat: 14.49, maxLon: -4.19, maxLat: 14.49 },
    priority: 2,
    windowStartMs: Date.UTC(2026, 2, 20),
    windowEndMs: Date.UTC(2026, 2, 22),
    sensorType: 'optical',
    releasability: 'nation',
    ownerNation: 'ML',
    createdBy: 'u-ml',
    status: 'draft',
    createdAtMs: 1,
    updatedAtMs: 1,
    version: 1,
    ...over,
  };
}

describe.each(backends)('store on $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const T0 = Date.UTC(2026, 2, 19);

  beforeAll(async () => {
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    store = await openStore(fresh.config);
    for (const [id, nation] of [
      ['u-ml', 'ML'],
      ['u-bf', 'BF'],
    ] as const) {
      await store.users.insert({
        id,
        username: id,
        passwordHash: 'x',
        role: 'analyst',
        nation,
        nowMs: T0,
      });
    }
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('migrations are idempotent: opening the same store twice keeps the data', async () => {
    expect(await store.users.count()).toBe(2);
  });

  it('hides nation-released requests from other nations in gets, lists and counts', async () => {
    const mine = await store.requests.insert(request({ title: 'ML only' }));
    const shared = await store.requests.insert(
      request({ title: 'shared', releasability: 'alliance' }),
    );
    expect(await store.requests.get(mine.id, { nation: 'ML' })).not.toBeNull();
    expect(await store.requests.get(mine.id, { nation: 'BF' })).toBeNull();
    expect(await store.requests.get(mine.id, { nation: 'AES' })).toBeNull();
    expect(await store.requests.get(shared.id, { nation: 'NE' })).not.toBeNull();
    const bf = await store.requests.list({ nation: 'BF' }, { limit: 100, offset: 0 });
    expect(bf.items.map((r) => r.id)).toEqual([shared.id]);
    expect(bf.total).toBe(1);
    const search = await store.requests.list({ nation: 'BF' }, { q: 'ml', limit: 10, offset: 0 });
    expect(search.total).toBe(0);
    expect(await store.requests.countByStatus({ nation: 'BF' })).toEqual({ draft: 1 });
    expect(await store.requests.countByStatus({ nation: 'ML' })).toEqual({ draft: 2 });
  });

  it('moves a request only from the status it is in, and records every transition', async () => {
    const r = await store.requests.insert(request({}));
    const by = { userId: 'u-ml', reason: null, nowMs: T0 };
    const a = await store.requests.transition(r.id, 'draft', 'submitted', by);
    expect(a?.status).toBe('submitted');
    expect(a?.version).toBe(2);
    expect(await store.requests.transition(r.id, 'draft', 'submitted', by)).toBeNull();
    const events = await store.requests.events(r.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([['draft', 'submitted']]);
  });

  it('chains audit entries and detects a tampered entry', async () => {
    await store.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await tx.audit.append(
          {
            actorId: 'u-ml',
            actorName: 'u-ml',
            action: 'test',
            entityType: 'x',
            entityId: String(i),
            nation: null,
            details: { i },
          },
          T0 + i,
        );
      }
    });
    expect(await store.audit.verify()).toMatchObject({ ok: true, count: 5 });
    // The database refuses edits of the log…
    await expect(
      sql`update audit set action = 'forged' where seq = 3`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    // …and someone who bypasses the trigger is caught by the chain.
    if (store.dialect === 'sqlite') {
      await sql`drop trigger audit_no_update`.execute(store.db);
    } else {
      await sql`alter table audit disable trigger audit_no_update`.execute(store.db);
    }
    await sql`update audit set details = '{"i":99}' where seq = 3`.execute(store.db);
    expect(await store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('keeps the element-set history of imported TLEs and skips exact duplicates', async () => {
    const parsed = parseTle(readReference('tle', 'sahel-eo-leo-50.tle'));
    expect(parsed.errors).toEqual([]);
    const sets = parsed.entries.map((e) => ({
      catalogNumber: e.elements.catalogNumber,
      name: e.elements.name,
      objectId: e.elements.objectId,
      epochMs: e.elements.epochMs,
      line1: e.lines[0],
      line2: e.lines[1],
    }));
    const meta = { source: 'test', importedBy: null, nowMs: T0, newId: randomUUID };
    const first = await store.transaction((tx) => tx.catalogue.importElementSets(sets, meta));
    expect(first).toMatchObject({ satellitesCreated: 50, elementSetsAdded: 50, duplicates: 0 });
    const again = await store.transaction((tx) => tx.catalogue.importElementSets(sets, meta));
    expect(again).toMatchObject({ satellitesCreated: 0, elementSetsAdded: 0, duplicates: 50 });
    // A newer epoch of one satellite is added to its history and becomes the latest.
    const s0 = sets[0]!;
    await store.transaction((tx) =>
      tx.catalogue.importElementSets([{ ...s0, epochMs: s0.epochMs + 86_400_000 }], meta),
    );
    const sat = (await store.catalogue.listSatellites()).find(
      (s) => s.catalogNumber === s0.catalogNumber,
    )!;
    expect(sat.latestEpochMs).toBe(s0.epochMs + 86_400_000);
    expect((await store.catalogue.elementSets(sat.id)).length).toBe(2);
    expect((await store.catalogue.latestElementSets()).length).toBe(50);
  });

  it('gives each queued job to exactly one of several competing workers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const j = await store.jobs.enqueue({
        id: randomUUID(),
        type: 'noop',
        params: { i },
        priority: 5,
        ownerNation: 'ML',
        releasability: 'nation',
        createdBy: 'u-ml',
        maxAttempts: 3,
        nowMs: T0 + i,
      });
      ids.push(j.id);
    }
    const workers = ['w1', 'w2', 'w3', 'w4'];
    const claimed = await Promise.all(
      workers.map(async (w) => {
        const got: string[] = [];
        for (;;) {
          const j = await store.jobs.claim(w, ['noop'], T0 + 100, 60_000);
          if (!j) return got;
          got.push(j.id);
        }
      }),
    );
    const all = claimed.flat();
    expect(all.sort()).toEqual([...ids].sort());
  });

  it('re-offers a job whose worker stopped renewing its lease, with its checkpoint', async () => {
    const j = await store.jobs.enqueue({
      id: randomUUID(),
      type: 'lease',
      params: {},
      priority: 1,
      ownerNation: 'BF',
      releasability: 'nation',
      createdBy: 'u-bf',
      maxAttempts: 2,
      nowMs: T0,
    });
    const a = await store.jobs.claim('dead', ['lease'], T0, 1000);
    expect(a?.id).toBe(j.id);
    await store.jobs.heartbeat(j.id, 'dead', T0 + 500, 1000, {
      progress: 0.4,
      checkpoint: { k: 4 },
    });
    expect(await store.jobs.claim('alive', ['lease'], T0 + 1000, 1000)).toBeNull();
    const b = await store.jobs.claim('alive', ['lease'], T0 + 1600, 1000);
    expect(b).toMatchObject({ id: j.id, attempts: 2, checkpoint: { k: 4 }, progress: 0.4 });
    // The old worker has lost the job: its heartbeat and its result are refused.
    expect(await store.jobs.heartbeat(j.id, 'dead', T0 + 1700, 1000, {})).toBeNull();
    expect(
      await store.jobs.finish(j.id, 'dead', T0 + 1700, { status: 'succeeded', result: 1 }),
    ).toBeNull();
    // Once the attempts are used up an expired lease ends the job as failed.
    const swept = await store.jobs.sweep(T0 + 10_000);
    expect(swept.map((x) => [x.id, x.status, x.error?.code])).toEqual([
      [j.id, 'failed', 'worker-lost'],
    ]);
    expect(await store.jobs.get(j.id, { nation: 'ML' })).toBeNull();
  });
});
