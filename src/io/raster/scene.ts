/**
 * Opening the scenes of a water/change product: which band is which (GDAL band descriptions,
 * then the usual band layouts of Sentinel-1 and Sentinel-2 exports, then the user's choice),
 * radar units, and the checks that the scenes can be combined (same grid, overlap, same bands).
 */
import { ValidationError } from '../../core/errors.js';
import { type RasterGrid, gridBounds, sameGrid } from '../../imaging/grid.js';
import { type FeatureSource } from '../../imaging/features.js';
import { type CloudMaskKind, opticalSource } from '../../imaging/water-optical.js';
import { guessBackscatterUnits, radarSource } from '../../imaging/water-radar.js';
import type { WindowReader } from '../../imaging/water-radar.js';
import { toLonLatTransform } from './crs.js';
import type { RasterSource } from './reader.js';
import { warpedReader } from './warp.js';

type Pol = 'VV' | 'VH' | 'HH' | 'HV';

/** Parses `"VV=1,VH=2"` or `"green=3,nir=8,swir1=12"` (1-based bands) into 0-based indices. */
export function parseBandMap(
  text: string,
  allowed: readonly string[],
  field: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\d+)\s*$/.exec(part);
    const key = m ? allowed.find((a) => a.toLowerCase() === m[1]!.toLowerCase()) : undefined;
    if (!m || !key || Number(m[2]) < 1)
      throw new ValidationError('bad band mapping', {
        location: { field },
        expected: `NAME=BAND[,…] with NAME in ${allowed.join(', ')} and BAND ≥ 1`,
        received: part,
      });
    out[key] = Number(m[2]) - 1;
  }
  return out;
}

function checkBands(r: RasterSource, bands: Record<string, number>): void {
  for (const [name, b] of Object.entries(bands))
    if (b >= r.bandCount)
      throw new ValidationError(`band ${b + 1} (${name}) does not exist`, {
        location: { file: r.source },
        expected: `a band in 1..${r.bandCount}`,
        received: String(b + 1),
        code: 'missing-band',
      });
}

/** Sentinel-1 polarisation bands: explicit, from band descriptions, or VV,VH by position. */
export function radarBands(
  r: RasterSource,
  explicit?: Record<string, number>,
): Partial<Record<Pol, number>> {
  if (explicit) {
    checkBands(r, explicit);
    return explicit;
  }
  const named: Partial<Record<Pol, number>> = {};
  r.bandNames.forEach((n, i) => {
    const m = /\b(VV|VH|HH|HV)\b/i.exec(n);
    if (m) named[m[1]!.toUpperCase() as Pol] = i;
  });
  if (Object.keys(named).length > 0) return named;
  if (r.bandCount === 2) return { VV: 0, VH: 1 };
  if (r.bandCount === 1) return { VV: 0 };
  throw new ValidationError(`cannot tell which of the ${r.bandCount} bands are VV and VH`, {
    location: { file: r.source },
    expected:
      '1 or 2 bands (VV[,VH]), band descriptions naming the polarisations, or --s1-bands VV=1,VH=2',
    received: `${r.bandCount} bands`,
    code: 'mismatched-bands',
  });
}

/** Guesses dB vs linear from the central 256 × 256 window. */
export async function detectRadarUnits(r: RasterSource, band: number): Promise<'dB' | 'linear'> {
  const w = Math.min(256, r.grid.width);
  const h = Math.min(256, r.grid.height);
  const [s] = await r.readWindow(
    {
      x0: Math.floor((r.grid.width - w) / 2),
      y0: Math.floor((r.grid.height - h) / 2),
      width: w,
      height: h,
    },
    [band],
  );
  return guessBackscatterUnits(s!);
}

/** Options of {@link radarFeatures}. */
export interface RadarOpenOptions {
  readonly bands?: Record<string, number>;
  readonly units?: 'dB' | 'linear' | 'auto';
  readonly speckleRadius?: number;
  readonly idPrefix?: string;
  /** Product grid to resample onto (nearest neighbour) when the scene is on another grid. */
  readonly onto?: RasterGrid;
}

