/**
 * Spectral water indices (normalised differences of reflectances):
 * NDWI = (green − NIR)/(green + NIR) (McFeeters 1996) and
 * MNDWI = (green − SWIR1)/(green + SWIR1) (Xu 2006). Water is high in both.
 */

/**
 * (a − b)/(a + b) element by element into `out`; NaN where an input is NaN or a + b ≤ 0
 * (no signal: nodata, or a negative reflectance after an offset).
 */
export function normalizedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out: Float32Array = new Float32Array(a.length),
): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const s = x + y;
    out[i] = s > 0 ? (x - y) / s : NaN;
  }
  return out;
}
