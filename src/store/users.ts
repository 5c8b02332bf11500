/** Users and their password hashes. */
import type { RepoContext } from './executor.js';
import type { Nation, Role, UserRecord } from './records.js';
import type { UsersTable } from './schema.js';

function toUser(r: UsersTable): UserRecord {
  return {
    id: r.id,
    username: r.username,
    role: r.role as Role,
    nation: r.nation as Nation,
    disabled: r.disabled !== 0,
    createdAtMs: Number(r.created_at_ms),
    updatedAtMs: Number(r.updated_at_ms),
  };
}

export interface NewUser {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly nation: Nation;
  readonly nowMs: number;
}

export interface UserChanges {
  readonly role?: Role;
  readonly nation?: Nation;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

export function usersRepo({ db }: RepoContext) {
  return {
    async insert(u: NewUser): Promise<UserRecord> {
      const row: UsersTable = {
        id: u.id,
        username: u.username,
        password_hash: u.passwordHash,
        role: u.role,
        nation: u.nation,
        disabled: 0,
        created_at_ms: u.nowMs,
        updated_at_ms: u.nowMs,
      };
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },
    async get(id: string): Promise<UserRecord | null> {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async getByUsername(
      username: string,
    ): Promise<{ user: UserRecord; passwordHash: string } | null> {
      const r = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
    },
    /** Users of one nation, or of every nation when `nation` is null; by username. */
    async list(nation: Nation | null): Promise<UserRecord[]> {
      let q = db.selectFrom('users').selectAll();
      if (nation) q = q.where('nation', '=', nation);
      return (await q.orderBy('username').execute()).map(toUser);
    },
    async update(id: string, c: UserChanges, nowMs: number): Promise<UserRecord | null> {
      const set: Partial<UsersTable> = { updated_at_ms: nowMs };
      if (c.role !== undefined) set.role = c.role;
      if (c.nation !== undefined) set.nation = c.nation;
      if (c.disabled !== undefined) set.disabled = c.disabled ? 1 : 0;
      if (c.passwordHash !== undefined) set.password_hash = c.passwordHash;
      await db.updateTable('users').set(set).where('id', '=', id).execute();
      return this.get(id);
    },
    async count(): Promise<number> {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;
