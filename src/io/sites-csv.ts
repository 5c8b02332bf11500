/**
 * The batch attenuation CSV: input columns
 * `site,lat_deg,lon_deg,alt_m,freq_ghz,elevation_deg,p_percent,diameter_m,efficiency,tau_deg`
 * (header required, any order, comma-separated, `alt_m` may be empty for P.1511), output the
 * same columns plus `a_gas_db,a_cloud_db,a_rain_db,a_scint_db,a_total_db`.
 */
import { ValidationError } from '../core/errors.js';

export const SITE_COLUMNS = [
  'site',
  'lat_deg',
  'lon_deg',
  'alt_m',
  'freq_ghz',
  'elevation_deg',
  'p_percent',
  'diameter_m',
  'efficiency',
  'tau_deg',
] as const;
export const ATTENUATION_COLUMNS = [
  'a_gas_db',
  'a_cloud_db',
  'a_rain_db',
  'a_scint_db',
  'a_total_db',
] as const;

/** One input row. */
export interface SiteRow {
  readonly line: number;
  readonly site: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number | undefined;
  readonly freqGhz: number;
  readonly elevationDeg: number;
  readonly pPercent: number;
  readonly diameterM: number;
  readonly efficiency: number;
  readonly tauDeg: number;
  /** The raw cells, to repeat them in the output. */
  readonly cells: readonly string[];
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Quotes a CSV cell when needed. */
export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Parses the sites CSV.
 * @throws ValidationError with file, line, column and field for a missing column or a bad number.
 */
export function parseSitesCsv(text: string, file: string): { header: string[]; rows: SiteRow[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  for (const c of SITE_COLUMNS) {
    if (!index.has(c)) {
      throw new ValidationError(`missing column "${c}"`, {
        location: { file, line: 1 },
        expected: SITE_COLUMNS.join(','),
        received: lines[0] ?? '',
      });
    }
  }
  const rows: SiteRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = splitCsvLine(lines[i]!);
    const line = i + 1;
    const num = (name: (typeof SITE_COLUMNS)[number], optional = false): number | undefined => {
      const col = index.get(name)!;
      const raw = (cells[col] ?? '').trim();
      if (raw === '' && optional) return undefined;
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v)) {
        throw new ValidationError('not a number', {
          location: { file, line, column: col + 1, field: name },
          expected: 'a number',
          received: raw,
        });
      }
      return v;
    };
    rows.push({
      line,
      site: (cells[index.get('site')!] ?? '').trim(),
      latDeg: num('lat_deg')!,
      lonDeg: num('lon_deg')!,
      altM: num('alt_m', true),
      freqGhz: num('freq_ghz')!,
      elevationDeg: num('elevation_deg')!,
      pPercent: num('p_percent')!,
      diameterM: num('diameter_m')!,
      efficiency: num('efficiency')!,
      tauDeg: num('tau_deg')!,
      cells,
    });
  }
  return { header, rows };
}
