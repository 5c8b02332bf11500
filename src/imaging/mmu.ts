/**
 * Minimum mapping unit: water patches smaller than the unit are set to dry, and dry patches
 * smaller than it that are entirely enclosed by water (not touching nodata or the scene edge)
 * are set to water — a sieve, as `gdal_sieve` does, that keeps nodata untouched. Water patches
 * are 8-connected (as the polygons), dry patches 4-connected (the dual connectivity).
 */
import { DRY, NODATA, WATER } from './fusion.js';

/** What the sieve changed, in pixels. */
export interface SieveResult {
  readonly waterRemovedPx: number;
  readonly patchesRemoved: number;
  readonly holesFilledPx: number;
  readonly holesFilled: number;
}

/**
 * Applies the minimum mapping unit in place on a DRY/WATER/NODATA mask.
 * @param minPixels patches of fewer pixels are removed/filled (≤ 1 does nothing).
 */
export function applyMinimumMappingUnit(
  mask: Uint8Array,
  width: number,
  height: number,
  minPixels: number,
): SieveResult {
  if (minPixels <= 1)
    return { waterRemovedPx: 0, patchesRemoved: 0, holesFilledPx: 0, holesFilled: 0 };
  const w = sieve(mask, width, height, WATER, DRY, minPixels, true, false);
  const h = sieve(mask, width, height, DRY, WATER, minPixels, false, true);
  return { waterRemovedPx: w.px, patchesRemoved: w.n, holesFilledPx: h.px, holesFilled: h.n };
}

/**
 * Sets the 8-connected patches of `value` smaller than `minPixels` to `replacement`, in place;
 * returns the pixels and patches changed (used for change maps).
 */
export function removeSmallPatches(
  mask: Uint8Array,
  width: number,
  height: number,
  value: number,
  replacement: number,
  minPixels: number,
): { px: number; n: number } {
  if (minPixels <= 1) return { px: 0, n: 0 };
  return sieve(mask, width, height, value, replacement, minPixels, true, false);
}

function sieve(
  mask: Uint8Array,
  W: number,
  H: number,
  value: number,
  replacement: number,
  minPixels: number,
  diagonal: boolean,
  enclosedOnly: boolean,
): { px: number; n: number } {
  const seen = new Uint8Array(Math.ceil((W * H) / 8));
  const isSeen = (k: number): boolean => (seen[k >> 3]! & (1 << (k & 7))) !== 0;
  const see = (k: number): void => {
    seen[k >> 3]! |= 1 << (k & 7);
  };
  let queue = new Int32Array(4096);
  const small = new Int32Array(minPixels);
  let px = 0;
  let n = 0;
  const nbX = diagonal ? [1, -1, 0, 0, 1, 1, -1, -1] : [1, -1, 0, 0];
  const nbY = diagonal ? [0, 0, 1, -1, 1, -1, 1, -1] : [0, 0, 1, -1];
  for (let start = 0; start < W * H; start++) {
    if (mask[start] !== value || isSeen(start)) continue;
    // Breadth-first over the patch with a ring-buffer queue (frontier-sized, not patch-sized).
    let head = 0;
    let size = 0;
    let count = 0;
    let open = false;
    const push = (k: number): void => {
      if (size === queue.length) {
        const q = new Int32Array(queue.length * 2);
        for (let i = 0; i < size; i++) q[i] = queue[(head + i) % queue.length]!;
        queue = q;
        head = 0;
      }
      queue[(head + size) % queue.length] = k;
      size++;
    };
    see(start);
    push(start);
    while (size > 0) {
      const k = queue[head]!;
      head = (head + 1) % queue.length;
      size--;
      if (count < minPixels) small[count] = k;
      count++;
      const x = k % W;
      const y = (k - x) / W;
      for (let d = 0; d < nbX.length; d++) {
        const xx = x + nbX[d]!;
        const yy = y + nbY[d]!;
        if (xx < 0 || yy < 0 || xx >= W || yy >= H) {
          open = true;
          continue;
        }
        const kk = yy * W + xx;
        const v = mask[kk]!;
        if (v === NODATA) open = true;
        if (v !== value || isSeen(kk)) continue;
        see(kk);
        push(kk);
      }
    }
    if (count < minPixels && !(enclosedOnly && open)) {
      for (let i = 0; i < count; i++) mask[small[i]!] = replacement;
      px += count;
      n++;
    }
  }
  return { px, n };
}
