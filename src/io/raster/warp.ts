/**
 * Nearest-neighbour resampling of a raster onto another grid (any two CRSs of the registry),
 * window by window: for each target pixel centre, the source pixel that contains it. As GDAL's
 * approximate transformer does, the exact CRS transform is evaluated on a coarse lattice (every
 * 16 target pixels) and interpolated bilinearly in between — for UTM ↔ lon/lat at Sentinel
 * resolutions the interpolation error is far below a pixel. Target pixels outside the source
 * are NaN (nodata). Nearest neighbour keeps class values (masks, SCL) intact.
 */
import type { RasterGrid } from '../../imaging/grid.js';
import type { WindowReader } from '../../imaging/water-radar.js';
import { fromLonLatTransform, toLonLatTransform } from './crs.js';
import type { RasterSource } from './reader.js';

const STEP = 16;

/** A window reader that returns `source`'s bands resampled onto `target`. */
export function warpedReader(source: RasterSource, target: RasterGrid): WindowReader {
  const sg = source.grid;
  const toLL = toLonLatTransform(target.epsg, source.source);
  const fromLL = fromLonLatTransform(sg.epsg, source.source);
  const same = target.epsg === sg.epsg;
  const tt = target.transform;
  const st = sg.transform;
  /** Source pixel coordinates (fractional) of target pixel centre (c + 0.5, r + 0.5). */
  const map = (c: number, r: number): [number, number] => {
    let x = tt.originX + c * tt.pixelSizeX;
    let y = tt.originY + r * tt.pixelSizeY;
    if (!same) [x, y] = fromLL(...toLL(x, y));
    return [(x - st.originX) / st.pixelSizeX, (y - st.originY) / st.pixelSizeY];
  };
  return async (win, bands, signal) => {
    const { width: w, height: h } = win;
    // Exact transform on the lattice, then bilinear interpolation per pixel.
    const nx = Math.ceil(w / STEP) + 1;
    const ny = Math.ceil(h / STEP) + 1;
    const lx = new Float64Array(nx * ny);
    const ly = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const [sx, sy] = map(
          win.x0 + Math.min(i * STEP, w) + 0.5,
          win.y0 + Math.min(j * STEP, h) + 0.5,
        );
        lx[j * nx + i] = sx;
        ly[j * nx + i] = sy;
      }
    const col = new Int32Array(w * h);
    const row = new Int32Array(w * h);
    let minC = Infinity;
    let minR = Infinity;
    let maxC = -Infinity;
    let maxR = -Infinity;
    for (let y = 0; y < h; y++) {
      const j = Math.min(Math.floor(y / STEP), ny - 2);
      const y0 = j * STEP;
      const y1 = Math.min((j + 1) * STEP, h);
      const v = y1 > y0 ? (y - y0) / (y1 - y0) : 0;
      for (let x = 0; x < w; x++) {
        const i = Math.min(Math.floor(x / STEP), nx - 2);
        const x0 = i * STEP;
        const x1 = Math.min((i + 1) * STEP, w);
        const u = x1 > x0 ? (x - x0) / (x1 - x0) : 0;
        const k = j * nx + i;
        const sx =
          (1 - v) * ((1 - u) * lx[k]! + u * lx[k + 1]!) +
          v * ((1 - u) * lx[k + nx]! + u * lx[k + nx + 1]!);
        const sy =
          (1 - v) * ((1 - u) * ly[k]! + u * ly[k + 1]!) +
          v * ((1 - u) * ly[k + nx]! + u * ly[k + nx + 1]!);
        const c = Math.floor(sx);
        const r = Math.floor(sy);
        const inside = c >= 0 && r >= 0 && c < sg.width && r < sg.height;
        col[y * w + x] = inside ? c : -1;
        row[y * w + x] = inside ? r : -1;
        if (inside) {
          if (c < minC) minC = c;
          if (c > maxC) maxC = c;
          if (r < minR) minR = r;
          if (r > maxR) maxR = r;
        }
      }
    }
    const out = bands.map(() => new Float32Array(w * h).fill(NaN));
    if (maxC < minC) return out;
    const sw = maxC - minC + 1;
    const src = await source.readWindow(
      { x0: minC, y0: minR, width: sw, height: maxR - minR + 1 },
      bands,
      signal,
    );
    for (let p = 0; p < w * h; p++) {
      const c = col[p]!;
      if (c < 0) continue;
      const k = (row[p]! - minR) * sw + (c - minC);
      for (let b = 0; b < bands.length; b++) out[b]![p] = src[b]![k]!;
    }
    return out;
  };
}
