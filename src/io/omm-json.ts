/**
 * OMM in JSON, as CelesTrak (`FORMAT=json`) and Space-Track (`format/json`) publish it: an array
 * of flat objects whose keys are the OMM keywords. Values may be numbers or strings.
 */
import type { ElementSet } from '../orbit/element-set.js';
import { type CatalogIssue, issue } from './catalog-issue.js';
import { elementSetToOmm, ommToElementSet } from './omm.js';
import type { CatalogEntry, CatalogReadResult } from './catalog-types.js';

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: offset - lastNl };
}

/** Offsets of the `{` opening each element of a top-level array (or of the single object). */
function objectOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (c === 123 && (depth === 1 || (depth === 0 && out.length === 0))) out.push(i);
      depth++;
    } else if (c === 93 || c === 125) depth--;
  }
  return out;
}

/** Reads OMM JSON text. A bad object is reported (with its line) and skipped. */
export function parseOmmJson(text: string, fileName?: string): CatalogReadResult {
  const entries: CatalogEntry[] = [];
  const errors: CatalogIssue[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? lineColumnAt(text, Number(pos[1])) : {};
    errors.push(
      issue('not valid JSON', {
        file: fileName,
        ...where,
        expected: 'a JSON array of OMM objects',
        received: msg,
      }),
    );
    return { format: 'omm-json', entries, errors, warnings: [] };
  }
  const list = Array.isArray(data) ? data : [data];
  const offsets = objectOffsets(text);
  list.forEach((obj, k) => {
    const line = offsets[k] !== undefined ? lineColumnAt(text, offsets[k]!).line : undefined;
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push(
        issue('array element is not an OMM object', {
          file: fileName,
          ...(line !== undefined ? { line } : {}),
          field: `[${k}]`,
          expected: 'an object with OMM keywords',
          received: JSON.stringify(obj)?.slice(0, 40) ?? String(obj),
        }),
      );
      return;
    }
    const r = ommToElementSet(obj as Record<string, unknown>, fileName, () =>
      line !== undefined ? { line } : {},
    );
    if ('problems' in r) errors.push(...r.problems);
    else entries.push({ elements: r.elements, line: line ?? 1 });
  });
  return { format: 'omm-json', entries, errors, warnings: [] };
}

/** Writes element sets as CelesTrak-style OMM JSON (an array of flat objects). */
export function formatOmmJson(elements: readonly ElementSet[]): string {
  const list = elements.map((el) => {
    const o = elementSetToOmm(el);
    return { ...o.metadata, ...o.meanElements, ...o.tleParameters };
  });
  return `${JSON.stringify(list, null, 1)}\n`;
}
