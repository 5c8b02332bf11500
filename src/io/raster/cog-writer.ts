/**
 * A Cloud-Optimised GeoTIFF writer (one band, uint8 or float32), laid out as GDAL's COG driver
 * does, so that `validate_cloud_optimized_geotiff.py --full-check` accepts it:
 *
 *   header · GDAL structural-metadata ghost area · all IFDs (full resolution first, then the
 *   overviews, largest first) · tile data (smallest overview first, full resolution last),
 *   tiles in row-major order, each with a 4-byte size leader and a 4-byte trailer repeating its
 *   last 4 bytes.
 *
 * geotiff.js's writer makes neither tiles, compression nor overviews, hence this one. Tiles are
 * compressed (deflate, on the libuv pool, several in flight) and spooled to a temporary file as
 * they come, so memory stays bounded; the final file is written beside the target and renamed
 * into place only when complete (an interrupted write leaves nothing behind).
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import type { RasterGrid } from '../../imaging/grid.js';
import { isGeographic } from './crs.js';

const deflateAsync = promisify(deflate);

/** Options of {@link writeCog}. */
export interface CogOptions {
  readonly grid: RasterGrid;
  readonly sampleType: 'uint8' | 'float32';
  /** Nodata value written in the GDAL_NODATA tag (and used to pad partial edge tiles). */
  readonly nodata?: number;
  /** Tile edge, pixels (multiple of 16). Default 512, as GDAL's COG driver. */
  readonly tileSize?: number;
  /** Number of overview levels (each halves the size). Default: until the image fits one tile. */
  readonly overviewLevels?: number;
  /** zlib level 1–9. Default 6. */
  readonly deflateLevel?: number;
  /** Free-form GDAL metadata items (dataset level), e.g. a description of the values. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Called after each tile written, with (tiles done, tiles total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Supplies the pixels of one tile: level 0 is full resolution, level l is downsampled by 2^l.
 * Returns `tileSize × tileSize` values (row-major); pixels outside the image are ignored.
 */
export type TileProvider = (level: number, tx: number, ty: number) => Uint8Array | Float32Array;

interface Level {
  readonly width: number;
  readonly height: number;
  readonly tilesX: number;
  readonly tilesY: number;
}

/** Number of overview levels GDAL would make: halve until the image fits in one tile. */
export function defaultOverviewLevels(width: number, height: number, tileSize = 512): number {
  let n = 0;
  let w = width;
  let h = height;
  while (w > tileSize || h > tileSize) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    n++;
  }
  return n;
}

/**
 * Writes a COG at `path` from a tile provider.
 * @throws ValidationError for impossible options; SahelsatError `interrupted` when aborted.
 */
export async function writeCog(path: string, opts: CogOptions, tiles: TileProvider): Promise<void> {
  const tileSize = opts.tileSize ?? 512;
  if (tileSize % 16 !== 0 || tileSize <= 0)
    throw new ValidationError('tile size must be a positive multiple of 16', {
      received: String(tileSize),
    });
  const { width, height } = opts.grid;
  const nLevels = opts.overviewLevels ?? defaultOverviewLevels(width, height, tileSize);
  const levels: Level[] = [];
  for (let l = 0; l <= nLevels; l++) {
    const w = Math.ceil(width / 2 ** l);
    const h = Math.ceil(height / 2 ** l);
    levels.push({
      width: w,
      height: h,
      tilesX: Math.ceil(w / tileSize),
      tilesY: Math.ceil(h / tileSize),
    });
  }
  const bytesPerSample = opts.sampleType === 'uint8' ? 1 : 4;
  const spoolPath = `${path}.tiles.part`;
  const outPath = `${path}.part`;
  // Per level: data offsets relative to the spool file start, and byte counts.
  const offsets = levels.map((lv) => new Float64Array(lv.tilesX * lv.tilesY));
  const counts = levels.map((lv) => new Float64Array(lv.tilesX * lv.tilesY));
  const total = levels.reduce((s, lv) => s + lv.tilesX * lv.tilesY, 0);
  let spool: FileHandle | undefined;
  try {
    spool = await open(spoolPath, 'w');
    let pos = 0;
    let done = 0;
    const inFlight: Promise<Buffer>[] = [];
    const order: [number, number][] = [];
    const MAX_IN_FLIGHT = 4;
    const flushOne = async (): Promise<void> => {
      const buf = await inFlight.shift()!;
      const [l, i] = order.shift()!;
      const framed = Buffer.allocUnsafe(buf.length + 8);
      framed.writeUInt32LE(buf.length, 0);
      buf.copy(framed, 4);
      buf.copy(framed, 4 + buf.length, Math.max(0, buf.length - 4));
      if (buf.length < 4) framed.fill(0, 4 + buf.length);
      await spool!.write(framed, 0, framed.length, pos);
      offsets[l]![i] = pos + 4;
      counts[l]![i] = buf.length;
      pos += framed.length;
      opts.onProgress?.(++done, total);
    };
    for (let l = levels.length - 1; l >= 0; l--) {
      const lv = levels[l]!;
      for (let ty = 0; ty < lv.tilesY; ty++)
        for (let tx = 0; tx < lv.tilesX; tx++) {
          if (opts.signal?.aborted)
            throw new SahelsatError('interrupted', 'interrupted while writing ' + path);
          const data = tiles(l, tx, ty);
          if (data.length !== tileSize * tileSize)
            throw new ValidationError('tile provider returned a tile of the wrong size', {
              expected: String(tileSize * tileSize),
              received: String(data.length),
            });
          const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length * bytesPerSample);
          // Copy: the provider may reuse its buffer for the next tile.
          inFlight.push(deflateAsync(Buffer.from(bytes), { level: opts.deflateLevel ?? 6 }));
          order.push([l, ty * lv.tilesX + tx]);
          if (inFlight.length >= MAX_IN_FLIGHT) await flushOne();
        }
    }
    while (inFlight.length) await flushOne();
    await spool.close();
    spool = undefined;
    const header = buildHeader(opts, levels, tileSize, offsets, counts);
    if (header.length + pos > 0xffffffff)
      throw new ValidationError('output larger than 4 GiB needs BigTIFF, which is not supported', {
        location: { file: path },
      });
    const out = await open(outPath, 'w');
    try {
      await out.write(header, 0, header.length, 0);
    } finally {
      await out.close();
    }
    await pipeline(createReadStream(spoolPath), (await open(outPath, 'a')).createWriteStream());
    await rename(outPath, path);
  } catch (err) {
    await rm(outPath, { force: true });
    throw err;
  } finally {
    await spool?.close().catch(() => undefined);
    await rm(spoolPath, { force: true });
  }
}

