/**
 * Logins and sessions. A session is a random 256-bit token given to the client (cookie and
 * body); the store keeps only its SHA-256, so a database leak yields no usable token. Sessions
 * expire after a fixed lifetime and can be revoked (logout, an admin, disabling the user).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionRecord, Store, UserRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { verifyNothing, verifyPassword } from '../passwords.js';
import type { Caller } from '../policy.js';
import { audit } from './audit.js';

export const DEFAULT_SESSION_TTL_MS = 12 * 3600_000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AuthServiceOptions {
  /** Lifetime of a session when settings do not say otherwise, ms. */
  readonly sessionTtlMs: number;
  /**
   * How long a session read from the store (with its user) is reused to authenticate calls, ms
   * (default 0: read at every call). Revocations through this process (logout, an admin, a
   * user change) empty the cache at once; other processes' are seen at most this late.
   */
  readonly sessionCacheMs?: number;
}

/** Most sessions kept in the cache (the oldest is dropped beyond). */
const SESSION_CACHE_SIZE = 10_000;

type SessionWithUser = NonNullable<Awaited<ReturnType<Store['sessions']['getWithUser']>>>;

export function authService(deps: ServiceDeps, opts: AuthServiceOptions) {
  const { store, clock } = deps;
  const cacheMs = opts.sessionCacheMs ?? 0;
  // Token hash → the session and user read, and until when (monotonic time: an injected clock
  // may stand still). Only sessions that exist are kept, so unknown tokens cannot fill it. A
  // revocation bumps the generation, so a read that started before it is not kept after it.
  const cache = new Map<string, { found: SessionWithUser; untilMs: number }>();
  let generation = 0;
  deps.events.onNotice((n) => {
    if (n.type === 'sessions.revoked') {
      generation++;
      cache.clear();
    }
  });
  const sessionOf = async (hash: string): Promise<SessionWithUser | null> => {
    const t = performance.now();
    const hit = cache.get(hash);
    if (hit && hit.untilMs > t) return hit.found;
    if (hit) cache.delete(hash);
    const gen = generation;
    const found = await store.sessions.getWithUser(hash);
    if (found && cacheMs > 0 && gen === generation) {
      cache.set(hash, { found, untilMs: t + cacheMs });
      if (cache.size > SESSION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return found;
  };
  const ttl = async (): Promise<number> => {
    const settings = await store.settings.all();
    const hours = settings.sessionTtlHours;
    return typeof hours === 'number' ? hours * 3600_000 : opts.sessionTtlMs;
  };
  return {
    /** Checks credentials and opens a session. @throws ApiError 401 on any failure. */
    async login(
      username: string,
      password: string,
      meta: { userAgent: string | null; ip: string | null },
    ): Promise<{ token: string; session: SessionRecord; user: UserRecord }> {
      const found = await store.users.getByUsername(username);
      const ok = found
        ? await verifyPassword(found.passwordHash, password)
        : await verifyNothing(password);
      if (!found || !ok || found.user.disabled) {
        throw new ApiError(401, 'bad-credentials', 'error.bad-credentials');
      }
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const user = found.user;
      const lifetimeMs = await ttl(); // outside the transaction: SQLite has a single connection
      const session = await store.transaction(async (tx) => {
        const s = await tx.sessions.insert({
          tokenHash: tokenHash(token),
          id: randomUUID(),
          userId: user.id,
          createdAtMs: now,
          expiresAtMs: now + lifetimeMs,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
          ip: meta.ip,
        });
        await audit(tx, now, { ...user, sessionId: s.id }, 'session.login', {
          type: 'user',
          id: user.id,
          nation: user.nation,
        });
        return s;
      });
      return { token, session, user };
    },
    /** The caller a token belongs to, or null (unknown, expired, revoked, user disabled). */
    async authenticate(token: string): Promise<{ caller: Caller; session: SessionRecord } | null> {
      const found = await sessionOf(tokenHash(token));
      if (!found) return null;
      const { session, user } = found;
      if (session.revokedAtMs !== null || session.expiresAtMs <= clock() || user.disabled)
        return null;
      return {
        session,
        caller: {
          id: user.id,
          username: user.username,
          role: user.role,
          nation: user.nation,
          sessionId: session.id,
        },
      };
    },
    async listSessions(caller: Caller): Promise<SessionRecord[]> {
      return store.sessions.listLive(caller.id, clock());
    },
    /** Revokes a session of the caller (or, for an admin, of a user they manage). */
    async revoke(
      caller: Caller,
      sessionId: string,
      mayManage: (userId: string) => Promise<boolean>,
    ): Promise<void> {
      const s = await store.sessions.get(sessionId);
      if (!s || (s.userId !== caller.id && !(await mayManage(s.userId)))) throw notFound('session');
      const now = clock();
      await store.transaction(async (tx) => {
        await tx.sessions.revoke(sessionId, now);
        await audit(
          tx,
          now,
          caller,
          'session.revoke',
          { type: 'session', id: sessionId, nation: null },
          { userId: s.userId },
        );
      });
      deps.events.notify({ type: 'sessions.revoked', sessionIds: [sessionId] });
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
