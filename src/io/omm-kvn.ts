/**
 * OMM in Keyword = Value Notation (CCSDS 502.0-B-3 §4): one `KEY = value [unit]` per line,
 * COMMENT lines, several messages in one file each opened by `CCSDS_OMM_VERS`.
 */
import type { ElementSet } from '../orbit/element-set.js';
import { type CatalogIssue, issue } from './catalog-issue.js';
import type { CatalogEntry, CatalogReadResult } from './catalog-types.js';
import { elementSetToOmm, ommToElementSet } from './omm.js';

const LINE_RE = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*(?:\[[^\]]*\])?\s*$/;

/** Reads OMM KVN text; a bad message is reported and skipped. */
export function parseOmmKvn(text: string, fileName?: string): CatalogReadResult {
  const entries: CatalogEntry[] = [];
  const errors: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  let current: {
    fields: Record<string, string>;
    lines: Record<string, number>;
    start: number;
  } | null = null;
  const flush = (): void => {
    if (!current) return;
    const c = current;
    const r = ommToElementSet(c.fields, fileName, (k) => ({ line: c.lines[k] ?? c.start }));
    if ('problems' in r) errors.push(...r.problems);
    else entries.push({ elements: r.elements, line: c.start });
    current = null;
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('COMMENT')) return;
    const m = LINE_RE.exec(raw);
    if (!m) {
      errors.push(
        issue('not a KVN line', {
          file: fileName,
          line: lineNo,
          column: 1,
          expected: 'KEYWORD = value',
          received: raw,
        }),
      );
      return;
    }
    const key = m[1]!;
    const value = m[2]!;
    if (key === 'CCSDS_OMM_VERS') {
      flush();
      current = { fields: {}, lines: {}, start: lineNo };
      return;
    }
    if (!current) {
      // Tolerate a file without the version line: open a message at the first keyword.
      warnings.push(
        issue('message does not start with CCSDS_OMM_VERS', {
          file: fileName,
          line: lineNo,
          field: key,
        }),
      );
      current = { fields: {}, lines: {}, start: lineNo };
    }
    if (key in current.fields && key !== 'USER_DEFINED') {
      // A repeated keyword without a new version line starts a new message (some writers omit it).
      if (key === 'OBJECT_NAME' || key === 'EPOCH') {
        flush();
        current = { fields: {}, lines: {}, start: lineNo };
      } else {
        errors.push(
          issue(`keyword ${key} repeated`, {
            file: fileName,
            line: lineNo,
            field: key,
            received: value,
          }),
        );
      }
    }
    current.fields[key] = value;
    current.lines[key] = lineNo;
  });
  flush();
  return { format: 'omm-kvn', entries, errors, warnings };
}

/** Writes element sets as OMM KVN messages (CCSDS_OMM_VERS = 3.0). */
export function formatOmmKvn(elements: readonly ElementSet[], creationDate = new Date(0)): string {
  const out: string[] = [];
  for (const el of elements) {
    const o = elementSetToOmm(el);
    out.push('CCSDS_OMM_VERS = 3.0');
    out.push(`CREATION_DATE = ${creationDate.toISOString().replace('Z', '')}`);
    out.push('ORIGINATOR = SAHELSAT');
    out.push('');
    for (const [k, v] of Object.entries(o.metadata)) out.push(`${k.padEnd(20)} = ${v}`);
    out.push('');
    for (const [k, v] of Object.entries(o.meanElements)) out.push(`${k.padEnd(20)} = ${v}`);
    for (const [k, v] of Object.entries(o.tleParameters)) out.push(`${k.padEnd(20)} = ${v}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
