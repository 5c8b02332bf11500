import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { writeCog } from '../../src/io/raster/cog-writer.js';
import { openRaster } from '../../src/io/raster/reader.js';
import { CHIP, chipPath, readChip, scratch } from '../support/imagery.js';

const FULL = { x0: 0, y0: 0, width: CHIP, height: CHIP };
// Pixel size and origin stated in the chip's README.
const PIXEL_DEG = 0.000089831528412;
const ORIGIN = [-0.781893623297631, 38.128812571396267];

async function expectRasterError(p: Promise<unknown>, code: string, file: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  expect((err as ValidationError).code).toBe(code);
  expect((err as ValidationError).message).toContain(file);
}

describe('GeoTIFF reader on the Sen1Floods11 chip', () => {
  it('reads the grid, CRS and nodata the README states', async () => {
    const r = await openRaster(chipPath('Spain_7370579_S1Hand.tif'));
    expect(r.grid.epsg).toBe(4326);
    expect(r.grid.width).toBe(CHIP);
    expect(r.bandCount).toBe(2);
    expect(r.sampleType).toBe('float32');
    expect(Number.isNaN(r.nodata)).toBe(true);
    expect(r.grid.transform.pixelSizeX).toBeCloseTo(PIXEL_DEG, 12);
    expect(r.grid.transform.pixelSizeY).toBeCloseTo(-PIXEL_DEG, 12);
    expect(r.grid.transform.originX).toBeCloseTo(ORIGIN[0]!, 10);
    expect(r.grid.transform.originY).toBeCloseTo(ORIGIN[1]!, 10);
    await r.close();
    const s2 = await openRaster(chipPath('Spain_7370579_S2Hand.tif'));
    expect(s2.bandCount).toBe(13);
    expect(s2.sampleType).toBe('int16');
    expect(s2.nodata).toBe(0);
    await s2.close();
  });

  it('gives identical pixels for both containers (DEFLATE band-interleaved, LZW tiled pixel-interleaved)', async () => {
    const a = await readChip('Spain_7370579_S1Hand.tif', [0, 1]);
    const b = await readChip('Spain_7370579_S1_v1.0.tif', [0, 1]);
    for (const k of [0, 1]) {
      expect(a[k]!.length).toBe(CHIP * CHIP);
      expect(Buffer.from(a[k]!.buffer).equals(Buffer.from(b[k]!.buffer))).toBe(true);
    }
    // dB values in a plausible backscatter range, VH darker than VV on average.
    const mean = (x: Float32Array): number => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(a[1]!)).toBeLessThan(mean(a[0]!));
    expect(mean(a[0]!)).toBeGreaterThan(-30);
    expect(mean(a[0]!)).toBeLessThan(0);
  });

  it('reads windows equal to the same pixels of a full read, across tile boundaries', async () => {
    const [full] = await readChip('Spain_7370579_S1_v1.0.tif', [1]);
    const r = await openRaster(chipPath('Spain_7370579_S1_v1.0.tif'));
    const win = { x0: 200, y0: 250, width: 100, height: 30 };
    const [part] = await r.readWindow(win, [1]);
    let mismatches = 0;
    for (let y = 0; y < win.height; y++)
      for (let x = 0; x < win.width; x++)
        if (part![y * win.width + x] !== full![(win.y0 + y) * CHIP + win.x0 + x]) mismatches++;
    expect(mismatches).toBe(0);
    await r.close();
  });

  it('turns the S2 nodata value 0 into NaN and keeps reflectance digital numbers otherwise', async () => {
    const [green] = await readChip('Spain_7370579_S2Hand.tif', [2]);
    const finite = green!.filter((v) => Number.isFinite(v));
    expect(finite.length).toBeGreaterThan(0.9 * CHIP * CHIP);
    expect(finite.reduce((a, v) => Math.min(a, v), Infinity)).toBeGreaterThan(0);
    expect(finite.reduce((a, v) => Math.max(a, v), -Infinity)).toBeLessThan(20000);
  });
});

describe('reader errors name the file and the problem', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await scratch('reader');
  });

  it('missing file', async () => {
    const p = join(dir, 'nope.tif');
    await expectRasterError(openRaster(p), 'raster-unreadable', p);
  });

  it('not a TIFF', async () => {
    const p = join(dir, 'text.tif');
    await writeFile(p, 'this is not a tiff\n');
    await expectRasterError(openRaster(p), 'raster-corrupt', p);
  });

  it('truncated file: fails at open or at read, never returns garbage', async () => {
    const p = join(dir, 'truncated.tif');
    const bytes = await readFile(chipPath('Spain_7370579_S1Hand.tif'));
    await writeFile(p, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const attempt = async (): Promise<unknown> => {
      const r = await openRaster(p);
      try {
        return await r.readWindow(FULL, [0, 1]);
      } finally {
        await r.close();
      }
    };
    await expectRasterError(attempt(), 'raster-corrupt', p);
  });

  it('unknown CRS', async () => {
    const p = join(dir, 'lambert93.tif');
    const grid = {
      width: 32,
      height: 32,
      epsg: 2154,
      transform: { originX: 700000, originY: 6600000, pixelSizeX: 10, pixelSizeY: -10 },
    };
    await writeCog(p, { grid, sampleType: 'uint8', tileSize: 32 }, () => new Uint8Array(32 * 32));
    await expectRasterError(openRaster(p), 'unknown-crs', p);
  });

  it('band and window outside the raster', async () => {
    const r = await openRaster(chipPath('Spain_7370579_S1Hand.tif'));
    await expectRasterError(r.readWindow(FULL, [2]), 'missing-band', 'S1Hand');
    await expectRasterError(
      r.readWindow({ x0: 500, y0: 0, width: 20, height: 1 }, [0]),
      'bad-window',
      'S1Hand',
    );
    await r.close();
  });

  it('refuses a URL outside the configured endpoint (offline by default)', async () => {
    await expectRasterError(
      openRaster('http://127.0.0.1:9/x.tif'),
      'endpoint-not-configured',
      'http://127.0.0.1:9/x.tif',
    );
  });
});

describe('HTTP range reads from a configured endpoint', () => {
  let server: Server;
  let base: string;
  let rangeRequests = 0;
  let dir: string;
  beforeAll(async () => {
    dir = await scratch('http');
    await copyFile(chipPath('Spain_7370579_S1_v1.0.tif'), join(dir, 's1.tif'));
    const file = await readFile(join(dir, 's1.tif'));
    server = createServer((req, res) => {
      const m = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
      if (!m) {
        res.writeHead(200, { 'content-length': file.length });
        res.end(file);
        return;
      }
      rangeRequests++;
      const a = Number(m[1]);
      const b = Math.min(Number(m[2]), file.length - 1);
      res.writeHead(206, {
        'content-range': `bytes ${a}-${b}/${file.length}`,
        'content-length': b - a + 1,
        'accept-ranges': 'bytes',
      });
      res.end(file.subarray(a, b + 1));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
  });

  it('reads the same pixels as the local file, by range requests', async () => {
    const r = await openRaster(`${base}s1.tif`, { endpoint: base });
    const win = { x0: 100, y0: 300, width: 64, height: 64 };
    const [remote] = await r.readWindow(win, [1]);
    await r.close();
    const local = await openRaster(join(dir, 's1.tif'));
    const [expected] = await local.readWindow(win, [1]);
    await local.close();
    expect(Buffer.from(remote!.buffer).equals(Buffer.from(expected!.buffer))).toBe(true);
    expect(rangeRequests).toBeGreaterThan(0);
  });
});
