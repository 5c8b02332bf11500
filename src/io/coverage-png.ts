/**
 * PNG heatmaps of a coverage grid: one block of pixels per cell, coloured from green (short
 * revisit) through yellow to red (long), grey where the place is never revisited; boundaries
 * drawn over it; a colour bar with tick values (hours) along the bottom, in a small built-in
 * pixel font (digits only, so no font file is needed).
 */
import { PNG } from 'pngjs';

export interface HeatmapCell {
  readonly latDeg: number;
  readonly lonDeg: number;
  /** The value to colour, or null (never revisited: grey). */
  readonly value: number | null;
}

export interface HeatmapOptions {
  readonly stepDeg: number;
  /** Polylines of [lon, lat] to draw, with a colour and a width in pixels. */
  readonly lines?: readonly {
    readonly coordinates: readonly (readonly [number, number])[];
    readonly rgb: readonly [number, number, number];
    readonly widthPx: number;
  }[];
  /** Upper end of the colour scale (default: a round number above the largest value). */
  readonly maxValue?: number;
  /** Target image width, px (default 1200). */
  readonly widthPx?: number;
}

const STOPS: readonly [number, readonly [number, number, number]][] = [
  [0, [26, 150, 65]],
  [0.33, [166, 217, 106]],
  [0.5, [255, 255, 191]],
  [0.75, [253, 174, 97]],
  [1, [215, 25, 28]],
];
const GREY: readonly [number, number, number] = [170, 170, 170];

/** Colour of a value in [0, 1] on the green–yellow–red ramp. */
export function rampColour(x: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, x));
  for (let k = 1; k < STOPS.length; k++) {
    const [t1, c1] = STOPS[k]!;
    const [t0, c0] = STOPS[k - 1]!;
    if (t <= t1) {
      const f = (t - t0) / (t1 - t0);
      return [0, 1, 2].map((i) => Math.round(c0[i]! + f * (c1[i]! - c0[i]!))) as [
        number,
        number,
        number,
      ];
    }
  }
  return [...STOPS[STOPS.length - 1]![1]] as [number, number, number];
}

/** A round number ≥ x (1, 2, 2.5, 5 × 10^k). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  h: [4, 4, 7, 5, 5],
  '.': [0, 0, 0, 0, 2],
  '-': [0, 0, 7, 0, 0],
  ' ': [0, 0, 0, 0, 0],
};

/** Renders the heatmap as PNG bytes. */
export function coverageHeatmapPng(cells: readonly HeatmapCell[], opts: HeatmapOptions): Buffer {
  const step = opts.stepDeg;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let maxV = 0;
  for (const c of cells) {
    minLon = Math.min(minLon, c.lonDeg - step / 2);
    maxLon = Math.max(maxLon, c.lonDeg + step / 2);
    minLat = Math.min(minLat, c.latDeg - step / 2);
    maxLat = Math.max(maxLat, c.latDeg + step / 2);
    if (c.value !== null) maxV = Math.max(maxV, c.value);
  }
  const margin = Math.max(step, 0.3);
  minLon -= margin;
  maxLon += margin;
  minLat -= margin;
  maxLat += margin;
  const widthPx = opts.widthPx ?? 1200;
  const scale = widthPx / (maxLon - minLon); // px per degree
  const mapH = Math.ceil((maxLat - minLat) * scale);
  const legendH = 46;
  const W = Math.ceil(widthPx);
  const H = mapH + legendH;
  const png = new PNG({ width: W, height: H });
  png.data.fill(255);
  const put = (x: number, y: number, rgb: readonly number[]): void => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const k = 4 * (y * W + x);
    png.data[k] = rgb[0]!;
    png.data[k + 1] = rgb[1]!;
    png.data[k + 2] = rgb[2]!;
    png.data[k + 3] = 255;
  };
  const px = (lon: number): number => (lon - minLon) * scale;
  const py = (lat: number): number => (maxLat - lat) * scale;
  const vmax = opts.maxValue ?? niceCeil(maxV);
  for (const c of cells) {
    const rgb = c.value === null ? GREY : rampColour(c.value / vmax);
    const x0 = Math.floor(px(c.lonDeg - step / 2));
    const x1 = Math.ceil(px(c.lonDeg + step / 2));
    const y0 = Math.floor(py(c.latDeg + step / 2));
    const y1 = Math.ceil(py(c.latDeg - step / 2));
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) put(x, y, rgb);
  }
  for (const line of opts.lines ?? []) {
    const pts = line.coordinates;
    for (let i = 1; i < pts.length; i++) {
      drawSegment(px(pts[i - 1]![0]), py(pts[i - 1]![1]), px(pts[i]![0]), py(pts[i]![1]), line);
    }
  }
  function drawSegment(
    xa: number,
    ya: number,
    xb: number,
    yb: number,
    line: { rgb: readonly number[]; widthPx: number },
  ): void {
    const n = Math.ceil(Math.max(Math.abs(xb - xa), Math.abs(yb - ya))) + 1;
    const r = (line.widthPx - 1) / 2;
    for (let k = 0; k <= n; k++) {
      const x = xa + ((xb - xa) * k) / n;
      const y = ya + ((yb - ya) * k) / n;
      for (let dy = -Math.floor(r); dy <= Math.ceil(r); dy++)
        for (let dx = -Math.floor(r); dx <= Math.ceil(r); dx++)
          put(Math.round(x + dx), Math.round(y + dy), line.rgb);
    }
  }
  // Colour bar and ticks.
  const barX0 = 20;
  const barX1 = W - 80;
  const barY = mapH + 8;
  for (let x = barX0; x <= barX1; x++) {
    const rgb = rampColour((x - barX0) / (barX1 - barX0));
    for (let y = barY; y < barY + 12; y++) put(x, y, rgb);
  }
  for (let y = barY; y < barY + 12; y++)
    for (let x = barX1 + 20; x < barX1 + 40; x++) put(x, y, GREY);
  const text = (s: string, x: number, y: number, size = 2): void => {
    let cx = x;
    for (const ch of s) {
      const g = GLYPHS[ch] ?? GLYPHS[' ']!;
      g.forEach((bits, row) => {
        for (let col = 0; col < 3; col++) {
          if (!(bits & (4 >> col))) continue;
          for (let a = 0; a < size; a++)
            for (let b = 0; b < size; b++) put(cx + col * size + a, y + row * size + b, [0, 0, 0]);
        }
      });
      cx += 4 * size;
    }
  };
  for (let k = 0; k <= 4; k++) {
    const v = (vmax * k) / 4;
    const x = Math.round(barX0 + ((barX1 - barX0) * k) / 4);
    for (let y = barY + 12; y < barY + 16; y++) put(x, y, [0, 0, 0]);
    const label = `${Number.isInteger(v) ? v : v.toFixed(1)}h`;
    text(label, x - label.length * 4, barY + 20);
  }
  text('-', barX1 + 26, barY + 20);
  return PNG.sync.write(png);
}
