/**
 * Raster → polygons by boundary tracing along pixel edges (the exact footprint of the pixels, as
 * `gdal_polygonize` does), with holes, and valid by construction:
 *
 * - Each boundary is walked with the class on its right; only turning points are kept.
 * - At a saddle vertex (two diagonal pixels of the class) the walk keeps the two pixels apart,
 *   so each polygon is a 4-connected set of pixels and its interior is connected. A walk that
 *   passes a saddle twice is split there into simple rings, so no ring touches itself: the
 *   pinch becomes a hole touching its shell at one point, which OGC simple features allow.
 * - Polygons are grouped into connected components (features) by a row-by-row run labelling
 *   (union–find) that keeps only two rows of labels, so memory stays O(width + runs) besides
 *   the mask. With 8-connectivity (as `gdal_polygonize -8`) diagonal neighbours are one
 *   component, a MultiPolygon whose polygons touch at points; with 4, each is a Polygon.
 *
 * Coordinates are integer pixel corners: (i, j) is the corner at column i, row j (y down).
 * Shells have positive shoelace area in these coordinates, holes negative.
 */

/** One polygon: a shell and its holes, each a closed ring `[x0,y0, x1,y1, …, x0,y0]`. */
export interface PixelPolygon {
  readonly shell: Int32Array;
  readonly holes: readonly Int32Array[];
}

/** A connected component of the class: one or more polygons (more when it pinches). */
export interface PixelComponent {
  readonly polygons: readonly PixelPolygon[];
  /** Pixel count (exact, from the rings). */
  readonly pixels: number;
  /** Bounding box in pixel corners `[minX, minY, maxX, maxY]`. */
  readonly bbox: readonly [number, number, number, number];
}

/** Options of {@link polygonize}. */
export interface PolygonizeOptions {
  /** The class to outline (default 1). */
  readonly value?: number;
  /** 8 (diagonal pixels join, as `gdal_polygonize -8`) or 4. Default 8. */
  readonly connectivity?: 4 | 8;
  /** Called every few rows with (rows done, rows total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked every few rows; when aborted, an AbortError-like exception is thrown. */
  readonly signal?: AbortSignal;
}

// Directions: 0 east (+x), 1 south (+y), 2 west, 3 north; right of d is d+1.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

