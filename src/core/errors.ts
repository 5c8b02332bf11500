/**
 * The typed error hierarchy shared by every layer. Messages say what was expected, what came,
 * and where (file, line, column or field) when a location is known.
 */

/** Where a problem was found in an input: any of file, line (1-based), column (1-based), field. */
export interface SourceLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
}

/** Formats a location as `file:line:column (field)`, omitting what is unknown. */
export function formatLocation(loc: SourceLocation): string {
  if (loc.file === undefined && loc.line === undefined && loc.column === undefined)
    return loc.field ?? '';
  let s = loc.file ?? '';
  if (loc.line !== undefined) s += `${s ? ':' : 'line '}${loc.line}`;
  if (loc.column !== undefined)
    s += `${loc.line !== undefined ? ':' : s ? ':' : 'column '}${loc.column}`;
  if (loc.field !== undefined) s += `${s ? ' ' : ''}(${loc.field})`;
  return s;
}

/** Base class: every error of ours carries a stable machine-readable `code`. */
export class SahelsatError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An input (argument, file, request body) does not satisfy its contract. */
export class ValidationError extends SahelsatError {
  readonly location: SourceLocation;
  readonly expected: string | undefined;
  readonly received: string | undefined;
  /** The message alone, without location, expected and received (for translated output). */
  readonly detail: string;
  constructor(
    message: string,
    details: {
      location?: SourceLocation;
      expected?: string;
      received?: string;
      code?: string;
    } = {},
  ) {
    const where = details.location ? formatLocation(details.location) : '';
    const parts = [where ? `${where}: ${message}` : message];
    if (details.expected !== undefined) parts.push(`expected ${details.expected}`);
    if (details.received !== undefined) parts.push(`got ${JSON.stringify(details.received)}`);
    super(details.code ?? 'invalid-input', parts.join('; '));
    this.detail = message;
    this.location = details.location ?? {};
    this.expected = details.expected;
    this.received = details.received;
  }
}

/** A thing that was asked for by name or id does not exist. */
export class NotFoundError extends SahelsatError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/** The request conflicts with the current state (duplicate, wrong lifecycle step…). */
export class ConflictError extends SahelsatError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** A computation was asked for outside the validity domain of its model. */
export class DomainError extends SahelsatError {
  constructor(message: string, code = 'out-of-domain') {
    super(code, message);
  }
}
