/**
 * Reading GeoTIFF and Cloud-Optimised GeoTIFF rasters, from local files or by HTTP range requests,
 * one window at a time (bounded memory: a whole scene is never decoded at once). Samples come out
 * as Float32 physical values: GDAL scale/offset applied, nodata → NaN. Every failure becomes a
 * ValidationError that names the file and says what is wrong.
 */
import { stat } from 'node:fs/promises';
import { type GeoTIFF, type GeoTIFFImage, fromFile, fromUrl } from 'geotiff';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import type { GeoTransform, RasterGrid } from '../../imaging/grid.js';
import { blockLayout, readBlocks } from './block-reader.js';
import { crsDefinition } from './crs.js';
import { useNodeZlibForDeflate } from './zlib-decoder.js';

/** A pixel window: columns `x0 … x0+width-1`, rows `y0 … y0+height-1`. */
export interface PixelWindow {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
}

/** What is known about an opened raster before reading any pixel. */
export interface RasterInfo {
  /** The path or URL it was opened from (used in every message). */
  readonly source: string;
  readonly grid: RasterGrid;
  readonly bandCount: number;
  /** Raw nodata value (GDAL_NODATA tag), or null when the file declares none. */
  readonly nodata: number | null;
  /** Per band: physical = raw × scale + offset. */
  readonly scale: readonly number[];
  readonly offset: readonly number[];
  /** Per band description from GDAL metadata ("" when absent). */
  readonly bandNames: readonly string[];
  /** TIFF sample format: 'uint' | 'int' | 'float', and bits per sample. */
  readonly sampleType: string;
  /** Internal block (tile or strip) size, pixels. */
  readonly blockWidth: number;
  readonly blockHeight: number;
}

