/**
 * Errors of the STAC API: a status, a code and a description (the STAC API exception shape).
 * The description is a message key with values, rendered in the caller's language by the route.
 */
import type { Lang } from '../../i18n/index.js';
import { type StacMessageKey, stacMessages } from './messages.js';

type Vars = Record<string, string | number>;

export class StacError extends Error {
  readonly status: number;
  readonly code: string;
  readonly key: StacMessageKey;
  /** Values of the message; a string starting with `@` is itself a message key. */
  readonly vars: Vars;
  constructor(status: number, code: string, key: StacMessageKey, vars: Vars = {}) {
    super(describe('en', key, vars));
    this.status = status;
    this.code = code;
    this.key = key;
    this.vars = vars;
  }

  /** The description in a language. */
  describe(lang: Lang): string {
    return describe(lang, this.key, this.vars);
  }
}

function describe(lang: Lang, key: StacMessageKey, vars: Vars): string {
  const filled: Vars = {};
  for (const [k, v] of Object.entries(vars))
    filled[k] =
      typeof v === 'string' && v.startsWith('@')
        ? stacMessages(lang, v.slice(1) as StacMessageKey)
        : v;
  if (typeof vars.detail === 'string' && !vars.detail.startsWith('@'))
    filled.detail = stacMessages(lang, vars.detail as StacMessageKey, filled);
  return stacMessages(lang, key, filled);
}

/**
 * A 400 for a bad parameter, naming it: `{name}: {detail}`, the detail being a message key
 * filled with `vars`.
 */
export const badParameter = (name: string, detail: StacMessageKey, vars: Vars = {}): StacError =>
  new StacError(400, 'InvalidParameterValue', 'bad-parameter', { ...vars, name, detail });

export const notFound = (key: 'not-found.collection' | 'not-found.item', id: string): StacError =>
  new StacError(404, 'NotFound', key, { id });
