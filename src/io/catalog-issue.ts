/**
 * A problem found while reading a catalogue file: where (file, line, column, field), what was
 * expected and what came. Readers collect these and go on with the next entry.
 */
import { type SourceLocation, formatLocation } from '../core/errors.js';

export interface CatalogIssue {
  readonly message: string;
  readonly location: SourceLocation;
  readonly expected?: string;
  readonly received?: string;
}

/** Builds an issue from a message and its details. */
export function issue(
  message: string,
  d: {
    file?: string | undefined;
    line?: number;
    column?: number;
    field?: string;
    expected?: string;
    received?: string;
  },
): CatalogIssue {
  const location: SourceLocation = {
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.field !== undefined ? { field: d.field } : {}),
  };
  return {
    message,
    location,
    ...(d.expected !== undefined ? { expected: d.expected } : {}),
    ...(d.received !== undefined ? { received: d.received } : {}),
  };
}

/** The connecting words of {@link formatIssue}, for translated output. */
export interface IssueWords {
  readonly expected: string;
  readonly got: string;
}

const ENGLISH: IssueWords = { expected: 'expected', got: 'got' };

/** One-line human-readable form: `file:12:34 (field): message; expected …; got "…"`. */
export function formatIssue(i: CatalogIssue, words: IssueWords = ENGLISH): string {
  const where = formatLocation(i.location);
  let s = where ? `${where}: ${i.message}` : i.message;
  if (i.expected !== undefined) s += `; ${words.expected} ${i.expected}`;
  if (i.received !== undefined) s += `; ${words.got} ${JSON.stringify(i.received)}`;
  return s;
}
