/**
 * Areas on the WGS-84 ellipsoid. Pixel areas come from the authalic (equal-area) latitude β:
 * the ellipsoidal area between the equator and latitude φ over Δλ radians is Δλ·R_q²·sin β(φ),
 * with R_q the authalic radius. For a longitude/latitude grid this is exact per row. For a
 * projected grid, a pixel's corners are mapped to lon/lat and then to the cylindrical equal-area
 * plane (x = R_q·λ, y = R_q·sin β), where a plane area is an ellipsoidal area; the pixel is taken
 * as the quadrilateral of its corners there (exact to second order in the pixel size).
 *
 * Pixel area is modelled as separable: a(row, col) = rowArea(row) · colFactor(col), exact for
 * lon/lat grids (colFactor ≡ 1) and for map projections whose scale varies mostly along one
 * axis (UTM: with easting; error ≲ 10⁻⁴ over a Sentinel tile). Polygon areas then follow from
 * prefix sums in O(1) per ring edge, consistent with the raster statistics.
 */
import type { RasterGrid } from './grid.js';
import { pixelToCrs } from './grid.js';

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);

/** q(φ) of Snyder (1987, eq. 3-12); sin β = q(φ)/q(90°). */
function qOf(sinPhi: number): number {
  const es = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}
const Q_POLE = qOf(1);
/** Authalic radius of WGS-84, metres. */
export const AUTHALIC_RADIUS_M = A * Math.sqrt(Q_POLE / 2);

/** sin of the authalic latitude of geodetic latitude `latDeg`. */
export function sinAuthalic(latDeg: number): number {
  return qOf(Math.sin((latDeg * Math.PI) / 180)) / Q_POLE;
}

/** Ellipsoidal area (m²) of the lon/lat rectangle `[lon0, lon1] × [lat0, lat1]` (degrees). */
export function lonLatRectAreaM2(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const dLon = (Math.abs(lon1 - lon0) * Math.PI) / 180;
  return (
    dLon * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M * Math.abs(sinAuthalic(lat1) - sinAuthalic(lat0))
  );
}

/** Converts CRS coordinates to WGS-84 longitude/latitude degrees. */
export type ToLonLat = (x: number, y: number) => [number, number];

/** Separable pixel-area model of a grid, with prefix sums for polygon areas. */
export interface PixelAreaModel {
  /** Area of pixel (col, row), m². */
  pixelAreaM2(col: number, row: number): number;
  /** Σ_{r < row} rowArea(r), m² (length height + 1). */
  readonly rowPrefix: Float64Array;
  /** Σ_{c < col} colFactor(c) (length width + 1). */
  readonly colPrefix: Float64Array;
  readonly rowArea: Float64Array;
  readonly colFactor: Float64Array;
}

