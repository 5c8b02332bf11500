import { describe, expect, it } from 'vitest';
import { mapFlood } from '../../src/imaging/flood.js';
import { opticalSource } from '../../src/imaging/water-optical.js';
import { fromLonLatTransform } from '../../src/io/raster/crs.js';
import { openRaster } from '../../src/io/raster/reader.js';
import { warpedReader } from '../../src/io/raster/warp.js';
import { CHIP, chipPath, score } from '../support/imagery.js';

describe('nearest-neighbour resampling onto another grid', () => {
  it('is the identity on the same grid and a pure shift on a grid moved by whole pixels', async () => {
    const src = await openRaster(chipPath('Spain_7370579_S1Hand.tif'));
    const full = { x0: 0, y0: 0, width: CHIP, height: CHIP };
    const [orig] = await src.readWindow(full, [1]);
    const [same] = await warpedReader(src, src.grid)(full, [1]);
    expect(Buffer.from(same!.buffer).equals(Buffer.from(orig!.buffer))).toBe(true);
    const t = src.grid.transform;
    const moved = {
      ...src.grid,
      transform: {
        ...t,
        originX: t.originX + 5 * t.pixelSizeX,
        originY: t.originY + 3 * t.pixelSizeY,
      },
    };
    const [shifted] = await warpedReader(src, moved)(
      { x0: 0, y0: 0, width: 100, height: 100 },
      [1],
    );
    let bad = 0;
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 100; x++)
        if (shifted![y * 100 + x] !== orig![(y + 3) * CHIP + x + 5]) bad++;
    expect(bad).toBe(0);
    // Beyond the source: nodata.
    const [edge] = await warpedReader(src, moved)(
      { x0: CHIP - 4, y0: 0, width: 4, height: 1 },
      [1],
    );
    expect(Number.isNaN(edge![3]!)).toBe(true);
    await src.close();
  });

  it('maps water as well after resampling the chip and its label onto a 10 m UTM grid', async () => {
    const s2 = await openRaster(chipPath('Spain_7370579_S2Hand.tif'));
    const lab = await openRaster(chipPath('Spain_7370579_LabelHand.tif'));
    // The chip's north-west corner in UTM zone 30N, on a 10 m grid of 440 × 520 pixels.
    const [e, n] = fromLonLatTransform(32630)(-0.7818936, 38.1288126);
    const grid = {
      width: 440,
      height: 520,
      epsg: 32630,
      transform: {
        originX: Math.round(e),
        originY: Math.round(n),
        pixelSizeX: 10,
        pixelSizeY: -10,
      },
    };
    const readLabel = warpedReader(lab, grid);
    const [label] = await readLabel({ x0: 0, y0: 0, width: grid.width, height: grid.height }, [0]);
    const labelOrNodata = Float32Array.from(label!, (v) => (Number.isNaN(v) ? -1 : v));
    const water = opticalSource(warpedReader(s2, grid), {
      width: grid.width,
      green: 2,
      nir: 7,
      swir1: 11,
    });
    const r = await mapFlood({ grid, water, mmuPixels: 10 });
    const s = score(r.mask, labelOrNodata);
    console.info(`optical IoU on the UTM grid ${s.iou.toFixed(4)}`);
    expect(s.iou).toBeGreaterThanOrEqual(0.71);
    await s2.close();
    await lab.close();
  });
});
