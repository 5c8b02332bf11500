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
import { SahelsatError } from '../core/errors.js';

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
  /** Checked every 64 rows; when aborted, SahelsatError `interrupted` is thrown. */
  readonly signal?: AbortSignal;
}

// Directions: 0 east (+x), 1 south (+y), 2 west, 3 north; right of d is d+1.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

/** The components of a mask, stored compactly and built one at a time when iterated. */
export interface PolygonSet extends Iterable<PixelComponent> {
  /** Number of components. */
  readonly count: number;
}

/** Outlines every connected component of `value` in a `width × height` mask, as an array. */
export function polygonize(
  mask: Uint8Array,
  width: number,
  height: number,
  opts: PolygonizeOptions = {},
): PixelComponent[] {
  return [...polygonizeCompact(mask, width, height, opts)];
}

/**
 * Outlines every connected component of `value`; rings are kept in one typed-array pool
 * (≈ 8 bytes per turning point), components are built when iterated, so millions of speckle
 * polygons fit in a few hundred MB.
 */
export function polygonizeCompact(
  mask: Uint8Array,
  width: number,
  height: number,
  opts: PolygonizeOptions = {},
): PolygonSet {
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
  const store = new RingStore();
  let pts = new Int32Array(1024);
  let n = 0;
  const push = (x: number, y: number): void => {
    if (n + 2 > pts.length) {
      const p = new Int32Array(pts.length * 2);
      p.set(pts);
      pts = p;
    }
    pts[n++] = x;
    pts[n++] = y;
  };

  /** Walks the boundary that starts at corner (sx, sy) heading d0 and stores its rings. */
  const walk = (sx: number, sy: number, d0: number, label: number): void => {
    n = 0;
    // Vertex key → index in pts of its first visit, for saddle vertices only (created lazily).
    let saddleAt: Map<number, number> | undefined;
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
      const ar = isV(x + ((DX[d]! + DX[r]! - 1) >> 1), y + ((DY[d]! + DY[r]! - 1) >> 1));
      const al = isV(x + ((DX[d]! - DX[r]! - 1) >> 1), y + ((DY[d]! - DY[r]! - 1) >> 1));
      // At a saddle (al without ar) always turn right: diagonal pixels stay apart, so every
      // polygon's interior is connected; 8-connectivity groups the polygons afterwards.
      const nd = ar ? (al ? (d + 3) & 3 : d) : (d + 1) & 3;
      const saddle = !ar && al;
      const closing = x === sx && y === sy && nd === d0;
      if (nd !== d) {
        if (saddle) {
          const key = y * (W + 1) + x;
          const prev = saddleAt?.get(key);
          if (prev !== undefined) {
            // Second visit of a pinch vertex: the loop since the first visit is a ring of its own.
            store.add(pts, prev, n, label);
            n = prev;
            for (const [k, at] of saddleAt!) if (at >= prev) saddleAt!.delete(k);
          } else if (!closing) (saddleAt ??= new Map()).set(key, n);
        }
        push(x, y);
      }
      d = nd;
      if (closing) break;
    }
    if (n >= 6) store.add(pts, 0, n, label);
  };

  for (let j = 0; j <= H; j++) {
    if (j < H) labels.labelRow(mask, j, value);
    for (let i = 0; i < W; i++) {
      const below = j < H && mask[j * W + i] === value;
      const above = j > 0 && mask[(j - 1) * W + i] === value;
      if (below === above || seenH(i, j)) continue;
      if (below) walk(i, j, 0, labels.current(i));
      else walk(i + 1, j, 2, labels.previous(i));
    }
    labels.advance();
    if ((j & 63) === 0) {
      opts.onProgress?.(j, H);
      if (opts.signal?.aborted)
        throw new SahelsatError('interrupted', 'interrupted while tracing polygons');
    }
  }
  opts.onProgress?.(H, H);
  return store.group(labels);
}

