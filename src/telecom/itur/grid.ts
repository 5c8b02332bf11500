/**
 * A regular latitude/longitude grid of one ITU-R digital map (values at grid nodes, rows from
 * north to south, columns from west to east) and the interpolations the Recommendations
 * prescribe (ITU-R P.1144 Annex 1): bilinear on the 4 surrounding nodes, bicubic (Keys kernel,
 * a = −0.5) on the 16 surrounding nodes.
 */
import { DomainError, NotFoundError } from '../../core/errors.js';

/** One map as a value: node (i, j) is at lat = latFirst − i·latStep, lon = lonFirst + j·lonStep. */
export interface GeoGrid {
  /** Map name in its set, e.g. "p837-7/mt_month01". */
  readonly name: string;
  readonly unit: string;
  readonly rows: number;
  readonly cols: number;
  /** Latitude of row 0 (the northernmost), degrees. */
  readonly latFirst: number;
  /** Longitude of column 0 (the westernmost), degrees east. */
  readonly lonFirst: number;
  /** Positive row spacing, degrees. */
  readonly latStep: number;
  /** Positive column spacing, degrees. */
  readonly lonStep: number;
  /** Row-major values, `rows × cols`. */
  readonly values: Float32Array | Float64Array;
}

/**
 * A set of maps by name ("p837-7/mt_month01", "p1511-1/topo_0dot5", …): a `Map` or a lazy
 * directory reader (src/io/itur-maps.ts) that loads a map the first time it is asked for.
 */
export interface IturMaps {
  get(name: string): GeoGrid | undefined;
}

/**
 * The map `name` of a set.
 * @throws NotFoundError saying which map is missing and what it is needed for.
 */
export function requireMap(maps: IturMaps, name: string, purpose: string): GeoGrid {
  const g = maps.get(name);
  if (!g) {
    throw new NotFoundError(
      `ITU-R map "${name}" is not in the map directory (needed for ${purpose}); import it with ` +
        '"sahelsat itur import-maps" or give the climatic parameter directly',
    );
  }
  return g;
}

/** True when the columns wrap around the globe without a duplicated seam column. */
function isPeriodic(g: GeoGrid): boolean {
  return Math.abs(g.cols * g.lonStep - 360) < 1e-6 * g.lonStep;
}

/**
 * Fractional column of a longitude, trying the ±360° aliases (global grids often repeat a seam
 * column, so a point can have two); `fits(c)` picks the first alias whose neighbourhood is
 * inside the grid. NaN when none fits.
 */
function columnOf(g: GeoGrid, lonDeg: number, fits: (c: number) => boolean = () => true): number {
  const last = g.cols - 1;
  for (const shift of [0, -360, 360, -720, 720]) {
    let c = (lonDeg + shift - g.lonFirst) / g.lonStep;
    if (isPeriodic(g) && c >= 0 && c < g.cols) return c;
    if (c >= -1e-9 && c <= last + 1e-9) {
      c = Math.min(Math.max(c, 0), last);
      if (fits(c)) return c;
    }
  }
  return NaN;
}

function outside(g: GeoGrid, latDeg: number, lonDeg: number): DomainError {
  const latLast = g.latFirst - (g.rows - 1) * g.latStep;
  const lonLast = g.lonFirst + (g.cols - 1) * g.lonStep;
  return new DomainError(
    `ITU-R map "${g.name}" covers lat ${latLast}…${g.latFirst}°, lon ${g.lonFirst}…${lonLast}°; ` +
      `the point (${latDeg}, ${lonDeg}) is outside it`,
    'outside-map',
  );
}

function at(g: GeoGrid, i: number, j: number): number {
  const jj = isPeriodic(g) ? ((j % g.cols) + g.cols) % g.cols : j;
  return g.values[i * g.cols + jj]!;
}

/**
 * Bilinear interpolation (P.1144 Annex 1 §1b) at a point.
 * @throws DomainError when the point is outside the map.
 */
export function bilinear(g: GeoGrid, latDeg: number, lonDeg: number): number {
  const r = (g.latFirst - latDeg) / g.latStep;
  const c = columnOf(g, lonDeg);
  if (!(r >= -1e-9 && r <= g.rows - 1 + 1e-9) || Number.isNaN(c)) throw outside(g, latDeg, lonDeg);
  const i = Math.min(Math.max(Math.floor(r), 0), g.rows - 2);
  const j = isPeriodic(g) ? Math.floor(c) : Math.min(Math.floor(c), g.cols - 2);
  const fr = r - i;
  const fc = c - j;
  return (
    at(g, i, j) * (1 - fr) * (1 - fc) +
    at(g, i + 1, j) * fr * (1 - fc) +
    at(g, i, j + 1) * (1 - fr) * fc +
    at(g, i + 1, j + 1) * fr * fc
  );
}

/** Keys cubic convolution kernel with a = −0.5 (P.1144 Annex 1 §1c). */
function keys(d: number): number {
  const x = Math.abs(d);
  if (x <= 1) return 1.5 * x ** 3 - 2.5 * x ** 2 + 1;
  if (x < 2) return -0.5 * x ** 3 + 2.5 * x ** 2 - 4 * x + 2;
  return 0;
}

/**
 * Bicubic interpolation (P.1144 Annex 1 §1c) on the 4 × 4 nodes around the point.
 * @throws DomainError when the 4 × 4 neighbourhood leaves the map.
 */
export function bicubic(g: GeoGrid, latDeg: number, lonDeg: number): number {
  const r = (g.latFirst - latDeg) / g.latStep;
  const c = columnOf(g, lonDeg, (x) => Math.floor(x) - 1 >= 0 && Math.floor(x) + 2 <= g.cols - 1);
  const i0 = Math.floor(r);
  const j0 = Math.floor(c);
  const colsOk = isPeriodic(g) || (j0 - 1 >= 0 && j0 + 2 <= g.cols - 1);
  if (Number.isNaN(c) || i0 - 1 < 0 || i0 + 2 > g.rows - 1 || !colsOk) {
    throw outside(g, latDeg, lonDeg);
  }
  let sum = 0;
  for (let di = -1; di <= 2; di++) {
    const wr = keys(r - (i0 + di));
    if (wr === 0) continue;
    let row = 0;
    for (let dj = -1; dj <= 2; dj++) row += at(g, i0 + di, j0 + dj) * keys(c - (j0 + dj));
    sum += wr * row;
  }
  return sum;
}

/** Value at grid node (i, j) and its coordinates, for node-based methods (P.836, P.453). */
export function nodeLatLon(g: GeoGrid, i: number, j: number): { latDeg: number; lonDeg: number } {
  return { latDeg: g.latFirst - i * g.latStep, lonDeg: g.lonFirst + j * g.lonStep };
}
