/**
 * Reads the ITU-R validation tables of ../shared/reference/itur/ in place: line 1 = column
 * names, line 2 = units, data from line 3; the encodings vary (cp1252 or UTF-8) but only the
 * ASCII names and numbers matter, so the bytes are read as latin1. The MANIFEST gives, per
 * file, the number of data rows and the tolerance (`places`: |expected − computed| < 0.5·10⁻ⁿ).
 */
import { readReference } from '../../support/reference.js';
import { readFileSync } from 'node:fs';
import { referencePath } from '../../support/reference.js';

export interface IturTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, number>>>;
}

/** Parses one validation CSV (path relative to reference/itur/). Every cell must be a number. */
export function readIturTable(file: string): IturTable {
  const text = readFileSync(referencePath('itur', file), 'latin1');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const columns = lines[0]!.split(',').map((c) => c.trim());
  const rows = lines.slice(2).map((line, i) => {
    const cells = line.split(',');
    const row: Record<string, number> = {};
    columns.forEach((c, j) => {
      const v = Number(cells[j]);
      if (cells[j] === undefined || cells[j]!.trim() === '' || !Number.isFinite(v)) {
        throw new Error(
          `${file}:${i + 3}: column ${c} is not a number: ${JSON.stringify(cells[j])}`,
        );
      }
      row[c] = v;
    });
    return row;
  });
  return { file, columns, rows };
}

export interface ManifestEntry {
  readonly file: string;
  readonly rows: number;
  readonly places: number;
  readonly expected: string;
}

/** The MANIFEST entries for a file (a file can be listed twice, once per output). */
export function manifest(file: string): ManifestEntry[] {
  const lines = readReference('itur', 'MANIFEST.csv').split(/\r?\n/).filter(Boolean);
  const out: ManifestEntry[] = [];
  for (const line of lines.slice(1)) {
    // fields may be quoted and contain commas
    const cells = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1] ?? '');
    if (cells[0] !== file) continue;
    out.push({ file, expected: cells[4]!, rows: Number(cells[5]), places: Number(cells[7]) });
  }
  if (out.length === 0) throw new Error(`${file} is not in MANIFEST.csv`);
  return out;
}

/** The absolute tolerance that `assertAlmostEqual(places=n)` allows. */
export function placesTolerance(places: number): number {
  return 0.5 * 10 ** -places;
}

/**
 * Reads a table and checks it has the number of rows the MANIFEST announces, so a test that
 * loops over it can never silently check nothing.
 */
export function loadValidation(file: string): {
  table: IturTable;
  places: number;
  tolerance: number;
} {
  const entries = manifest(file);
  const table = readIturTable(file);
  const first = entries[0]!;
  if (table.rows.length !== first.rows) {
    throw new Error(`${file}: ${table.rows.length} data rows, MANIFEST says ${first.rows}`);
  }
  return { table, places: first.places, tolerance: placesTolerance(first.places) };
}
