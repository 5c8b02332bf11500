/**
 * The append-only, hash-chained audit log. Each entry's hash is
 * SHA-256(previous hash ‖ canonical JSON of the entry), so changing, removing or reordering any
 * entry breaks every later hash. Appends are serialised by the single `audit_head` row (a row
 * lock on PostgreSQL, the database write lock on SQLite) so that concurrent writers cannot fork
 * the chain; `appendMany` takes that lock once for a whole batch (group commit). The database also refuses UPDATE and DELETE on `audit` (triggers).
 */
import { createHash } from 'node:crypto';
import { type RepoContext, fromJson } from './executor.js';
import type { AuditRecord, Nation, Viewer } from './records.js';
import type { AuditTable } from './schema.js';
import { GENESIS_HASH } from './migrations/001-initial.js';

/** What a caller records; seq, time and hashes are assigned by {@link auditRepo}. */
export interface AuditInput {
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  /** The nation the entry may be shown to (a nation-released item's owner), null for all. */
  readonly nation: Nation | null;
  readonly details: Record<string, unknown>;
}

/** The result of checking the whole chain. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Entries checked. */
  readonly count: number;
  /** First entry whose hash or link does not match, when not ok. */
  readonly firstBadSeq: number | null;
  readonly reason: string | null;
}

/** The hash of an entry as stored (details as their stored text). */
export function auditHash(row: Omit<AuditTable, 'hash'>): string {
  const canonical = JSON.stringify([
    Number(row.seq),
    Number(row.at_ms),
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity_type,
    row.entity_id,
    row.nation,
    row.details,
  ]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

function toRecord(r: AuditTable): AuditRecord {
  return {
    seq: Number(r.seq),
    atMs: Number(r.at_ms),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    nation: r.nation as Nation | null,
    details: fromJson<Record<string, unknown>>(r.details) ?? {},
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly action?: string;
  /** Only entries with a smaller seq (for paging backwards). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export function auditRepo({ db }: RepoContext) {
  return {
    /** Appends an entry. Must run inside a transaction together with the change it records. */
    async append(e: AuditInput, nowMs: number): Promise<AuditRecord> {
      // Taking the head row first serialises appenders; its hash is the previous entry's.
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', 1) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const partial = {
        seq: Number(head.seq),
        at_ms: nowMs,
        actor_id: e.actorId,
        actor_name: e.actorName,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        nation: e.nation,
        details: JSON.stringify(e.details),
        prev_hash: head.hash,
      };
      const row: AuditTable = { ...partial, hash: auditHash(partial) };
      await db.insertInto('audit').values(row).execute();
      await db.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', 1).execute();
      return toRecord(row);
    },
    /**
     * Appends several entries, in this order, with one lock of the head and one multi-row insert
     * (group commit): the same chain as `append` called once per entry, in three statements
     * whatever their number. Must run inside a transaction together with the changes recorded.
     */
    async appendMany(
      entries: readonly { readonly entry: AuditInput; readonly atMs: number }[],
    ): Promise<AuditRecord[]> {
      if (entries.length === 0) return [];
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      let seq = Number(head.seq) - entries.length;
      let prev = head.hash;
      const rows = entries.map(({ entry: e, atMs }): AuditTable => {
        const partial = {
          seq: ++seq,
          at_ms: atMs,
          actor_id: e.actorId,
          actor_name: e.actorName,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          nation: e.nation,
          details: JSON.stringify(e.details),
          prev_hash: prev,
        };
        prev = auditHash(partial);
        return { ...partial, hash: prev };
      });
      await db.insertInto('audit').values(rows).execute();
      await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
      return rows.map(toRecord);
    },
    /** Entries an admin of `viewer`'s nation may read (nation-less ones and their nation's), newest first. */
    async list(viewer: Viewer, f: AuditFilter): Promise<AuditRecord[]> {
      let q = db
        .selectFrom('audit')
        .selectAll()
        .where((eb) => eb.or([eb('nation', 'is', null), eb('nation', '=', viewer.nation)]));
      if (f.entityType) q = q.where('entity_type', '=', f.entityType);
      if (f.entityId) q = q.where('entity_id', '=', f.entityId);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
      const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute();
      return rows.map(toRecord);
    },
    /** Recomputes the whole chain, in batches, and compares it with the head. */
    async verify(batch = 1000): Promise<AuditVerification> {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let count = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .orderBy('seq')
          .limit(batch)
          .execute();
        for (const r of rows) {
          const seq = Number(r.seq);
          const bad = (reason: string): AuditVerification => ({
            ok: false,
            count,
            firstBadSeq: seq,
            reason,
          });
          if (seq !== expectedSeq) return { ...bad('missing entry'), firstBadSeq: expectedSeq };
          if (r.prev_hash !== prev) return bad('link to the previous entry broken');
          if (auditHash(r) !== r.hash) return bad('entry content does not match its hash');
          prev = r.hash;
          expectedSeq++;
          count++;
        }
        if (rows.length < batch) break;
      }
      const head = await db
        .selectFrom('audit_head')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      if (Number(head.seq) !== count || head.hash !== prev) {
        return { ok: false, count, firstBadSeq: count + 1, reason: 'entries missing at the end' };
      }
      return { ok: true, count, firstBadSeq: null, reason: null };
    },
  };
}

export type AuditRepo = ReturnType<typeof auditRepo>;
