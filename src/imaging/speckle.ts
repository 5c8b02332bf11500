/**
 * Speckle reduction for SAR backscatter: the mean of a (2r+1)² box in linear power (a boxcar /
 * multi-look filter), as the UN-SPIDER recommended practice smooths before thresholding. Done on
 * a strip that carries `r` extra rows above and below (the halo read from the neighbouring
 * strips), so strip-by-strip filtering equals filtering the whole scene.
 */

// 10^(v/10) = e^(v·ln10/10) and 10·log10(x) = ln(x)·10/ln10: exp/log are several times faster
// than ** and log10 in V8, and this runs on every pixel twice per pass.
const DB_TO_LN = Math.LN10 / 10;
const LN_TO_DB = 10 / Math.LN10;

/**
 * Boxcar filter of dB values in linear power. `src` is `width × (rows + 2·halo)` with `halo` rows
 * above and below the `rows` output rows (fewer at the scene edges: pass `haloTop`/`haloBottom`).
 * NaN pixels are left out of the means; a pixel that is NaN stays NaN. Returns dB, `width × rows`.
 */
export function boxcarDb(
  src: Float32Array,
  width: number,
  rows: number,
  haloTop: number,
  haloBottom: number,
  radius: number,
): Float32Array {
  const out = new Float32Array(width * rows);
  if (radius <= 0) {
    out.set(src.subarray(haloTop * width, (haloTop + rows) * width));
    return out;
  }
  const total = rows + haloTop + haloBottom;
  // Horizontal pass: running sums of linear power and counts per row.
  const hs = new Float32Array(width * total);
  const hc = new Uint8Array(width * total);
  const lin = new Float32Array(width);
  for (let y = 0; y < total; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = src[row + x]!;
      lin[x] = v === v ? Math.exp(v * DB_TO_LN) : NaN;
    }
    let s = 0;
    let c = 0;
    for (let x = -radius; x < width + radius; x++) {
      const add = x + radius;
      if (add < width) {
        const v = lin[add]!;
        if (v === v) {
          s += v;
          c++;
        }
      }
      const drop = x - radius - 1;
      if (drop >= 0) {
        const v = lin[drop]!;
        if (v === v) {
          s -= v;
          c--;
        }
      }
      if (x >= 0 && x < width) {
        hs[row + x] = s;
        hc[row + x] = c;
      }
    }
  }
  // Vertical pass over the horizontal sums.
  for (let y = 0; y < rows; y++) {
    const yc = y + haloTop;
    const ya = Math.max(0, yc - radius);
    const yb = Math.min(total - 1, yc + radius);
    for (let x = 0; x < width; x++) {
      const centre = src[yc * width + x]!;
      if (centre !== centre) {
        out[y * width + x] = NaN;
        continue;
      }
      let s = 0;
      let c = 0;
      for (let k = ya; k <= yb; k++) {
        s += hs[k * width + x]!;
        c += hc[k * width + x]!;
      }
      out[y * width + x] = Math.log(s / c) * LN_TO_DB;
    }
  }
  return out;
}

/** Converts linear power to dB in place (≤ 0 or NaN → NaN). */
export function linearToDbInPlace(a: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    a[i] = v > 0 ? Math.log(v) * LN_TO_DB : NaN;
  }
  return a;
}
