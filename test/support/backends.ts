/**
 * The storage backends every store and server test runs on: SQLite always, PostgreSQL when a
 * server answers at 127.0.0.1:5432 (or SAHELSAT_TEST_DATABASE_URL). On CI (CI=true) PostgreSQL is
 * required: a missing server fails the run instead of silently skipping half the suite. Each
 * test file gets its own PostgreSQL schema (or SQLite file), dropped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type StoreConfig, dropPostgresSchema } from '../../src/store/index.js';

export const TEST_PG_URL =
  process.env.SAHELSAT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty place to store data; `cleanup` removes it. */
  fresh(): Promise<{ config: StoreConfig; dataDir: string; cleanup: () => Promise<void> }>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-test-'));
    return {
      dataDir,
      config: { kind: 'sqlite', file: join(dataDir, 'sahelsat.sqlite') },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-test-'));
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    return {
      dataDir,
      config: { kind: 'postgres', url: TEST_PG_URL, schema },
      cleanup: async () => {
        await dropPostgresSchema(TEST_PG_URL, schema);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** The backends to run on, PostgreSQL included when reachable (always on CI). */
export async function testBackends(): Promise<Backend[]> {
  if (process.env.SAHELSAT_TEST_PG === '0') return [sqlite];
  if (await postgresReachable()) return [sqlite, postgres];
  if (process.env.CI)
    throw new Error(`PostgreSQL is required on CI but ${TEST_PG_URL} does not answer`);
  console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: running the SQLite backend only`);
  return [sqlite];
}

/** A DATABASE_URL-style URL selecting a schema, for child processes (`?options=-c search_path`). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return u.toString();
}