/** An opened raster: its description and a window reader. */
export interface RasterSource extends RasterInfo {
  /**
   * Reads bands (0-based) in a window. Returns one Float32Array per band, row-major,
   * `width × height`, physical values, NaN where the raw value equals nodata or is not finite.
   * @throws ValidationError (code `raster-corrupt`) when a block cannot be read or decoded.
   */
  readWindow(
    win: PixelWindow,
    bands: readonly number[],
    signal?: AbortSignal,
  ): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Options of {@link openRaster}. */
export interface OpenRasterOptions {
  /**
   * Base URL that remote rasters must start with (the configured imagery endpoint). A URL
   * outside it is refused, so nothing reaches the network unless the user configured it.
   */
  readonly endpoint?: string;
  readonly signal?: AbortSignal;
}

/**
 * Opens a GeoTIFF/COG from a path or an http(s) URL (read by range requests).
 * @throws ValidationError naming the source: missing file, not a TIFF, no georeferencing,
 * unknown CRS, rotated grid, remote URL outside the configured endpoint.
 */
export async function openRaster(
  source: string,
  opts: OpenRasterOptions = {},
): Promise<RasterSource> {
  useNodeZlibForDeflate();
  const fail = (message: string, d: { expected?: string; received?: string; code?: string } = {}) =>
    new ValidationError(message, { location: { file: source }, ...d });
  let tiff: GeoTIFF;
  if (/^https?:\/\//i.test(source)) {
    if (!opts.endpoint || !source.startsWith(opts.endpoint))
      throw fail('remote raster outside the configured imagery endpoint', {
        expected: opts.endpoint
          ? `a URL starting with ${opts.endpoint}`
          : 'SAHELSAT_IMAGERY_ENDPOINT set',
        received: source,
        code: 'endpoint-not-configured',
      });
    try {
      tiff = await fromUrl(source, { allowFullFile: false }, opts.signal);
    } catch (err) {
      throw fail(`cannot read remote GeoTIFF: ${errText(err)}`, { code: 'raster-unreadable' });
    }
  } else {
    try {
      const st = await stat(source);
      if (!st.isFile()) throw fail('not a regular file', { code: 'raster-unreadable' });
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw fail('file not found or not readable', { code: 'raster-unreadable' });
    }
    try {
      tiff = await fromFile(source, opts.signal);
    } catch (err) {
      throw fail(`not a readable GeoTIFF: ${errText(err)}`, { code: 'raster-corrupt' });
    }
  }
  let image: GeoTIFFImage;
  try {
    image = await tiff.getImage(0);
  } catch (err) {
    throw fail(`corrupt or truncated TIFF directory: ${errText(err)}`, { code: 'raster-corrupt' });
  }
  const info = await describe(image, source, fail);
  const layout = await blockLayout(image).catch(() => undefined);
  return {
    ...info,
    readWindow: (win, bands, signal) => readWindow(image, layout, info, win, bands, signal),
    close: async () => {
      await (tiff as unknown as { close?: () => Promise<void> }).close?.();
    },
  };
}

type Fail = (
  message: string,
  d?: { expected?: string; received?: string; code?: string },
) => ValidationError;

async function describe(image: GeoTIFFImage, source: string, fail: Fail): Promise<RasterInfo> {
  const width = image.getWidth();
  const height = image.getHeight();
  const bandCount = image.getSamplesPerPixel();
  const epsg = crsOf(image, fail);
  const transform = transformOf(image, fail);
  const fmt = image.getSampleFormat(0);
  const bits = image.getBitsPerSample(0);
  const sampleType = `${fmt === 3 ? 'float' : fmt === 2 ? 'int' : 'uint'}${bits}`;
  const meta = await gdalBandMetadata(image, bandCount);
  const nodata = image.getGDALNoData();
  return {
    source,
    grid: { width, height, transform, epsg },
    bandCount,
    nodata: nodata === null || Number.isNaN(nodata) ? (nodata === null ? null : NaN) : nodata,
    scale: meta.scale,
    offset: meta.offset,
    bandNames: meta.names,
    sampleType,
    blockWidth: image.getTileWidth(),
    blockHeight: image.getTileHeight(),
  };
}

function crsOf(image: GeoTIFFImage, fail: Fail): number {
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  if (!keys)
    throw fail('no GeoTIFF georeferencing (GeoKeyDirectory tag missing)', { code: 'no-georef' });
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const model = keys.GTModelTypeGeoKey;
  const code = model === 2 ? geographic : (projected ?? geographic);
  if (typeof code !== 'number' || code === 32767 || code <= 0)
    throw fail('unknown CRS (user-defined or missing EPSG code in the GeoKeys)', {
      expected: 'an EPSG-coded CRS',
      received: JSON.stringify(keys).slice(0, 200),
      code: 'unknown-crs',
    });
  if (!crsDefinition(code))
    throw fail(`unknown CRS EPSG:${code}`, {
      expected: 'EPSG 4326, 4269, 3857, 3031, 3413, 3035 or a WGS-84 UTM zone (326xx/327xx)',
      received: `EPSG:${code}`,
      code: 'unknown-crs',
    });
  return code;
}

function transformOf(image: GeoTIFFImage, fail: Fail): GeoTransform {
  const fd = image.getFileDirectory() as unknown as {
    hasTag(t: string): boolean;
    getValue(t: string): unknown;
  };
  if (fd.hasTag('ModelTransformation')) {
    const m = fd.getValue('ModelTransformation') as number[];
    if (Math.abs(m[1] ?? 0) > 0 || Math.abs(m[4] ?? 0) > 0)
      throw fail('rotated or sheared grids are not supported', {
        expected: 'a north-up grid',
        code: 'unsupported-grid',
      });
  }
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (err) {
    throw fail(`no pixel-to-CRS transform (${errText(err)})`, { code: 'no-georef' });
  }
  let originX = origin[0]!;
  let originY = origin[1]!;
  const pixelSizeX = res[0]!;
  const pixelSizeY = res[1]!;
  if (
    ![originX, originY, pixelSizeX, pixelSizeY].every(Number.isFinite) ||
    pixelSizeX === 0 ||
    pixelSizeY === 0
  )
    throw fail('invalid pixel-to-CRS transform', {
      received: `${origin} ${res}`,
      code: 'no-georef',
    });
  if (!image.pixelIsArea()) {
    // PixelIsPoint: the tie point is the centre of pixel (0, 0); shift to its corner as GDAL does.
    originX -= pixelSizeX / 2;
    originY -= pixelSizeY / 2;
  }
  return { originX, originY, pixelSizeX, pixelSizeY };
}

async function gdalBandMetadata(
  image: GeoTIFFImage,
  bandCount: number,
): Promise<{ scale: number[]; offset: number[]; names: string[] }> {
  const scale = new Array<number>(bandCount).fill(1);
  const offset = new Array<number>(bandCount).fill(0);
  const names = new Array<string>(bandCount).fill('');
  const fd = image.getFileDirectory() as unknown as {
    hasTag(t: string): boolean;
    loadValue(t: string): Promise<unknown>;
  };
  if (!fd.hasTag('GDAL_METADATA')) return { scale, offset, names };
  const xml = String(await fd.loadValue('GDAL_METADATA'));
  const re = /<Item\s+([^>]*)>([^<]*)<\/Item>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = m[1]!;
    const role = /role="([^"]*)"/.exec(attrs)?.[1];
    const sample = Number(/sample="(\d+)"/.exec(attrs)?.[1] ?? NaN);
    if (!Number.isInteger(sample) || sample < 0 || sample >= bandCount) continue;
    const value = m[2]!.trim();
    if (role === 'scale' && Number.isFinite(Number(value))) scale[sample] = Number(value);
    else if (role === 'offset' && Number.isFinite(Number(value))) offset[sample] = Number(value);
    else if (role === 'description') names[sample] = value;
  }
  return { scale, offset, names };
}

