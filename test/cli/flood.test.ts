import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeCog } from '../../src/io/raster/cog-writer.js';
import { openRaster } from '../../src/io/raster/reader.js';
import {
  CHIP,
  COG_VALIDATOR,
  HAS_GDAL,
  SYSTEM_PYTHON,
  chipPath,
  handLabel,
  readChip,
  rng,
  scratch,
} from '../support/imagery.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(
  args: string[],
  env: Record<string, string> = {},
  signal = new AbortController().signal,
): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env,
    cwd: process.cwd(),
    signal,
  });
  return { code, out, err };
}

const S1 = chipPath('Spain_7370579_S1Hand.tif');
const S2 = chipPath('Spain_7370579_S2Hand.tif');
const CHIP_GRID = {
  width: CHIP,
  height: CHIP,
  epsg: 4326,
  transform: {
    originX: -0.781893623297631,
    originY: 38.128812571396267,
    pixelSizeX: 0.000089831528412,
    pixelSizeY: -0.000089831528412,
  },
};

async function writeBand(path: string, values: Float32Array, grid = CHIP_GRID): Promise<void> {
  const t = 256;
  const tile = new Float32Array(t * t);
  await writeCog(
    path,
    { grid, sampleType: 'float32', tileSize: t, overviewLevels: 0 },
    (_l, tx, ty) => {
      tile.fill(NaN);
      for (let y = 0; y < t && ty * t + y < grid.height; y++)
        for (let x = 0; x < t && tx * t + x < grid.width; x++)
          tile[y * t + x] = values[(ty * t + y) * grid.width + tx * t + x]!;
      return tile;
    },
  );
}

