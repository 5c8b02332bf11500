/**
 * Converts an ITU-R digital map as ITU publishes it with a Recommendation (three whitespace-
 * separated text grids of equal shape: values, latitudes, longitudes, e.g. P.837-7's
 * `R001.TXT`, `LAT_R001.TXT`, `LON_R001.TXT`) into the float32 + JSON header layout that
 * {@link readMap} reads. Rows are put north to south; the grid must be regular.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ValidationError } from '../core/errors.js';

/** Parses a whitespace-separated numeric matrix. */
export function parseTextGrid(
  text: string,
  file: string,
): { rows: number; cols: number; values: Float64Array } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out: number[] = [];
  let cols = -1;
  lines.forEach((line, i) => {
    const cells = line.trim().split(/[\s,]+/);
    if (cols < 0) cols = cells.length;
    if (cells.length !== cols) {
      throw new ValidationError('rows of unequal length', {
        location: { file, line: i + 1 },
        expected: `${cols} values`,
        received: `${cells.length} values`,
      });
    }
    cells.forEach((c, j) => {
      const v = Number(c);
      if (!Number.isFinite(v) && c.toLowerCase() !== 'nan') {
        throw new ValidationError('not a number', {
          location: { file, line: i + 1, column: j + 1 },
          received: c,
        });
      }
      out.push(Number.isFinite(v) ? v : NaN);
    });
  });
  if (lines.length < 2 || cols < 2)
    throw new ValidationError('a grid needs at least 2 × 2 values', { location: { file } });
  return { rows: lines.length, cols, values: Float64Array.from(out) };
}

/** What to write. */
export interface ImportMapInput {
  readonly values: { text: string; file: string };
  readonly lat: { text: string; file: string };
  readonly lon: { text: string; file: string };
  /** Map name in the layout, e.g. "p837-7/mt_month01". */
  readonly name: string;
  readonly unit: string;
  readonly recommendation: string;
  readonly interpolation: 'bilinear' | 'bicubic';
  readonly pPercent?: number;
}

/**
 * Converts and writes `<outDir>/<name>.f32` and `.json`.
 * @throws ValidationError when the three grids differ in shape or are not regular.
 */
export function importMap(input: ImportMapInput, outDir: string): { rows: number; cols: number } {
  const v = parseTextGrid(input.values.text, input.values.file);
  const la = parseTextGrid(input.lat.text, input.lat.file);
  const lo = parseTextGrid(input.lon.text, input.lon.file);
  for (const g of [la, lo]) {
    if (g.rows !== v.rows || g.cols !== v.cols) {
      throw new ValidationError('latitude/longitude grid shape differs from the values', {
        location: { file: g === la ? input.lat.file : input.lon.file },
        expected: `${v.rows} × ${v.cols}`,
        received: `${g.rows} × ${g.cols}`,
      });
    }
  }
  const { rows, cols } = v;
  const lat0 = la.values[0]!;
  const latN = la.values[(rows - 1) * cols]!;
  const lon0 = lo.values[0]!;
  const lonStep = (lo.values[cols - 1]! - lon0) / (cols - 1);
  const latStep = Math.abs(latN - lat0) / (rows - 1);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const expLat = lat0 + (i * (latN - lat0)) / (rows - 1);
      const expLon = lon0 + j * lonStep;
      if (
        Math.abs(la.values[k]! - expLat) > 1e-6 * Math.max(1, latStep) ||
        Math.abs(lo.values[k]! - expLon) > 1e-6 * Math.max(1, Math.abs(lonStep))
      ) {
        throw new ValidationError('the latitude/longitude grids are not regular', {
          location: { file: input.lat.file, line: i + 1, column: j + 1 },
        });
      }
    }
  }
  if (!(lonStep > 0) || !(latStep > 0))
    throw new ValidationError(
      'longitudes must increase along a row and latitudes differ between rows',
      { location: { file: input.lon.file } },
    );
  const southToNorth = latN > lat0;
  const out = new Float32Array(rows * cols);
  let nan = 0;
  for (let i = 0; i < rows; i++) {
    const src = southToNorth ? rows - 1 - i : i;
    for (let j = 0; j < cols; j++) {
      const x = v.values[src * cols + j]!;
      if (Number.isNaN(x)) nan++;
      out[i * cols + j] = x;
    }
  }
  const base = join(outDir, input.name);
  mkdirSync(dirname(base), { recursive: true });
  const buf = Buffer.alloc(rows * cols * 4);
  out.forEach((x, k) => buf.writeFloatLE(x, k * 4));
  const file = `${input.name.slice(input.name.lastIndexOf('/') + 1)}.f32`;
  writeFileSync(`${base}.f32`, buf);
  const header = {
    name: input.name.slice(input.name.lastIndexOf('/') + 1),
    recommendation: input.recommendation,
    unit: input.unit,
    p_percent: input.pPercent ?? null,
    file,
    dtype: 'float32',
    byte_order: 'little-endian',
    layout: 'row-major',
    row_order: 'north-to-south',
    col_order: 'west-to-east',
    rows,
    cols,
    lat_first: Math.max(lat0, latN),
    lat_last: Math.min(lat0, latN),
    lon_first: lon0,
    lon_last: lon0 + (cols - 1) * lonStep,
    lat_step: latStep,
    lon_step: lonStep,
    interpolation: input.interpolation,
    nan_count: nan,
    source: {
      values: input.values.file,
      lat: input.lat.file,
      lon: input.lon.file,
      source_row_order: southToNorth ? 'south-to-north' : 'north-to-south',
    },
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(header, null, 1)}\n`);
  return { rows, cols };
}