/** The scene's reader on `onto` (resampled when the grids differ) and the grid it delivers. */
function readerOn(
  r: RasterSource,
  onto: RasterGrid | undefined,
): { read: WindowReader; grid: RasterGrid } {
  if (!onto || sameGrid(onto, r.grid)) return { read: r.readWindow, grid: r.grid };
  return { read: warpedReader(r, onto), grid: onto };
}

/** The radar feature source of an opened S1 scene, with the choices made. */
export async function radarFeatures(
  r: RasterSource,
  opts: RadarOpenOptions = {},
): Promise<{ source: FeatureSource; bands: Partial<Record<Pol, number>>; units: 'dB' | 'linear' }> {
  const bands = radarBands(r, opts.bands);
  const first = Object.values(bands)[0]!;
  const units =
    !opts.units || opts.units === 'auto' ? await detectRadarUnits(r, first) : opts.units;
  const on = readerOn(r, opts.onto);
  const source = radarSource(on.read, {
    width: on.grid.width,
    height: on.grid.height,
    bands,
    units,
    ...(opts.speckleRadius !== undefined ? { speckleRadius: opts.speckleRadius } : {}),
    ...(opts.idPrefix !== undefined ? { idPrefix: opts.idPrefix } : {}),
  });
  return { source, bands, units };
}

/** Sentinel-2 bands (0-based) used for the indices. */
export interface OpticalBands {
  green: number;
  nir?: number;
  swir1?: number;
}

/**
 * Optical bands: explicit, from descriptions (B3/B03, B8/B08, B11), or by band count for the
 * usual exports: 13 bands = L1C B1…B12 with B8A (green 3, NIR 8, SWIR1 12, 1-based); 12 = L2A
 * without B10 (3, 8, 11); 10 = the 10/20 m bands B2…B8A, B11, B12 (2, 7, 9).
 */
export function opticalBands(r: RasterSource, explicit?: Record<string, number>): OpticalBands {
  if (explicit) {
    checkBands(r, explicit);
    if (
      explicit.green === undefined ||
      (explicit.nir === undefined && explicit.swir1 === undefined)
    )
      throw new ValidationError('the optical band mapping needs green and NIR and/or SWIR1', {
        location: { file: r.source, field: '--s2-bands' },
        received: JSON.stringify(explicit),
      });
    return explicit as unknown as OpticalBands;
  }
  const find = (re: RegExp): number | undefined => {
    const i = r.bandNames.findIndex((n) => re.test(n));
    return i >= 0 ? i : undefined;
  };
  const g = find(/^B0?3$/i);
  if (g !== undefined) {
    const nir = find(/^B0?8$/i);
    const swir1 = find(/^B11$/i);
    return {
      green: g,
      ...(nir !== undefined ? { nir } : {}),
      ...(swir1 !== undefined ? { swir1 } : {}),
    };
  }
  if (r.bandCount === 13) return { green: 2, nir: 7, swir1: 11 };
  if (r.bandCount === 12) return { green: 2, nir: 7, swir1: 10 };
  if (r.bandCount === 10) return { green: 1, nir: 6, swir1: 8 };
  throw new ValidationError(
    `cannot tell the green, NIR and SWIR1 bands among ${r.bandCount} bands`,
    {
      location: { file: r.source },
      expected:
        '13 (L1C), 12 (L2A) or 10 bands, band descriptions B3/B8/B11, or --s2-bands green=3,nir=8,swir1=12',
      received: `${r.bandCount} bands`,
      code: 'mismatched-bands',
    },
  );
}

/** Options of {@link opticalFeatures}. */
export interface OpticalOpenOptions {
  readonly bands?: Record<string, number>;
  readonly quantification?: number;
  readonly offset?: number;
  readonly cloud?: RasterSource;
  readonly cloudKind?: CloudMaskKind;
  /** Product grid to resample onto (nearest neighbour) when the scene is on another grid. */
  readonly onto?: RasterGrid;
}

