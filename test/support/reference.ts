/**
 * Where the shared reference data lives (../shared/reference beside the checkout, or
 * SAHELSAT_REFERENCE_DIR). Tests read it; the product never does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REFERENCE_DIR =
  process.env.SAHELSAT_REFERENCE_DIR ?? resolve(REPO_DIR, '../shared/reference');

/** Absolute path of a reference file; throws (the test fails) when it is missing. */
export function referencePath(...parts: string[]): string {
  const p = resolve(REFERENCE_DIR, ...parts);
  if (!existsSync(p)) throw new Error(`reference data missing: ${p} (set SAHELSAT_REFERENCE_DIR)`);
  return p;
}

export function readReference(...parts: string[]): string {
  return readFileSync(referencePath(...parts), 'utf8');
}

/** Tolerances as named physical quantities. */
export const KM = 1;
export const METRE = 1e-3 * KM;
export const MILLIMETRE = 1e-6 * KM;
export const SECOND = 1000; // in ms, the unit of instants
export const DEGREE = 1;
export const ARCSECOND = DEGREE / 3600;