// --- TIFF encoding ---------------------------------------------------------------------------

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;

interface Tag {
  readonly tag: number;
  readonly type: number;
  readonly values: readonly number[] | string;
}

function ghostArea(): Buffer {
  const body =
    'LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\n' +
    'BLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ';
  const head = `GDAL_STRUCTURAL_METADATA_SIZE=${String(body.length).padStart(6, '0')} bytes\n`;
  let text = head + body;
  if ((8 + text.length) % 2 === 1) text += ' ';
  return Buffer.from(text, 'latin1');
}

function tagsFor(
  opts: CogOptions,
  level: number,
  lv: Level,
  tileSize: number,
  tileOffsets: readonly number[],
  tileCounts: readonly number[],
): Tag[] {
  const bits = opts.sampleType === 'uint8' ? 8 : 32;
  const tags: Tag[] = [];
  if (level > 0) tags.push({ tag: 254, type: LONG, values: [1] });
  tags.push(
    { tag: 256, type: LONG, values: [lv.width] },
    { tag: 257, type: LONG, values: [lv.height] },
    { tag: 258, type: SHORT, values: [bits] },
    { tag: 259, type: SHORT, values: [8] },
    { tag: 262, type: SHORT, values: [1] },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 322, type: SHORT, values: [tileSize] },
    { tag: 323, type: SHORT, values: [tileSize] },
    { tag: 324, type: LONG, values: tileOffsets },
    { tag: 325, type: LONG, values: tileCounts },
    { tag: 339, type: SHORT, values: [opts.sampleType === 'uint8' ? 1 : 3] },
  );
  if (level === 0) {
    const t = opts.grid.transform;
    const geographic = isGeographic(opts.grid.epsg);
    tags.push(
      { tag: 33550, type: DOUBLE, values: [t.pixelSizeX, -t.pixelSizeY, 0] },
      { tag: 33922, type: DOUBLE, values: [0, 0, 0, t.originX, t.originY, 0] },
      {
        tag: 34735,
        type: SHORT,
        values: [
          1,
          1,
          0,
          3,
          1024,
          0,
          1,
          geographic ? 2 : 1,
          1025,
          0,
          1,
          1,
          geographic ? 2048 : 3072,
          0,
          1,
          opts.grid.epsg,
        ],
      },
    );
    if (opts.metadata && Object.keys(opts.metadata).length > 0) {
      const items = Object.entries(opts.metadata)
        .map(([k, v]) => `  <Item name="${xmlEscape(k)}">${xmlEscape(v)}</Item>\n`)
        .join('');
      tags.push({ tag: 42112, type: ASCII, values: `<GDALMetadata>\n${items}</GDALMetadata>\n` });
    }
  }
  if (opts.nodata !== undefined)
    tags.push({ tag: 42113, type: ASCII, values: String(opts.nodata) });
  return tags;
}