function quadAreaEqualArea(corners: [number, number][], toLonLat: ToLonLat): number {
  const R = AUTHALIC_RADIUS_M;
  const pts = corners.map(([x, y]) => {
    const [lon, lat] = toLonLat(x, y);
    return [R * ((lon * Math.PI) / 180), R * sinAuthalic(lat)] as const;
  });
  let s = 0;
  for (let k = 0; k < pts.length; k++) {
    const a = pts[k]!;
    const b = pts[(k + 1) % pts.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(s) / 2;
}

/**
 * Builds the pixel-area model of a grid. `geographic` says the CRS is lon/lat degrees on
 * WGS-84 (exact formula); otherwise `toLonLat` maps CRS coordinates to lon/lat.
 */
export function pixelAreaModel(
  grid: RasterGrid,
  geographic: boolean,
  toLonLat: ToLonLat,
): PixelAreaModel {
  const { width: W, height: H, transform: t } = grid;
  const rowArea = new Float64Array(H);
  const colFactor = new Float64Array(W).fill(1);
  if (geographic) {
    for (let r = 0; r < H; r++) {
      const [lon0, lat0] = pixelToCrs(t, 0, r);
      const [lon1, lat1] = pixelToCrs(t, 1, r + 1);
      rowArea[r] = lonLatRectAreaM2(lon0, lat0, lon1, lat1);
    }
  } else {
    const pix = (c: number, r: number): number =>
      quadAreaEqualArea(
        [
          pixelToCrs(t, c, r),
          pixelToCrs(t, c + 1, r),
          pixelToCrs(t, c + 1, r + 1),
          pixelToCrs(t, c, r + 1),
        ],
        toLonLat,
      );
    const cMid = Math.floor(W / 2);
    const rMid = Math.floor(H / 2);
    for (let r = 0; r < H; r++) rowArea[r] = pix(cMid, r);
    const ref = pix(cMid, rMid);
    for (let c = 0; c < W; c++) colFactor[c] = pix(c, rMid) / ref;
  }
  const rowPrefix = new Float64Array(H + 1);
  for (let r = 0; r < H; r++) rowPrefix[r + 1] = rowPrefix[r]! + rowArea[r]!;
  const colPrefix = new Float64Array(W + 1);
  for (let c = 0; c < W; c++) colPrefix[c + 1] = colPrefix[c]! + colFactor[c]!;
  return {
    pixelAreaM2: (c, r) => rowArea[r]! * colFactor[c]!,
    rowPrefix,
    colPrefix,
    rowArea,
    colFactor,
  };
}

/**
 * Ellipsoidal area (m²) enclosed by a closed rectilinear ring of pixel corners (positive for
 * shells, negative for holes, as the ring's pixel-space orientation): the sum over its vertical
 * edges of the area of the pixels to their left, from the model's prefix sums.
 */
export function ringAreaM2(ring: Int32Array, m: PixelAreaModel): number {
  let s = 0;
  for (let k = 0; k + 3 < ring.length; k += 2) {
    const x = ring[k]!;
    if (x !== ring[k + 2]) continue;
    const y1 = ring[k + 1]!;
    const y2 = ring[k + 3]!;
    // Walking south (y increasing) along x with the class on the right (west): the pixels
    // [0, x) of those rows are added; walking north they are subtracted.
    s += (m.rowPrefix[y2]! - m.rowPrefix[y1]!) * m.colPrefix[x]!;
  }
  return s;
}

/**
 * Areas (m²) and pixel counts of each code value of a mask (`codes` lists the values of
 * interest), from the pixel-area model.
 */
export function classAreas(
  mask: Uint8Array,
  width: number,
  height: number,
  m: PixelAreaModel,
  codes: readonly number[],
): Map<number, { pixels: number; areaM2: number }> {
  const rowSum = new Float64Array(256);
  const total = new Float64Array(256);
  const pixels = new Float64Array(256);
  const uniform = m.colFactor.every((f) => f === 1);
  for (let y = 0; y < height; y++) {
    rowSum.fill(0);
    const base = y * width;
    if (uniform) for (let x = 0; x < width; x++) rowSum[mask[base + x]!]!++;
    else for (let x = 0; x < width; x++) rowSum[mask[base + x]!]! += m.colFactor[x]!;
    const a = m.rowArea[y]!;
    for (const c of codes) {
      total[c]! += rowSum[c]! * a;
      if (uniform) pixels[c]! += rowSum[c]!;
    }
    if (!uniform) for (let x = 0; x < width; x++) pixels[mask[base + x]!]!++;
  }
  return new Map(codes.map((c) => [c, { pixels: pixels[c]!, areaM2: total[c]! }]));
}

/** Ellipsoidal area (m²) of a polygon component: shells minus holes. */
export function componentAreaM2(
  c: {
    readonly polygons: readonly {
      readonly shell: Int32Array;
      readonly holes: readonly Int32Array[];
    }[];
  },
  m: PixelAreaModel,
): number {
  let s = 0;
  for (const p of c.polygons) {
    s += ringAreaM2(p.shell, m);
    for (const h of p.holes) s += ringAreaM2(h, m);
  }
  return s;
}