/** All rings in one pool: ring i is coords[start[i] … start[i+1]), closed, with its label. */
class RingStore {
  private coords = new Int32Array(1 << 16);
  private used = 0;
  private start = new Int32Array(1024);
  private labels = new Int32Array(1024);
  private count = 0;

  add(src: Int32Array, from: number, to: number, label: number): void {
    const len = to - from + 2;
    if (this.used + len > this.coords.length) {
      const c = new Int32Array(Math.max(this.coords.length * 2, this.used + len));
      c.set(this.coords.subarray(0, this.used));
      this.coords = c;
    }
    if (this.count + 2 > this.start.length) {
      const s = new Int32Array(this.start.length * 2);
      s.set(this.start);
      this.start = s;
      const l = new Int32Array(this.labels.length * 2);
      l.set(this.labels);
      this.labels = l;
    }
    this.coords.set(src.subarray(from, to), this.used);
    this.coords[this.used + len - 2] = src[from]!;
    this.coords[this.used + len - 1] = src[from + 1]!;
    this.start[this.count] = this.used;
    this.labels[this.count] = label;
    this.used += len;
    this.count++;
    this.start[this.count] = this.used;
  }

  /** Groups rings by component (counting sort on the union–find roots). */
  group(labeller: RunLabeller): PolygonSet {
    const nRings = this.count;
    const roots = new Int32Array(nRings);
    let maxRoot = 0;
    for (let i = 0; i < nRings; i++) {
      roots[i] = labeller.find(this.labels[i]!);
      if (roots[i]! > maxRoot) maxRoot = roots[i]!;
    }
    const first = new Int32Array(maxRoot + 2);
    for (let i = 0; i < nRings; i++) first[roots[i]! + 1]!++;
    let components = 0;
    for (let r = 1; r <= maxRoot + 1; r++) {
      if (first[r]! > 0) components++;
      first[r]! += first[r - 1]!;
    }
    const order = new Int32Array(nRings);
    const fill = first.slice();
    for (let i = 0; i < nRings; i++) order[fill[roots[i]!]!++] = i;
    this.labels = new Int32Array(0);
    const coords = this.coords;
    const start = this.start;
    const ring = (i: number): Int32Array => coords.subarray(start[i]!, start[i + 1]!);
    return {
      count: components,
      *[Symbol.iterator]() {
        for (let r = 0; r <= maxRoot; r++) {
          const a = first[r]!;
          const b = first[r + 1]!;
          if (a === b) continue;
          const shells: Int32Array[] = [];
          const holes: Int32Array[] = [];
          for (let k = a; k < b; k++) {
            const rr = ring(order[k]!);
            (ringArea2(rr) > 0 ? shells : holes).push(rr);
          }
          yield assembleComponent(shells, holes);
        }
      },
    };
  }
}

/** Twice the signed area (shoelace) of a closed ring in pixel corners. */
export function ringArea2(r: Int32Array): number {
  let s = 0;
  for (let k = 0; k + 3 < r.length; k += 2) s += r[k]! * r[k + 3]! - r[k + 2]! * r[k + 1]!;
  return s;
}

function assembleComponent(shells: Int32Array[], holes: Int32Array[]): PixelComponent {
  const polys = shells.map((shell) => ({
    shell,
    holes: [] as Int32Array[],
    box: ringBox(shell),
    area2: ringArea2(shell),
  }));
  for (const hole of holes) {
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
    area2 += p.area2;
    for (const h of p.holes) area2 += ringArea2(h);
    minX = Math.min(minX, p.box[0]);
    minY = Math.min(minY, p.box[1]);
    maxX = Math.max(maxX, p.box[2]);
    maxY = Math.max(maxY, p.box[3]);
  }
  return {
    polygons: polys.map((p) => ({ shell: p.shell, holes: p.holes })),
    pixels: area2 / 2,
    bbox: [minX, minY, maxX, maxY],
  };
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
