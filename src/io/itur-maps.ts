/**
 * ITU-R digital maps on disk: one `<rec>/<name>.f32` (float32 — or float64 when the header says
 * `"dtype": "float64"` — little-endian, row-major, rows
 * north to south) per map with a `<rec>/<name>.json` header (rows, cols, lat_first, lon_first,
 * lat_step, lon_step, unit…), the layout of reference/itur/maps-sahel (see docs/telecom.md).
 * Any region or the whole globe. Maps are read lazily, the first time a model asks for one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { GeoGrid, IturMaps } from '../telecom/itur/grid.js';
import type { OxygenHeightTable } from '../telecom/itur/p676.js';

/** The header fields this reader relies on. */
export interface MapHeader {
  readonly name: string;
  readonly unit: string;
  readonly rows: number;
  readonly cols: number;
  readonly lat_first: number;
  readonly lon_first: number;
  readonly lat_step: number;
  readonly lon_step: number;
  readonly file: string;
  readonly dtype?: string;
  readonly byte_order?: string;
  readonly row_order?: string;
}

function fail(file: string, field: string, expected: string, received: unknown): never {
  throw new ValidationError('bad ITU-R map header', {
    location: { file, field },
    expected,
    received: JSON.stringify(received),
  });
}

/** Parses and checks a map header (JSON text). */
export function parseMapHeader(text: string, file: string): MapHeader {
  let h: Record<string, unknown>;
  try {
    h = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ValidationError(`not JSON: ${(err as Error).message}`, { location: { file } });
  }
  for (const k of ['rows', 'cols']) {
    if (!Number.isInteger(h[k]) || (h[k] as number) < 2) fail(file, k, 'an integer ≥ 2', h[k]);
  }
  for (const k of ['lat_first', 'lon_first']) {
    if (typeof h[k] !== 'number' || !Number.isFinite(h[k]))
      fail(file, k, 'a number (degrees)', h[k]);
  }
  for (const k of ['lat_step', 'lon_step']) {
    if (typeof h[k] !== 'number' || !((h[k] as number) > 0))
      fail(file, k, 'a positive number (degrees)', h[k]);
  }
  if (typeof h.file !== 'string') fail(file, 'file', 'the name of the .f32 file', h.file);
  if (h.dtype !== undefined && h.dtype !== 'float32' && h.dtype !== 'float64')
    fail(file, 'dtype', '"float32" (or "float64")', h.dtype);
  if (h.byte_order !== undefined && h.byte_order !== 'little-endian')
    fail(file, 'byte_order', '"little-endian"', h.byte_order);
  if (h.row_order !== undefined && h.row_order !== 'north-to-south')
    fail(file, 'row_order', '"north-to-south"', h.row_order);
  return h as unknown as MapHeader;
}

/** Reads one map (`<dir>/<name>.json` + its .f32); undefined when the header does not exist. */
export function readMap(dir: string, name: string): GeoGrid | undefined {
  const headerPath = join(dir, `${name}.json`);
  if (!existsSync(headerPath)) return undefined;
  const h = parseMapHeader(readFileSync(headerPath, 'utf8'), headerPath);
  const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
  const dataPath = join(dir, folder, h.file);
  if (!existsSync(dataPath)) {
    throw new ValidationError('map data file missing', {
      location: { file: dataPath },
      expected: `${h.rows * h.cols * 4} bytes`,
    });
  }
  const buf = readFileSync(dataPath);
  const wide = h.dtype === 'float64';
  const size = wide ? 8 : 4;
  if (buf.byteLength !== h.rows * h.cols * size) {
    throw new ValidationError('map data file has the wrong size', {
      location: { file: dataPath },
      expected: `${h.rows} × ${h.cols} ${wide ? 'float64' : 'float32'} = ${h.rows * h.cols * size} bytes`,
      received: `${buf.byteLength} bytes`,
    });
  }
  const values = wide ? new Float64Array(h.rows * h.cols) : new Float32Array(h.rows * h.cols);
  for (let k = 0; k < values.length; k++)
    values[k] = wide ? buf.readDoubleLE(k * 8) : buf.readFloatLE(k * 4);
  return {
    name,
    unit: h.unit ?? '',
    rows: h.rows,
    cols: h.cols,
    latFirst: h.lat_first,
    lonFirst: h.lon_first,
    latStep: h.lat_step,
    lonStep: h.lon_step,
    values,
  };
}

/** A lazy, caching view of a map directory. */
export function openMapDirectory(dir: string): IturMaps & { readonly dir: string } {
  if (!existsSync(dir)) {
    throw new ValidationError('ITU-R map directory does not exist', { location: { file: dir } });
  }
  const cache = new Map<string, GeoGrid | undefined>();
  return {
    dir,
    get(name: string) {
      if (!cache.has(name)) cache.set(name, readMap(dir, name));
      return cache.get(name);
    },
  };
}

/** Path of the P.676-13 Annex 2 Part 1 coefficient table inside a map directory. */
export const OXYGEN_HEIGHT_TABLE_FILE = 'p676-13/h0_coefficients.csv';

/** Parses the P.676-13 h0 coefficient table (columns f, a0, b0, c0, d0; first line = names). */
export function parseOxygenHeightTable(text: string, file: string): OxygenHeightTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols: number[][] = [[], [], [], [], []];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(/[,\s]+/).filter(Boolean);
    if (cells.length < 5) {
      throw new ValidationError('expected 5 columns f, a0, b0, c0, d0', {
        location: { file, line: i + 2 },
        received: line,
      });
    }
    for (let j = 0; j < 5; j++) {
      const v = Number(cells[j]);
      if (!Number.isFinite(v)) {
        throw new ValidationError('not a number', {
          location: { file, line: i + 2, column: j + 1 },
          received: cells[j],
        });
      }
      cols[j]!.push(v);
    }
  });
  if (cols[0]!.length < 2)
    throw new ValidationError('table has fewer than 2 rows', { location: { file } });
  const [f, a0, b0, c0, d0] = cols.map((c) => Float64Array.from(c));
  return { frequencyGhz: f!, a0: a0!, b0: b0!, c0: c0!, d0: d0! };
}

/** Reads the h0 coefficient table of a map directory; undefined when absent. */
export function readOxygenHeightTable(dir: string): OxygenHeightTable | undefined {
  const path = join(dir, OXYGEN_HEIGHT_TABLE_FILE);
  if (!existsSync(path)) return undefined;
  return parseOxygenHeightTable(readFileSync(path, 'utf8'), path);
}