function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function valueBytes(t: Tag): number {
  const n =
    typeof t.values === 'string' ? Buffer.byteLength(t.values, 'latin1') + 1 : t.values.length;
  const size = t.type === SHORT ? 2 : t.type === LONG ? 4 : t.type === DOUBLE ? 8 : 1;
  return n * size;
}

/** Byte size of an IFD with its out-of-line values (word-aligned). */
function ifdSize(tags: readonly Tag[]): number {
  let size = 2 + tags.length * 12 + 4;
  for (const t of tags) {
    const b = valueBytes(t);
    if (b > 4) size += b + (b % 2);
  }
  return size;
}

function buildHeader(
  opts: CogOptions,
  levels: readonly Level[],
  tileSize: number,
  spoolOffsets: readonly Float64Array[],
  counts: readonly Float64Array[],
): Buffer {
  const ghost = ghostArea();
  // First pass with placeholder offsets to size the IFDs (sizes do not depend on the values).
  const placeholder = levels.map((lv, l) =>
    tagsFor(
      opts,
      l,
      lv,
      tileSize,
      new Array<number>(lv.tilesX * lv.tilesY).fill(0),
      new Array<number>(lv.tilesX * lv.tilesY).fill(0),
    ),
  );
  const ifdStarts: number[] = [];
  let pos = 8 + ghost.length;
  for (const tags of placeholder) {
    ifdStarts.push(pos);
    pos += ifdSize(tags);
  }
  const dataStart = pos;
  const buf = Buffer.alloc(dataStart);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdStarts[0]!, 4);
  ghost.copy(buf, 8);
  levels.forEach((lv, l) => {
    const offs = Array.from(spoolOffsets[l]!, (o) => o + dataStart);
    const tags = tagsFor(opts, l, lv, tileSize, offs, Array.from(counts[l]!));
    const next = l + 1 < levels.length ? ifdStarts[l + 1]! : 0;
    writeIfd(buf, ifdStarts[l]!, tags, next);
  });
  return buf;
}

function writeIfd(buf: Buffer, start: number, tags: readonly Tag[], next: number): void {
  buf.writeUInt16LE(tags.length, start);
  let extra = start + 2 + tags.length * 12 + 4;
  tags.forEach((t, i) => {
    const e = start + 2 + i * 12;
    const count =
      typeof t.values === 'string' ? Buffer.byteLength(t.values, 'latin1') + 1 : t.values.length;
    buf.writeUInt16LE(t.tag, e);
    buf.writeUInt16LE(t.type, e + 2);
    buf.writeUInt32LE(count, e + 4);
    const bytes = valueBytes(t);
    let at = e + 8;
    if (bytes > 4) {
      buf.writeUInt32LE(extra, e + 8);
      at = extra;
      extra += bytes + (bytes % 2);
    }
    if (typeof t.values === 'string') {
      buf.write(t.values, at, 'latin1');
      buf.writeUInt8(0, at + count - 1);
    } else {
      t.values.forEach((v, k) => {
        if (t.type === SHORT) buf.writeUInt16LE(v, at + 2 * k);
        else if (t.type === LONG) buf.writeUInt32LE(v, at + 4 * k);
        else buf.writeDoubleLE(v, at + 8 * k);
      });
    }
  });
  buf.writeUInt32LE(next, start + 2 + tags.length * 12);
}

/**
 * Tile provider over a whole in-memory uint8 raster (e.g. a water mask), with nearest-neighbour
 * overviews (value of the top-left full-resolution pixel of each 2^l block). Pixels outside the
 * image are `fill`. The returned buffer is reused between calls.
 */
export function uint8TileProvider(
  data: Uint8Array,
  width: number,
  height: number,
  tileSize = 512,
  fill = 0,
): TileProvider {
  const tile = new Uint8Array(tileSize * tileSize);
  return (level, tx, ty) => {
    const step = 2 ** level;
    const lw = Math.ceil(width / step);
    const lh = Math.ceil(height / step);
    tile.fill(fill);
    for (let r = 0; r < tileSize; r++) {
      const y = ty * tileSize + r;
      if (y >= lh) break;
      const srcRow = y * step * width;
      const xEnd = Math.min(tileSize, lw - tx * tileSize);
      if (step === 1) {
        tile.set(
          data.subarray(srcRow + tx * tileSize, srcRow + tx * tileSize + xEnd),
          r * tileSize,
        );
      } else {
        for (let c = 0; c < xEnd; c++)
          tile[r * tileSize + c] = data[srcRow + (tx * tileSize + c) * step]!;
      }
    }
    return tile;
  };
}
