/**
 * Helpers for the imagery tests: the Sen1Floods11 chip (read in place), the hand label, scoring,
 * scratch directories, and whether GDAL's command-line tools are installed (Debian gdal-bin,
 * python3-gdal) for the cross-checks against GDAL.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRaster } from '../../src/io/raster/reader.js';
import { referencePath } from './reference.js';

export const CHIP = 512;

/** Absolute path of a file of the Sen1Floods11 chip. */
export function chipPath(name: string): string {
  return referencePath('imagery', 'sen1floods11', name);
}

/** Reads whole bands (0-based) of a chip file. */
export async function readChip(name: string, bands: number[]): Promise<Float32Array[]> {
  const r = await openRaster(chipPath(name));
  try {
    return await r.readWindow({ x0: 0, y0: 0, width: r.grid.width, height: r.grid.height }, bands);
  } finally {
    await r.close();
  }
}

/** The hand label v1.1: -1 not valid, 0 not water, 1 water (README of the chip). */
export async function handLabel(): Promise<Float32Array> {
  return (await readChip('Spain_7370579_LabelHand.tif', [0]))[0]!;
}

/** Scores of a 0/1/255 mask against the label, on pixels where label ≠ -1 and the mask has data. */
export function score(
  mask: Uint8Array,
  label: Float32Array,
): { iou: number; omission: number; commission: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < mask.length; i++) {
    if (label[i] === -1 || mask[i] === 255) continue;
    const p = mask[i] === 1;
    const t = label[i] === 1;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return { iou: tp / (tp + fp + fn), omission: fn / (tp + fn), commission: fp / (tp + fp) };
}

/** A fresh scratch directory under the OS temp dir. */
export function scratch(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `sahelsat-${prefix}-`));
}

/** Debian's python (where python3-gdal installs `osgeo`), GDAL tools, and the COG validator. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const COG_VALIDATOR =
  '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
export const HAS_GDAL =
  existsSync('/usr/bin/gdalinfo') && existsSync(COG_VALIDATOR) && existsSync(SYSTEM_PYTHON);

/** A deterministic pseudo-random generator (mulberry32) for reproducible test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
