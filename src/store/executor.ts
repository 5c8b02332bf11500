/** Helpers shared by the repositories: the executor type, JSON columns, the visibility rule. */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';
import type { Viewer } from './records.js';

/** A connection or an open transaction: repositories run on either. */
export type Executor = Kysely<Database>;

/** What every repository is built from. */
export interface RepoContext {
  readonly db: Executor;
  readonly dialect: Dialect;
}

/**
 * The releasability rule, in one place: a row is visible to a viewer when it is released to the
 * alliance, or when it belongs to the viewer's nation. `prefix` qualifies the columns when the
 * query joins tables.
 */
export function visibleTo(viewer: Viewer, prefix = ''): RawBuilder<boolean> {
  const rel = sql.ref(`${prefix}releasability`);
  const owner = sql.ref(`${prefix}owner_nation`);
  return sql<boolean>`(${rel} = 'alliance' or ${owner} = ${viewer.nation})`;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Escapes LIKE wildcards so that a search term matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
