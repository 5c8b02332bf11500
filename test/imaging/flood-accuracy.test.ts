/**
 * Accuracy on the real Sen1Floods11 chip (Spain_7370579) against its hand label v1.1, scored on
 * label ≠ −1 as the chip's README states. Thresholds are computed from the scene by the product
 * code; nothing here knows the label until the score. Targets from issue 6: radar ≥ 0.56 (the
 * Otsu-on-VH baseline of the README), optical ≥ 0.71 (MNDWI > Otsu), fused ≥ 0.72.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { differenceSource } from '../../src/imaging/change.js';
import { combineSources } from '../../src/imaging/features.js';
import { mapFlood } from '../../src/imaging/flood.js';
import { accumulate, createHistogram } from '../../src/imaging/histogram.js';
import { normalizedDifference } from '../../src/imaging/indices.js';
import { otsu } from '../../src/imaging/otsu.js';
import { opticalSource } from '../../src/imaging/water-optical.js';
import { radarSource } from '../../src/imaging/water-radar.js';
import { type RasterSource, openRaster } from '../../src/io/raster/reader.js';
import { CHIP, chipPath, handLabel, readChip, rng, score } from '../support/imagery.js';

const MMU_PX = 10; // the CLI default, 1000 m², at this chip's ~80 m² pixels

let s1: RasterSource;
let s2: RasterSource;
let label: Float32Array;
beforeAll(async () => {
  s1 = await openRaster(chipPath('Spain_7370579_S1Hand.tif'));
  s2 = await openRaster(chipPath('Spain_7370579_S2Hand.tif'));
  label = await handLabel();
});

const radar = () =>
  radarSource(s1.readWindow, { width: CHIP, height: CHIP, bands: { VV: 0, VH: 1 }, units: 'dB' });
const optical = () => opticalSource(s2.readWindow, { width: CHIP, green: 2, nir: 7, swir1: 11 });

describe('Otsu on the chip agrees with the README’s GDAL/numpy numbers (±0.3 dB, ±0.01)', () => {
  it('VH and MNDWI', async () => {
    const [vh] = await readChip('Spain_7370579_S1Hand.tif', [1]);
    const h = createHistogram(-50, 20, 1400);
    accumulate(h, vh!);
    expect(Math.abs(otsu(h)!.threshold - -21.82)).toBeLessThan(0.3);
    const [g, sw] = await readChip('Spain_7370579_S2Hand.tif', [2, 11]);
    const m = createHistogram(-1, 1, 800);
    accumulate(m, normalizedDifference(g!, sw!));
    expect(Math.abs(otsu(m)!.threshold - 0.157)).toBeLessThan(0.01);
  });
});

describe('water extent accuracy on the hand label', () => {
  it('radar only (VV + VH): IoU ≥ 0.56', async () => {
    const r = await mapFlood({ grid: s1.grid, water: radar(), mmuPixels: MMU_PX });
    const s = score(r.mask, label);
    console.info(
      `radar IoU ${s.iou.toFixed(4)} omission ${s.omission.toFixed(3)} commission ${s.commission.toFixed(3)}`,
    );
    expect(s.iou).toBeGreaterThanOrEqual(0.56);
  });

  it('optical only (NDWI + MNDWI): IoU ≥ 0.71', async () => {
    const r = await mapFlood({ grid: s2.grid, water: optical(), mmuPixels: MMU_PX });
    const s = score(r.mask, label);
    console.info(
      `optical IoU ${s.iou.toFixed(4)} omission ${s.omission.toFixed(3)} commission ${s.commission.toFixed(3)}`,
    );
    expect(s.iou).toBeGreaterThanOrEqual(0.71);
  });

  it('fused radar + optical: IoU ≥ 0.72', async () => {
    const r = await mapFlood({
      grid: s1.grid,
      water: combineSources([radar(), optical()]),
      mmuPixels: MMU_PX,
    });
    const s = score(r.mask, label);
    console.info(
      `fused IoU ${s.iou.toFixed(4)} omission ${s.omission.toFixed(3)} commission ${s.commission.toFixed(3)}`,
    );
    expect(s.iou).toBeGreaterThanOrEqual(0.72);
  });

  it('falls back to the other sensor where one has no data (optical masked over half the chip)', async () => {
    const halfCloud = opticalSource(
      async (win, bands) => {
        const out = await s2.readWindow(win, bands);
        for (const a of out)
          for (let y = 0; y < win.height; y++) a.fill(NaN, y * win.width, y * win.width + 256);
        return out;
      },
      { width: CHIP, green: 2, nir: 7, swir1: 11 },
    );
    const r = await mapFlood({
      grid: s1.grid,
      water: combineSources([radar(), halfCloud]),
      mmuPixels: 0,
    });
    let nodata = 0;
    for (const v of r.mask) if (v === 255) nodata++;
    expect(nodata).toBe(0);
    expect(score(r.mask, label).iou).toBeGreaterThanOrEqual(0.56);
  });
});

describe('flood = new water against a pre-event scene (UN-SPIDER change approach)', () => {
  /**
   * A pre-event scene made from the chip itself: every pixel the label calls water gets the
   * backscatter of a randomly drawn non-water pixel (both polarisations together), the rest is
   * unchanged. This stands in for a real dry-season acquisition, which the data set lacks.
   */
  async function preEvent(): Promise<Float32Array[]> {
    const [vv, vh] = await readChip('Spain_7370579_S1Hand.tif', [0, 1]);
    const dry: number[] = [];
    label.forEach((v, i) => {
      if (v === 0) dry.push(i);
    });
    const r = rng(2024);
    const pv = Float32Array.from(vv!);
    const ph = Float32Array.from(vh!);
    label.forEach((v, i) => {
      if (v !== 1) return;
      const j = dry[Math.floor(r() * dry.length)]!;
      pv[i] = vv![j]!;
      ph[i] = vh![j]!;
    });
    return [pv, ph];
  }

  it('keeps the flooded area and drops dark land that did not change', async () => {
    const pre = await preEvent();
    const preReader = async (
      win: { x0: number; y0: number; width: number; height: number },
      bands: readonly number[],
    ) =>
      bands.map((b) => {
        const out = new Float32Array(win.width * win.height);
        for (let y = 0; y < win.height; y++)
          out.set(
            pre[b]!.subarray(
              (win.y0 + y) * CHIP + win.x0,
              (win.y0 + y) * CHIP + win.x0 + win.width,
            ),
            y * win.width,
          );
        return out;
      });
    const preSrc = radarSource(preReader, {
      width: CHIP,
      height: CHIP,
      bands: { VV: 0, VH: 1 },
      units: 'dB',
      idPrefix: 'pre-',
    });
    const post = radar();
    const withPre = await mapFlood({
      grid: s1.grid,
      water: post,
      change: differenceSource(preSrc, radar()),
      mmuPixels: MMU_PX,
    });
    const alone = await mapFlood({ grid: s1.grid, water: radar(), mmuPixels: MMU_PX });
    const a = score(alone.mask, label);
    const b = score(withPre.mask, label);
    console.info(
      `radar IoU alone ${a.iou.toFixed(4)}, with pre-event ${b.iou.toFixed(4)} (commission ${a.commission.toFixed(3)} → ${b.commission.toFixed(3)})`,
    );
    expect(withPre.change?.significant).toBe(true);
    expect(withPre.notNewWaterPx).toBeGreaterThan(0);
    expect(b.commission).toBeLessThan(a.commission);
    expect(b.iou).toBeGreaterThan(a.iou);
  });

  it('finds no flood, and says so, when the pre-event scene is the same acquisition', async () => {
    const same = await openRaster(chipPath('Spain_7370579_S1_v1.0.tif'));
    const preSrc = radarSource(same.readWindow, {
      width: CHIP,
      height: CHIP,
      bands: { VV: 0, VH: 1 },
      units: 'dB',
    });
    const r = await mapFlood({
      grid: s1.grid,
      water: radar(),
      change: differenceSource(preSrc, radar()),
      mmuPixels: 0,
    });
    await same.close();
    expect(r.warnings).toContain('no-significant-change');
    expect(r.mask.every((v) => v !== 1)).toBe(true);
  });
});
