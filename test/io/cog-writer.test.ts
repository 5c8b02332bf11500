import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultOverviewLevels,
  uint8TileProvider,
  writeCog,
} from '../../src/io/raster/cog-writer.js';
import { openRaster } from '../../src/io/raster/reader.js';
import { COG_VALIDATOR, HAS_GDAL, SYSTEM_PYTHON, rng, scratch } from '../support/imagery.js';

const W = 1500;
const H = 1100;
const GRID = {
  width: W,
  height: H,
  epsg: 32630,
  transform: { originX: 300000, originY: 1600000, pixelSizeX: 10, pixelSizeY: -10 },
};

/** A mask with blobs, nodata strip, and noise: compressible but not trivial. */
function sampleMask(): Uint8Array {
  const r = rng(7);
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const blob = Math.sin(x / 37) * Math.cos(y / 53) > 0.3 ? 1 : 0;
      m[y * W + x] = x < 40 ? 255 : r() < 0.01 ? 1 - blob : blob;
    }
  return m;
}

describe('COG writer', () => {
  it('round-trips pixels, grid and nodata through an independent reader (geotiff.js)', async () => {
    const dir = await scratch('cog');
    const path = join(dir, 'mask.tif');
    const mask = sampleMask();
    await writeCog(
      path,
      { grid: GRID, sampleType: 'uint8', nodata: 255, tileSize: 256 },
      uint8TileProvider(mask, W, H, 256, 255),
    );
    const r = await openRaster(path);
    expect(r.grid).toEqual(GRID);
    expect(r.nodata).toBe(255);
    expect(r.blockWidth).toBe(256);
    const [back] = await r.readWindow({ x0: 0, y0: 0, width: W, height: H }, [0]);
    await r.close();
    let diff = 0;
    for (let i = 0; i < mask.length; i++) {
      const expected = mask[i] === 255 ? NaN : mask[i]!;
      const got = back![i]!;
      if (!(got === expected || (Number.isNaN(got) && Number.isNaN(expected)))) diff++;
    }
    expect(diff).toBe(0);
  });

  it('makes overviews until the image fits one tile', () => {
    expect(defaultOverviewLevels(10980, 10980, 512)).toBe(5);
    expect(defaultOverviewLevels(512, 512, 512)).toBe(0);
    expect(defaultOverviewLevels(513, 10, 512)).toBe(1);
  });

  it('writes float32 rasters too', async () => {
    const dir = await scratch('cogf');
    const path = join(dir, 'f.tif');
    const g = {
      width: 100,
      height: 70,
      epsg: 4326,
      transform: { originX: 2, originY: 14, pixelSizeX: 0.001, pixelSizeY: -0.001 },
    };
    const tile = new Float32Array(64 * 64);
    await writeCog(
      path,
      { grid: g, sampleType: 'float32', tileSize: 64, overviewLevels: 1 },
      (level, tx, ty) => {
        for (let y = 0; y < 64; y++)
          for (let x = 0; x < 64; x++)
            tile[y * 64 + x] = level * 1000 + (ty * 64 + y) * 0.5 - (tx * 64 + x);
        return tile;
      },
    );
    const r = await openRaster(path);
    const [v] = await r.readWindow({ x0: 99, y0: 69, width: 1, height: 1 }, [0]);
    expect(v![0]).toBe(69 * 0.5 - 99);
    await r.close();
  });

  it.skipIf(!HAS_GDAL)(
    'is accepted by gdalinfo and by GDAL’s COG validator (--full-check)',
    async () => {
      const dir = await scratch('cogv');
      const path = join(dir, 'mask.tif');
      const mask = sampleMask();
      await writeCog(
        path,
        { grid: GRID, sampleType: 'uint8', nodata: 255 },
        uint8TileProvider(mask, W, H, 512, 255),
      );
      const out = execFileSync(SYSTEM_PYTHON, [COG_VALIDATOR, '--full-check=yes', path], {
        encoding: 'utf8',
      });
      expect(out).toContain('is a valid cloud optimized GeoTIFF');
      const info = JSON.parse(
        execFileSync('gdalinfo', ['-json', '-stats', path], { encoding: 'utf8' }),
      ) as {
        size: number[];
        bands: {
          noDataValue: number;
          overviews: unknown[];
          block: number[];
          type: string;
          maximum: number;
        }[];
        coordinateSystem: { wkt: string };
        geoTransform: number[];
        metadata: Record<string, Record<string, string>>;
      };
      expect(info.size).toEqual([W, H]);
      expect(info.bands[0]!.type).toBe('Byte');
      expect(info.bands[0]!.noDataValue).toBe(255);
      expect(info.bands[0]!.block).toEqual([512, 512]);
      expect(info.bands[0]!.overviews.length).toBe(2);
      expect(info.bands[0]!.maximum).toBe(1);
      expect(info.geoTransform).toEqual([300000, 10, 0, 1600000, 0, -10]);
      expect(info.coordinateSystem.wkt).toContain('UTM zone 30N');
      expect(info.metadata.IMAGE_STRUCTURE?.COMPRESSION).toBe('DEFLATE');
    },
  );
});