/** Outlines every connected component of `value` in a `width × height` mask. */
export function polygonize(
  mask: Uint8Array,
  width: number,
  height: number,
  opts: PolygonizeOptions = {},
): PixelComponent[] {
  const value = opts.value ?? 1;
  const join = (opts.connectivity ?? 8) === 8;
  const W = width;
  const H = height;
  const isV = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < W && y < H && mask[y * W + x] === value;
  // Visited bits for horizontal edges (i, j), i < W, j ≤ H.
  const visited = new Uint8Array(Math.ceil((W * (H + 1)) / 8));
  const markH = (i: number, j: number): void => {
    const k = j * W + i;
    visited[k >> 3]! |= 1 << (k & 7);
  };
  const seenH = (i: number, j: number): boolean => {
    const k = j * W + i;
    return (visited[k >> 3]! & (1 << (k & 7))) !== 0;
  };

  const labels = new RunLabeller(W, join);
  const walks: { rings: Int32Array[]; label: number }[] = [];

  /** Walks the boundary that starts at corner (sx, sy) heading d0; returns its turning points. */
  const walk = (sx: number, sy: number, d0: number): Int32Array[] => {
    const pts: number[] = [];
    const saddleAt = new Map<number, number>(); // vertex key → index in pts (pairs) of its last visit
    const rings: Int32Array[] = [];
    let x = sx;
    let y = sy;
    let d = d0;
    for (;;) {
      if (d === 0) markH(x, y);
      else if (d === 2) markH(x - 1, y);
      x += DX[d]!;
      y += DY[d]!;
      // Pixels ahead-left and ahead-right of the vertex (x, y) for heading d.
      const r = (d + 1) & 3;
      const ax = x + ((DX[d]! + DX[r]! - 1) >> 1);
      const ay = y + ((DY[d]! + DY[r]! - 1) >> 1);
      const lx = x + ((DX[d]! - DX[r]! - 1) >> 1);
      const ly = y + ((DY[d]! - DY[r]! - 1) >> 1);
      const ar = isV(ax, ay);
      const al = isV(lx, ly);
      let nd: number;
      let saddle = false;
      if (ar) nd = al ? (d + 3) & 3 : d;
      else if (al) {
        saddle = true;
        // Always separate diagonal pixels here, so every polygon's interior is connected;
        // 8-connectivity groups the resulting polygons into one component below.
        nd = (d + 1) & 3;
      } else nd = (d + 1) & 3;
      const closing = x === sx && y === sy && nd === d0;
      if (nd !== d) {
        if (saddle) {
          const key = y * (W + 1) + x;
          const prev = saddleAt.get(key);
          if (prev !== undefined) {
            // Second visit of a pinch vertex: the loop since the first visit is a ring of its own.
            const sub = pts.splice(prev);
            rings.push(closeRing(sub));
            for (const [k, at] of saddleAt) if (at >= prev) saddleAt.delete(k);
          } else if (!closing) saddleAt.set(key, pts.length);
        }
        pts.push(x, y);
      }
      d = nd;
      if (closing) break;
    }
    if (pts.length >= 6) rings.push(closeRing(pts));
    return rings;
  };

  for (let j = 0; j <= H; j++) {
    if (j < H) labels.labelRow(mask, j, value);
    for (let i = 0; i < W; i++) {
      const below = j < H && mask[j * W + i] === value;
      const above = j > 0 && mask[(j - 1) * W + i] === value;
      if (below === above || seenH(i, j)) continue;
      if (below) walks.push({ rings: walk(i, j, 0), label: labels.current(i) });
      else walks.push({ rings: walk(i + 1, j, 2), label: labels.previous(i) });
    }
    labels.advance();
    if ((j & 63) === 0) {
      opts.onProgress?.(j, H);
      if (opts.signal?.aborted) throw new Error('aborted');
    }
  }
  opts.onProgress?.(H, H);
  return assemble(walks, labels);
}

function closeRing(pts: number[]): Int32Array {
  const out = new Int32Array(pts.length + 2);
  out.set(pts);
  out[pts.length] = pts[0]!;
  out[pts.length + 1] = pts[1]!;
  return out;
}

/** Twice the signed area (shoelace) of a closed ring in pixel corners. */
export function ringArea2(r: Int32Array): number {
  let s = 0;
  for (let k = 0; k + 3 < r.length; k += 2) s += r[k]! * r[k + 3]! - r[k + 2]! * r[k + 1]!;
  return s;
}

function assemble(
  walks: { rings: Int32Array[]; label: number }[],
  labels: RunLabeller,
): PixelComponent[] {
  const byRoot = new Map<number, { shells: Int32Array[]; holes: Int32Array[] }>();
  for (const w of walks) {
    const root = labels.find(w.label);
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { shells: [], holes: [] }));
    for (const ring of w.rings) (ringArea2(ring) > 0 ? g.shells : g.holes).push(ring);
  }
  const out: PixelComponent[] = [];
  for (const g of byRoot.values()) {
    const polys = g.shells.map((shell) => ({
      shell,
      holes: [] as Int32Array[],
      box: ringBox(shell),
      area2: ringArea2(shell),
    }));
    for (const hole of g.holes) {
      if (polys.length === 1) {
        polys[0]!.holes.push(hole);
        continue;
      }
      // A point strictly inside the hole: the centre of the pixel left of its first edge.
      const x0 = hole[0]!;
      const y0 = hole[1]!;
      const dx = Math.sign(hole[2]! - x0);
      const dy = Math.sign(hole[3]! - y0);
      const px = x0 + 0.5 * dx + 0.5 * dy;
      const py = y0 + 0.5 * dy - 0.5 * dx;
      // The innermost shell containing it (a pinched component may nest a shell in a hole).
      let owner = polys[0]!;
      let best = Infinity;
      for (const p of polys) {
        const b = p.box;
        if (p.area2 >= best || px < b[0] || px > b[2] || py < b[1] || py > b[3]) continue;
        if (pointInRing(px, py, p.shell)) {
          best = p.area2;
          owner = p;
        }
      }
      owner.holes.push(hole);
    }
    let area2 = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of polys) {
      area2 += ringArea2(p.shell);
      for (const h of p.holes) area2 += ringArea2(h);
      for (let k = 0; k < p.shell.length; k += 2) {
        const x = p.shell[k]!;
        const y = p.shell[k + 1]!;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    if (polys.length > 0)
      out.push({
        polygons: polys.map((p) => ({ shell: p.shell, holes: p.holes })),
        pixels: area2 / 2,
        bbox: [minX, minY, maxX, maxY],
      });
  }
  return out;
}

