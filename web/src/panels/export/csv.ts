/**
 * CSV (RFC 4180) writer: CRLF line ends, fields quoted when they hold a comma, a quote or a line
 * break. Text cells that a spreadsheet would run as a formula (starting with = + - @ or a tab)
 * get a leading apostrophe (OWASP "CSV injection"); numbers are written as they are.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** One field, escaped. `null`/`undefined` → empty. */
export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The whole file: a header line then one line per row.
 * @throws Error when a row does not have as many cells as there are columns.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new Error(`CSV row ${i + 1}: ${row.length} cells for ${columns.length} columns`);
    }
    lines.push(row.map(csvField).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
