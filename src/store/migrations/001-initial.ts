/**
 * First schema. Written once for both dialects with Kysely's schema builder; the few differences
 * (64-bit integers, auto-increment keys, append-only triggers) are chosen by `dialect`.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

export function initialMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  /** 64-bit integer for instants (ms since 1970 overflow a 32-bit INTEGER on PostgreSQL). */
  const ms = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('nation', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('expires_at_ms', ms, (c) => c.notNull())
        .addColumn('revoked_at_ms', ms)
        .addColumn('user_agent', 'text')
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('aoi', 'text', (c) => c.notNull())
        .addColumn('min_lon', real, (c) => c.notNull())
        .addColumn('min_lat', real, (c) => c.notNull())
        .addColumn('max_lon', real, (c) => c.notNull())
        .addColumn('max_lat', real, (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('window_start_ms', ms, (c) => c.notNull())
        .addColumn('window_end_ms', ms, (c) => c.notNull())
        .addColumn('sensor_type', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('requests_visibility')
        .on('requests')
        .columns(['owner_nation', 'releasability', 'created_at_ms'])
        .execute();
      await db.schema
        .createIndex('requests_created')
        .on('requests')
        .columns(['created_at_ms', 'id'])
        .execute();

      await db.schema
        .createTable('request_events')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
          pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('at_ms', ms, (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('request_events_request')
        .on('request_events')
        .column('request_id')
        .execute();

      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plan_versions')
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('horizon_start_ms', ms, (c) => c.notNull())
        .addColumn('horizon_end_ms', ms, (c) => c.notNull())
        .addColumn('job_id', 'text')
        .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version'])
        .execute();
      await db.schema
        .createTable('acquisitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('satellite_id', 'text', (c) => c.notNull())
        .addColumn('sensor_id', 'text')
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('owner_nation', 'text')
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('acquisitions_plan')
        .on('acquisitions')
        .columns(['plan_id', 'plan_version'])
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('seq', ms, (c) => c.primaryKey())
        .addColumn('at_ms', ms, (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('nation', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', ms, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
      // Append-only: the database itself refuses updates and deletes of audit rows.
      if (pg) {
        await sql`create function audit_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_no_update before update or delete on audit
          for each row execute function audit_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_no_update before update on audit
          begin select raise(abort, 'audit log is append-only'); end`.execute(db);
        await sql`create trigger audit_no_delete before delete on audit
          begin select raise(abort, 'audit log is append-only'); end`.execute(db);
      }

      await db.schema
        .createTable('satellites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('catalog_number', 'integer', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('latest_epoch_ms', real)
        .execute();
      await db.schema
        .createTable('element_sets')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
          pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('satellite_id', 'text', (c) => c.notNull().references('satellites.id'))
        .addColumn('epoch_ms', real, (c) => c.notNull())
        .addColumn('line1', 'text', (c) => c.notNull())
        .addColumn('line2', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('imported_at_ms', ms, (c) => c.notNull())
        .addColumn('imported_by', 'text')
        .addUniqueConstraint('element_sets_epoch', ['satellite_id', 'epoch_ms'])
        .execute();

      await db.schema
        .createTable('stations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('nation', 'text', (c) => c.notNull())
        .addColumn('lat_deg', real, (c) => c.notNull())
        .addColumn('lon_deg', real, (c) => c.notNull())
        .addColumn('alt_m', real, (c) => c.notNull())
        .addColumn('min_elevation_deg', real, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sensors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('satellite_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('aois')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('geometry', 'text', (c) => c.notNull())
        .addColumn('min_lon', real, (c) => c.notNull())
        .addColumn('min_lat', real, (c) => c.notNull())
        .addColumn('max_lon', real, (c) => c.notNull())
        .addColumn('max_lat', real, (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('owner_nation', 'text', (c) => c.notNull())
        .addColumn('releasability', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('started_at_ms', ms)
        .addColumn('finished_at_ms', ms)
        .addColumn('run_after_ms', ms, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('lease_until_ms', ms)
        .addColumn('cancel_requested', 'integer', (c) => c.notNull())
        .addColumn('progress', real, (c) => c.notNull())
        .addColumn('progress_message', 'text')
        .addColumn('checkpoint', 'text')
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('jobs_claim')
        .on('jobs')
        .columns(['status', 'priority', 'created_at_ms'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at_ms', ms, (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
  };
}

/** The hash the first audit entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);