async function readWindow(
  image: GeoTIFFImage,
  layout: Awaited<ReturnType<typeof blockLayout>>,
  info: RasterInfo,
  win: PixelWindow,
  bands: readonly number[],
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const { width, height } = info.grid;
  if (
    win.x0 < 0 ||
    win.y0 < 0 ||
    win.width <= 0 ||
    win.height <= 0 ||
    win.x0 + win.width > width ||
    win.y0 + win.height > height
  )
    throw new ValidationError('window outside the raster', {
      location: { file: info.source },
      expected: `inside 0..${width} × 0..${height}`,
      received: `${win.x0},${win.y0} ${win.width}×${win.height}`,
      code: 'bad-window',
    });
  for (const b of bands)
    if (!Number.isInteger(b) || b < 0 || b >= info.bandCount)
      throw new ValidationError(`band ${b + 1} does not exist`, {
        location: { file: info.source },
        expected: `a band in 1..${info.bandCount}`,
        received: String(b + 1),
        code: 'missing-band',
      });
  let raw: ArrayLike<number>[];
  try {
    if (layout) raw = await readBlocks(image, layout, win, bands, signal);
    else
      raw = (await image.readRasters({
        window: [win.x0, win.y0, win.x0 + win.width, win.y0 + win.height],
        samples: [...bands],
        interleave: false,
        ...(signal ? { signal } : {}),
      })) as unknown as ArrayLike<number>[];
  } catch (err) {
    if (signal?.aborted)
      throw new SahelsatError('interrupted', `interrupted while reading ${info.source}`);
    throw new ValidationError(
      `corrupt or truncated raster data in window ${win.x0},${win.y0} ${win.width}×${win.height}: ${errText(err)}`,
      { location: { file: info.source }, code: 'raster-corrupt' },
    );
  }
  const n = win.width * win.height;
  return bands.map((b, k) => {
    const src = raw[k]!;
    if (src.length !== n)
      throw new ValidationError(
        `truncated raster data: got ${src.length} samples for ${n} pixels`,
        {
          location: { file: info.source },
          code: 'raster-corrupt',
        },
      );
    return toPhysical(src, info.nodata, info.scale[b] ?? 1, info.offset[b] ?? 0);
  });
}

function toPhysical(
  src: ArrayLike<number>,
  nodata: number | null,
  scale: number,
  offset: number,
): Float32Array {
  const out = src instanceof Float32Array ? src : Float32Array.from(src);
  const hasNodata = nodata !== null && !Number.isNaN(nodata);
  // A float32 file stores the nodata value rounded to float32: compare with both forms.
  const nd = nodata ?? NaN;
  const nd32 = Math.fround(nd);
  const identity = scale === 1 && offset === 0;
  for (let i = 0; i < out.length; i++) {
    const v = src[i]!;
    if ((hasNodata && (v === nd || v === nd32)) || !Number.isFinite(v)) out[i] = NaN;
    else if (!identity) out[i] = v * scale + offset;
  }
  return out;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