describe('sahelsat flood', () => {
  let dir: string;
  let result: Run;
  beforeAll(async () => {
    dir = await scratch('flood');
    result = await run(['flood', '--s1', S1, '--s2', S2, '--out', join(dir, 'out')]);
  });

  it('writes water.tif on the input grid, water.geojson, stats.csv and report.json that agree', async () => {
    expect(result.code).toBe(0);
    // On this chip the radar tiles are not bimodal: the run warns, and the report says so too.
    expect(result.err).not.toMatch(/error/);
    expect(result.out).toMatch(/water: [\d.]+ km² of [\d.]+ km² valid/);
    const out = join(dir, 'out');
    const tif = await openRaster(join(out, 'water.tif'));
    expect(tif.grid.width).toBe(CHIP);
    expect(tif.grid.epsg).toBe(4326);
    expect(tif.grid.transform.originX).toBeCloseTo(CHIP_GRID.transform.originX, 12);
    expect(tif.sampleType).toBe('uint8');
    expect(tif.nodata).toBe(255);
    const [mask] = await tif.readWindow({ x0: 0, y0: 0, width: CHIP, height: CHIP }, [0]);
    await tif.close();
    const water = mask!.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
    expect(mask!.every((v) => v === 0 || v === 1)).toBe(true);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(result.err.trim().split('\n').length).toBe(report.warnings.length);
    expect(report.thresholds.map((t: { feature: string }) => t.feature)).toEqual([
      'VV',
      'VH',
      'NDWI',
      'MNDWI',
    ]);
    expect(report.pixels.water).toBe(water);
    const csv = (await readFile(join(out, 'stats.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('zone,class,pixels,area_km2,share_of_valid');
    expect(csv[1]).toMatch(new RegExp(`^scene,water,${water},`));
    const gj = JSON.parse(await readFile(join(out, 'water.geojson'), 'utf8'));
    expect(gj.features.length).toBe(report.polygons.count);
    const sum = gj.features.reduce(
      (s: number, f: { properties: { area_km2: number } }) => s + f.properties.area_km2,
      0,
    );
    expect(sum).toBeCloseTo(report.areas.water_km2, 5);
    // The chip is about 4.6 km × 5.6 km: ≈ 20.6 km².
    expect(report.areas.valid_km2).toBeGreaterThan(20);
    expect(report.areas.valid_km2).toBeLessThan(21.2);
  });

  it('the written product meets the fused accuracy target on the hand label', async () => {
    const r = await openRaster(join(dir, 'out', 'water.tif'));
    const [mask] = await r.readWindow({ x0: 0, y0: 0, width: CHIP, height: CHIP }, [0]);
    await r.close();
    const label = await handLabel();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    label.forEach((t, i) => {
      if (t === -1) return;
      const p = mask![i] === 1;
      if (p && t === 1) tp++;
      else if (p) fp++;
      else if (t === 1) fn++;
    });
    expect(tp / (tp + fp + fn)).toBeGreaterThanOrEqual(0.72);
  });

  it.skipIf(!HAS_GDAL)('water.tif passes GDAL’s COG validator', () => {
    const out = execFileSync(
      SYSTEM_PYTHON,
      [COG_VALIDATOR, '--full-check=yes', join(dir, 'out', 'water.tif')],
      { encoding: 'utf8' },
    );
    expect(out).toContain('is a valid cloud optimized GeoTIFF');
  });

  it('bad inputs: exit 2 with the file and the problem, in the user’s language', async () => {
    const missing = await run(['flood', '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    const nofile = await run(['flood', '--s1', join(dir, 'absent.tif'), '--out', join(dir, 'x')]);
    expect(nofile.code).toBe(2);
    expect(nofile.err).toContain('absent.tif');
    const fr = await run([
      'flood',
      '--s1',
      join(dir, 'absent.tif'),
      '--out',
      join(dir, 'x'),
      '--lang',
      'fr',
    ]);
    expect(fr.err).toContain('raster illisible');
    // An optical scene on another grid that overlaps, and one far away.
    const shifted = join(dir, 'shifted.tif');
    await writeBand(shifted, new Float32Array(CHIP * CHIP).fill(1000), {
      ...CHIP_GRID,
      transform: { ...CHIP_GRID.transform, originX: CHIP_GRID.transform.originX + 0.001 },
    });
    // Another grid that overlaps is resampled onto the Sentinel-1 grid; a 1-band raster cannot
    // be a Sentinel-2 scene, but it can be a permanent-water reference.
    const oneBand = await run(['flood', '--s1', S1, '--s2', shifted, '--out', join(dir, 'x')]);
    expect(oneBand.code).toBe(2);
    expect(oneBand.err).toContain('bands do not match');
    expect(oneBand.err).toContain('shifted.tif');
    const perm = await run(['flood', '--s1', S1, '--permanent', shifted, '--out', join(dir, 'p')]);
    expect(perm.code).toBe(0);
    const permReport = JSON.parse(await readFile(join(dir, 'p', 'report.json'), 'utf8'));
    // Value 1000 ≥ 1: everything the reference covers is permanent water, removed from the flood.
    expect(permReport.pixels.removedPermanent).toBeGreaterThan(0);
    const far = join(dir, 'far.tif');
    await writeBand(far, new Float32Array(CHIP * CHIP).fill(1000), {
      ...CHIP_GRID,
      transform: { ...CHIP_GRID.transform, originX: 2.1, originY: 13.5 },
    });
    const noOverlap = await run(['flood', '--s1', S1, '--s2', far, '--out', join(dir, 'x')]);
    expect(noOverlap.code).toBe(2);
    expect(noOverlap.err).toContain('scenes do not overlap');
  });
});

describe('interruption', () => {
  it('stops with exit code 130 and leaves no product behind', async () => {
    const dir = await scratch('abort');
    const ctl = new AbortController();
    ctl.abort();
    const res = await run(['flood', '--s1', S1, '--out', join(dir, 'out')], {}, ctl.signal);
    expect(res.code).toBe(130);
    await expect(readFile(join(dir, 'out', 'water.tif'))).rejects.toThrow();
  });
});

describe('sahelsat change', () => {
  it('maps water gain between a dry-season scene and the flood scene', async () => {
    const dir = await scratch('change');
    const label = await handLabel();
    const [vh] = await readChip('Spain_7370579_S1Hand.tif', [1]);
    // Before: labelled water pixels take the backscatter of random non-water pixels.
    const dry: number[] = [];
    label.forEach((v, i) => v === 0 && dry.push(i));
    const r = rng(99);
    const before = Float32Array.from(vh!, (v, i) =>
      label[i] === 1 ? vh![dry[Math.floor(r() * dry.length)]!]! : v,
    );
    await writeBand(join(dir, 'before.tif'), before);
    await writeBand(join(dir, 'after.tif'), vh!);
    const res = await run([
      'change',
      '--before',
      join(dir, 'before.tif'),
      '--after',
      join(dir, 'after.tif'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.thresholds.significant).toBe(true);
    expect(report.areas.gain_km2).toBeGreaterThan(1);
    const t = await openRaster(join(dir, 'out', 'change.tif'));
    const [codes] = await t.readWindow({ x0: 0, y0: 0, width: CHIP, height: CHIP }, [0]);
    await t.close();
    let gain = 0;
    let gainOnWater = 0;
    codes!.forEach((c, i) => {
      if (c !== 1) return;
      gain++;
      if (label[i] === 1) gainOnWater++;
    });
    expect(gainOnWater / gain).toBeGreaterThan(0.9);
    const gj = JSON.parse(await readFile(join(dir, 'out', 'change.geojson'), 'utf8'));
    expect(
      gj.features.some((f: { properties: { class: string } }) => f.properties.class === 'gain'),
    ).toBe(true);
  });

  it('says so, and maps nothing, when the scenes are the same acquisition in two containers', async () => {
    const dir = await scratch('nochange');
    const res = await run([
      'change',
      '--before',
      S1,
      '--after',
      chipPath('Spain_7370579_S1_v1.0.tif'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(res.code).toBe(0);
    expect(res.err).toContain('no significant change');
    const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.areas.gain_km2).toBe(0);
    expect(report.warnings).toEqual(['no-significant-change']);
  });
});
