/** User accounts: created and changed by admins; each change is audited. */
import type { Nation, UserRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { type Caller, mayManageNation, requirePermission } from '../policy.js';
import { audit } from './audit.js';
import type { NewUserBody, UserPatchBody } from '../schemas/auth.js';
import type { z } from 'zod';

export function usersService(deps: ServiceDeps) {
  const { store, clock } = deps;
  /** A user the admin may manage, or 404 (other nations' accounts do not exist for them). */
  const managed = async (caller: Caller, id: string): Promise<UserRecord> => {
    requirePermission(caller, 'manage users');
    const u = await store.users.get(id);
    if (!u || !mayManageNation(caller, u.nation)) throw notFound('user');
    return u;
  };
  return {
    async list(caller: Caller): Promise<UserRecord[]> {
      requirePermission(caller, 'manage users');
      return store.users.list(caller.nation === 'AES' ? null : caller.nation);
    },
    /** A user: oneself, or one the admin manages. */
    async get(caller: Caller, id: string): Promise<UserRecord> {
      if (id === caller.id) return (await store.users.get(id))!;
      return managed(caller, id);
    },
    async create(caller: Caller, b: z.infer<typeof NewUserBody>): Promise<UserRecord> {
      requirePermission(caller, 'manage users');
      if (!mayManageNation(caller, b.nation)) {
        throw new ApiError(403, 'forbidden', 'error.forbidden', {
          role: caller.role,
          action: `manage users of ${b.nation}`,
        });
      }
      const passwordHash = await hashPassword(b.password);
      const now = clock();
      return store.transaction(async (tx) => {
        if (await tx.users.getByUsername(b.username)) {
          throw new ApiError(409, 'username-taken', 'error.conflict', {
            detail: `username "${b.username}" is taken`,
          });
        }
        const u = await tx.users.insert({
          id: deps.newId(),
          username: b.username,
          passwordHash,
          role: b.role,
          nation: b.nation,
          nowMs: now,
        });
        await audit(
          tx,
          now,
          caller,
          'user.create',
          { type: 'user', id: u.id },
          { username: u.username, role: u.role, nation: u.nation },
        );
        return u;
      });
    },
    async update(
      caller: Caller,
      id: string,
      b: z.infer<typeof UserPatchBody>,
    ): Promise<UserRecord> {
      const before = await managed(caller, id);
      if (b.nation !== undefined && !mayManageNation(caller, b.nation)) {
        throw new ApiError(403, 'forbidden', 'error.forbidden', {
          role: caller.role,
          action: `manage users of ${b.nation}`,
        });
      }
      const passwordHash = b.password === undefined ? undefined : await hashPassword(b.password);
      const now = clock();
      let revoked: string[] = [];
      const u = await store.transaction(async (tx) => {
        const after = await tx.users.update(
          id,
          { role: b.role, nation: b.nation, disabled: b.disabled, passwordHash },
          now,
        );
        const changes: Record<string, unknown> = {};
        if (b.role !== undefined) changes.role = [before.role, b.role];
        if (b.nation !== undefined) changes.nation = [before.nation, b.nation];
        if (b.disabled !== undefined) changes.disabled = [before.disabled, b.disabled];
        if (b.password !== undefined) changes.password = 'changed';
        // A changed role, nation, password or a disabled account ends the user's sessions.
        revoked = await tx.sessions.revokeAllOfUser(id, now);
        await audit(
          tx,
          now,
          caller,
          'user.update',
          { type: 'user', id },
          { ...changes, sessionsRevoked: revoked.length },
        );
        return after!;
      });
      deps.events.notify({ type: 'sessions.revoked', sessionIds: revoked });
      return u;
    },
    async changeOwnPassword(caller: Caller, current: string, next: string): Promise<void> {
      const found = await store.users.getByUsername(caller.username);
      if (!found || !(await verifyPassword(found.passwordHash, current))) {
        throw new ApiError(400, 'invalid-input', 'error.validation', { count: 1 }, [
          { path: 'body.currentPassword', message: 'the current password is wrong' },
        ]);
      }
      const passwordHash = await hashPassword(next);
      const now = clock();
      let revoked: string[] = [];
      await store.transaction(async (tx) => {
        await tx.users.update(caller.id, { passwordHash }, now);
        revoked = await tx.sessions.revokeAllOfUser(caller.id, now, caller.sessionId);
        await audit(tx, now, caller, 'user.password', { type: 'user', id: caller.id });
      });
      deps.events.notify({ type: 'sessions.revoked', sessionIds: revoked });
    },
    /** Whether `caller` manages the account `userId` (for session revocation). */
    async manages(caller: Caller, userId: string): Promise<boolean> {
      if (caller.role !== 'admin') return false;
      const u = await store.users.get(userId);
      return u !== null && mayManageNation(caller, u.nation as Nation);
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
