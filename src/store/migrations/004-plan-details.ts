/**
 * Plan versions made by the planner keep the planner's answer beside their acquisitions:
 * downlinks, per-request outcome (expected acquisition and delivery, or why not), per-nation
 * satisfaction, value and bound, and for emergency repairs what was displaced. JSON text,
 * null for versions made by hand. Nation entitlements live in `settings` (no table needed).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

export function planDetailsMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('plan_versions').addColumn('details', 'text').execute();
    },
  };
}
