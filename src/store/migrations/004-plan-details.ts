/**
 * Plan versions made by the planner keep the planner's answer beside their acquisitions:
 * downlinks, per-request outcome (expected acquisition and delivery, or why not), per-nation
 * satisfaction, value and bound, and for emergency repairs what was displaced. JSON text,
 * null for versions made by hand. Requests gain their optional planning constraints. Nation
 * entitlements live in `settings` (no table needed).
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

export function planDetailsMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('plan_versions').addColumn('details', 'text').execute();
      // A request's optional planning constraints (JSON: maxOffNadirDeg, minSunElevationDeg,
      // recurrence), null when it has none.
      await db.schema.alterTable('requests').addColumn('constraints', 'text').execute();
    },
  };
}
