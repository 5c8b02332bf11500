/** Key/value settings (JSON values) and internal metadata. */
import { type RepoContext, fromJson, toJson } from './executor.js';

export function settingsRepo({ db }: RepoContext) {
  return {
    async all(): Promise<Record<string, unknown>> {
      const rows = await db.selectFrom('settings').selectAll().execute();
      return Object.fromEntries(rows.map((r) => [r.key, fromJson(r.value)]));
    },
    async set(key: string, value: unknown, by: string | null, nowMs: number): Promise<void> {
      const row = { key, value: toJson(value), updated_at_ms: nowMs, updated_by: by };
      await db
        .insertInto('settings')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: row.value, updated_at_ms: nowMs, updated_by: by }),
        )
        .execute();
    },
    async getMeta(key: string): Promise<string | null> {
      const r = await db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return r ? r.value : null;
    },
    /** Sets a metadata key only if absent; true when this call set it. */
    async claimMeta(key: string, value: string): Promise<boolean> {
      const r = await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

export type SettingsRepo = ReturnType<typeof settingsRepo>;
