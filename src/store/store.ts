/**
 * Opening the store: SQLite (embedded default, one file in the data directory, WAL mode) or
 * PostgreSQL (`DATABASE_URL`). Both run the same migrations and the same repositories through
 * one query builder (Kysely); the dialect only changes a few DDL types and the job claim.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { alertsRepo } from './alerts.js';
import { auditRepo } from './audit.js';
import { catalogueRepo } from './catalogue.js';
import type { Dialect } from './dialect.js';
import type { Executor, RepoContext } from './executor.js';
import { jobsRepo } from './jobs.js';
import { initialMigration } from './migrations/001-initial.js';
import { alertsMigration } from './migrations/003-alerts.js';
import { productsMigration } from './migrations/002-products.js';
import { planDetailsMigration } from './migrations/004-plan-details.js';
import { userLayersMigration } from './migrations/005-user-layers.js';
import { plansRepo } from './plans.js';
import { productsRepo } from './products.js';
import { requestsRepo } from './requests.js';
import type { Database } from './schema.js';
import { sessionsRepo } from './sessions.js';
import { settingsRepo } from './settings.js';
import { stacRepo } from './stac.js';
import { userLayersRepo } from './user-layers.js';
import { usersRepo } from './users.js';

/** Where the data lives. */
export type StoreConfig =
  | {
      readonly kind: 'sqlite';
      /** Database file; `:memory:` for a throw-away store. */
      readonly file: string;
      /**
       * `normal` (default): a crash of the process (kill -9) loses nothing committed; a power cut
       * may lose the last transactions but never corrupts. `full`: an fsync at every commit.
       */
      readonly synchronous?: 'normal' | 'full';
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema to use (created if missing); default: the server's search_path. */
      readonly schema?: string;
      /** Connections in the pool (default 10). */
      readonly poolSize?: number;
    };

/** The repositories, bound to a connection or to a transaction. */
export interface Repos {
  readonly users: ReturnType<typeof usersRepo>;
  readonly sessions: ReturnType<typeof sessionsRepo>;
  readonly requests: ReturnType<typeof requestsRepo>;
  readonly alerts: ReturnType<typeof alertsRepo>;
  readonly audit: ReturnType<typeof auditRepo>;
  readonly catalogue: ReturnType<typeof catalogueRepo>;
  readonly plans: ReturnType<typeof plansRepo>;
  readonly jobs: ReturnType<typeof jobsRepo>;
  readonly settings: ReturnType<typeof settingsRepo>;
  readonly products: ReturnType<typeof productsRepo>;
  readonly stac: ReturnType<typeof stacRepo>;
  readonly userLayers: ReturnType<typeof userLayersRepo>;
}

/** The outcome of one item of {@link Store.transactionEach}. */
export type Settled<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** The store: repositories, transactions, and closing. */
export interface Store extends Repos {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` for each item in one transaction, each item in its own savepoint: an item whose
   * `fn` throws is rolled back alone (its error is returned in its place) and the others commit
   * together. Throws, with nothing written, when the transaction itself fails (e.g. its commit).
   */
  transactionEach<I, R>(
    items: readonly I[],
    fn: (tx: Repos, item: I) => Promise<R>,
  ): Promise<Settled<R>[]>;
  /** Raw access for maintenance and tests (integrity checks); not for application code. */
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

function repos(ctx: RepoContext): Repos {
  return {
    users: usersRepo(ctx),
    sessions: sessionsRepo(ctx),
    requests: requestsRepo(ctx),
    alerts: alertsRepo(ctx),
    audit: auditRepo(ctx),
    catalogue: catalogueRepo(ctx),
    plans: plansRepo(ctx),
    jobs: jobsRepo(ctx),
    settings: settingsRepo(ctx),
    products: productsRepo(ctx),
    stac: stacRepo(ctx),
    userLayers: userLayersRepo(ctx),
  };
}

/** Default SQLite file inside a data directory (created if missing). */
export function sqliteFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'sahelsat.sqlite');
}

/** Opens the store and brings its schema up to date (migrations run at every start). */
export async function openStore(config: StoreConfig): Promise<Store> {
  const { db, dialect } = await connect(config);
  try {
    await migrate(db, dialect, config.kind === 'postgres' ? config.schema : undefined);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const make = (exec: Executor) => repos({ db: exec, dialect });
  return {
    dialect,
    db,
    ...make(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(make(trx))),
    transactionEach: (items, fn) =>
      db.transaction().execute(async (trx) => {
        const tx = make(trx);
        const out: Settled<Awaited<ReturnType<typeof fn>>>[] = [];
        for (const item of items) {
          await sql`savepoint item`.execute(trx);
          try {
            const value = await fn(tx, item);
            await sql`release savepoint item`.execute(trx);
            out.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint item`.execute(trx);
            await sql`release savepoint item`.execute(trx);
            out.push({ ok: false, error });
          }
        }
        return out;
      }),
    close: () => db.destroy(),
  };
}

async function connect(config: StoreConfig): Promise<{ db: Kysely<Database>; dialect: Dialect }> {
  if (config.kind === 'sqlite') {
    const database = new SQLite(config.file);
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${config.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return {
      db: new Kysely<Database>({
        dialect: new SqliteDialect({ database: withStatementCache(database) }),
      }),
      dialect: 'sqlite',
    };
  }
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      // BIGINT (20) and COUNT results: our integers (ms instants, counts) fit in a double.
      oid === 20
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
  };
  if (config.schema) {
    const admin = new pg.Client({ connectionString: config.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${quoteIdent(config.schema)}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    types,
    ...(config.schema ? { options: `-c search_path=${quoteIdent(config.schema)},public` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection (server restart): the pool replaces it on next use.
  });
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
  };
}

/**
 * Kysely prepares every query anew; SQLite statements are reusable, and preparing is a good part
 * of a small query's cost. Keeps the most recent prepared statements by SQL text.
 */
function withStatementCache(database: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string): SQLite.Statement {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText); // re-insert: most recently used last
      } else {
        stmt = database.prepare(sqlText);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function migrate(
  db: Kysely<Database>,
  dialect: Dialect,
  schema: string | undefined,
): Promise<void> {
  if (dialect === 'postgres' && schema === undefined) {
    // No schema given: the first of the connection's search_path (e.g. set by `options` in
    // DATABASE_URL), named explicitly for the reason below.
    const r = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
    schema = r.rows[0]?.s ?? undefined;
  }
  const migrator = new Migrator({
    db,
    // Kysely looks for its own tables in every schema unless told which: with several schemas in
    // one database (tests, or servers sharing a database), another schema's tables fooled it.
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: {
      getMigrations: async () => ({
        '001-initial': initialMigration(dialect),
        '002-products': productsMigration(dialect),
        '003-alerts': alertsMigration(dialect),
        '004-plan-details': planDetailsMigration(dialect),
        '005-user-layers': userLayersMigration(dialect),
      }),
    },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** Drops a PostgreSQL schema and everything in it (test clean-up). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
  } finally {
    await client.end();
  }
}

/** SQLite's own consistency check ("ok" when the file is sound). */
export async function sqliteIntegrityCheck(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return r.rows.map((x) => x.integrity_check).join('; ');
}