function ringBox(r: Int32Array): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < r.length; k += 2) {
    minX = Math.min(minX, r[k]!);
    maxX = Math.max(maxX, r[k]!);
    minY = Math.min(minY, r[k + 1]!);
    maxY = Math.max(maxY, r[k + 1]!);
  }
  return [minX, minY, maxX, maxY];
}

/** Even–odd point-in-ring test. */
export function pointInRing(px: number, py: number, r: Int32Array): boolean {
  let inside = false;
  for (let k = 0; k + 3 < r.length; k += 2) {
    const x1 = r[k]!;
    const y1 = r[k + 1]!;
    const x2 = r[k + 2]!;
    const y2 = r[k + 3]!;
    if (y1 > py !== y2 > py && px < ((x2 - x1) * (py - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

/**
 * Row-by-row connected-component labelling of runs with union–find, keeping two rows of labels.
 * `labelRow(j)` labels row j from row j−1; `advance()` moves to the next row.
 */
class RunLabeller {
  private prev: Int32Array;
  private cur: Int32Array;
  private parent = new Int32Array(1024);
  private next = 1;
  constructor(
    private readonly width: number,
    private readonly diagonal: boolean,
  ) {
    this.prev = new Int32Array(width);
    this.cur = new Int32Array(width);
  }

  labelRow(mask: Uint8Array, row: number, value: number): void {
    const W = this.width;
    const base = row * W;
    const prev = this.prev;
    const cur = this.cur;
    cur.fill(0);
    let x = 0;
    while (x < W) {
      if (mask[base + x] !== value) {
        x++;
        continue;
      }
      let end = x;
      while (end < W && mask[base + end] === value) end++;
      // Run [x, end): neighbours in the previous row over [x−1, end] with diagonals, [x, end) without.
      const a = this.diagonal ? Math.max(0, x - 1) : x;
      const b = this.diagonal ? Math.min(W, end + 1) : end;
      let label = 0;
      for (let k = a; k < b; k++) {
        const l = prev[k]!;
        if (l === 0) continue;
        if (label === 0) label = this.find(l);
        else this.union(label, l);
      }
      if (label === 0) label = this.newLabel();
      for (let k = x; k < end; k++) cur[k] = label;
      x = end;
    }
  }

  /** Label of pixel i of the row just labelled, and of the row above it. */
  current(i: number): number {
    return this.cur[i]!;
  }
  previous(i: number): number {
    return this.prev[i]!;
  }

  advance(): void {
    const t = this.prev;
    this.prev = this.cur;
    this.cur = t;
  }

  private newLabel(): number {
    if (this.next >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
    }
    this.parent[this.next] = this.next;
    return this.next++;
  }

  find(l: number): number {
    let r = l;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[l] !== r) {
      const n = this.parent[l]!;
      this.parent[l] = r;
      l = n;
    }
    return r;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
