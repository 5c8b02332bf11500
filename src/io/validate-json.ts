/**
 * Validating JSON files against zod schemas with errors that name the file and the field path
 * (and the line, located by searching the key in the text).
 */
import type { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { lineColumnAt } from './omm-json.js';

/** Parses JSON text and validates it; throws a located ValidationError on the first problem. */
export function parseJsonWith<S extends z.ZodType>(
  schema: S,
  text: string,
  fileName: string,
): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    throw new ValidationError('not valid JSON', {
      location: { file: fileName, ...(pos ? lineColumnAt(text, Number(pos[1])) : {}) },
      received: msg,
    });
  }
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const path = first.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  const key = [...first.path].reverse().find((p) => typeof p === 'string');
  const idx = key !== undefined ? text.indexOf(`"${String(key)}"`) : -1;
  throw new ValidationError(first.message, {
    location: {
      file: fileName,
      ...(idx >= 0 ? { line: lineColumnAt(text, idx).line } : {}),
      field: path || '(root)',
    },
  });
}
