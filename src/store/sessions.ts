/** Login sessions. The store keeps the SHA-256 of each bearer token, never the token. */
import type { RepoContext } from './executor.js';
import type { Nation, Role, SessionRecord } from './records.js';
import type { SessionsTable } from './schema.js';

function toSession(r: SessionsTable): SessionRecord {
  return {
    tokenHash: r.id,
    id: r.public_id,
    userId: r.user_id,
    createdAtMs: Number(r.created_at_ms),
    expiresAtMs: Number(r.expires_at_ms),
    revokedAtMs: r.revoked_at_ms === null ? null : Number(r.revoked_at_ms),
    userAgent: r.user_agent,
    ip: r.ip,
  };
}

export function sessionsRepo({ db }: RepoContext) {
  return {
    async insert(s: Omit<SessionRecord, 'revokedAtMs'>): Promise<SessionRecord> {
      const row: SessionsTable = {
        id: s.tokenHash,
        public_id: s.id,
        user_id: s.userId,
        created_at_ms: s.createdAtMs,
        expires_at_ms: s.expiresAtMs,
        revoked_at_ms: null,
        user_agent: s.userAgent,
        ip: s.ip,
      };
      await db.insertInto('sessions').values(row).execute();
      return toSession(row);
    },
    async getByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', tokenHash)
        .executeTakeFirst();
      return r ? toSession(r) : null;
    },
    /** The session of a token hash with its user's role, nation and state, in one query. */
    async getWithUser(tokenHash: string): Promise<{
      session: SessionRecord;
      user: { id: string; username: string; role: Role; nation: Nation; disabled: boolean };
    } | null> {
      const r = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('s')
        .select(['u.username', 'u.role', 'u.nation', 'u.disabled'])
        .where('s.id', '=', tokenHash)
        .executeTakeFirst();
      if (!r) return null;
      return {
        session: toSession(r),
        user: {
          id: r.user_id,
          username: r.username,
          role: r.role as Role,
          nation: r.nation as Nation,
          disabled: r.disabled !== 0,
        },
      };
    },
    async get(id: string): Promise<SessionRecord | null> {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('public_id', '=', id)
        .executeTakeFirst();
      return r ? toSession(r) : null;
    },
    /** Live (unexpired, unrevoked) sessions of a user, newest first. */
    async listLive(userId: string, nowMs: number): Promise<SessionRecord[]> {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at_ms', 'is', null)
        .where('expires_at_ms', '>', nowMs)
        .orderBy('created_at_ms', 'desc')
        .execute();
      return rows.map(toSession);
    },
    /** Revokes one session by public id; false when it was not live. */
    async revoke(id: string, nowMs: number): Promise<boolean> {
      const r = await db
        .updateTable('sessions')
        .set({ revoked_at_ms: nowMs })
        .where('public_id', '=', id)
        .where('revoked_at_ms', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Revokes every live session of a user (but `exceptId`); returns their public ids. */
    async revokeAllOfUser(userId: string, nowMs: number, exceptId?: string): Promise<string[]> {
      let q = db
        .updateTable('sessions')
        .set({ revoked_at_ms: nowMs })
        .where('user_id', '=', userId)
        .where('revoked_at_ms', 'is', null);
      if (exceptId !== undefined) q = q.where('public_id', '<>', exceptId);
      const rows = await q.returning('public_id').execute();
      return rows.map((r) => r.public_id);
    },
    /** Deletes sessions that expired or were revoked before `beforeMs`. */
    async purge(beforeMs: number): Promise<number> {
      const r = await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('expires_at_ms', '<', beforeMs), eb('revoked_at_ms', '<', beforeMs)]),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