/** The optical feature source of an opened S2 scene. */
export function opticalFeatures(
  r: RasterSource,
  opts: OpticalOpenOptions = {},
): { source: FeatureSource; bands: OpticalBands } {
  const bands = opticalBands(r, opts.bands);
  const on = readerOn(r, opts.onto);
  const source = opticalSource(on.read, {
    width: on.grid.width,
    ...bands,
    ...(opts.quantification !== undefined ? { quantification: opts.quantification } : {}),
    ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
    ...(opts.cloud
      ? { cloudReader: readerOn(opts.cloud, on.grid).read, cloudKind: opts.cloudKind ?? 'binary' }
      : {}),
  });
  return { source, bands };
}

/** Lon/lat bounding box of a grid (corners and edge midpoints transformed). */
export function lonLatBounds(g: RasterGrid, file: string): [number, number, number, number] {
  const [x0, y0, x1, y1] = gridBounds(g);
  const to = toLonLatTransform(g.epsg, file);
  const pts: [number, number][] = [];
  for (let i = 0; i <= 4; i++)
    for (let j = 0; j <= 4; j++) pts.push(to(x0 + ((x1 - x0) * i) / 4, y0 + ((y1 - y0) * j) / 4));
  return [
    Math.min(...pts.map((p) => p[0])),
    Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[0])),
    Math.max(...pts.map((p) => p[1])),
  ];
}

/**
 * Checks that `other` can be combined with `primary`: 'same' when on the same grid, 'resampled'
 * when it overlaps on another grid (it will be resampled onto the primary grid).
 * @throws ValidationError `no-overlap` when the scenes do not overlap at all.
 */
export function checkAlignment(primary: RasterSource, other: RasterSource): 'same' | 'resampled' {
  if (sameGrid(primary.grid, other.grid)) return 'same';
  try {
    requireSameGrid(primary, other);
  } catch (err) {
    if (err instanceof ValidationError && err.code === 'grid-mismatch') return 'resampled';
    throw err;
  }
  return 'same';
}

/**
 * Checks that `other` can be used pixel for pixel with `primary`.
 * @throws ValidationError `no-overlap` when the scenes do not overlap at all, `grid-mismatch`
 *   when they overlap but on another grid (to be resampled first).
 */
export function requireSameGrid(primary: RasterSource, other: RasterSource): void {
  if (sameGrid(primary.grid, other.grid)) return;
  const a = lonLatBounds(primary.grid, primary.source);
  const b = lonLatBounds(other.grid, other.source);
  const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const describe = (g: RasterGrid): string =>
    `EPSG:${g.epsg} ${g.width}×${g.height} origin (${g.transform.originX}, ${g.transform.originY}) pixel ${g.transform.pixelSizeX}×${g.transform.pixelSizeY}`;
  if (!overlap)
    throw new ValidationError(`scene does not overlap ${primary.source}`, {
      location: { file: other.source },
      expected: `an overlap with lon/lat box ${a.map((v) => v.toFixed(5)).join(', ')}`,
      received: `lon/lat box ${b.map((v) => v.toFixed(5)).join(', ')}`,
      code: 'no-overlap',
    });
  throw new ValidationError(
    `scene is not on the grid of ${primary.source}; resample it onto that grid first`,
    {
      location: { file: other.source },
      expected: describe(primary.grid),
      received: describe(other.grid),
      code: 'grid-mismatch',
    },
  );
}

/**
 * The polarisation bands of `other` in the order of `reference` (so features pair up when
 * differenced).
 * @throws ValidationError `mismatched-bands` when the polarisations differ.
 */
export function matchingRadarBands(
  reference: Partial<Record<Pol, number>>,
  other: RasterSource,
  explicit?: Record<string, number>,
): Record<string, number> {
  const found = radarBands(other, explicit);
  const a = Object.keys(reference).sort().join(',');
  const b = Object.keys(found).sort().join(',');
  if (a !== b)
    throw new ValidationError('the scenes have different polarisations', {
      location: { file: other.source },
      expected: a,
      received: b,
      code: 'mismatched-bands',
    });
  return Object.fromEntries(Object.keys(reference).map((k) => [k, found[k as Pol]!]));
}
