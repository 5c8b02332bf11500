/**
 * The bundled zones of data/aoi/ (first-level regions, towns with population). This is the one
 * file of imaging/ that reads files: the contract (API-CONTRACTS.md §3) asks for the loader next
 * to `zonalStatistics`, and io/ may not be imported from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../core/errors.js';

const DEFAULT_DIR = fileURLToPath(new URL('../../data/aoi', import.meta.url));

function readCollection(file: string): GeoJSON.FeatureCollection {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ValidationError(`cannot read: ${(e as Error).message}`, {
      location: { file },
      code: 'bad-zones',
    });
  }
  const fc = v as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new ValidationError('not a GeoJSON FeatureCollection', {
      location: { file, field: 'type' },
      code: 'bad-zones',
    });
  return v as GeoJSON.FeatureCollection;
}

/**
 * Regions (`regions.geojson`) and towns (`towns.geojson`) from `dataDir` (default the bundled
 * data/aoi).
 * @throws ValidationError naming the file when one is missing or not a FeatureCollection
 */
export function loadBundledZones(dataDir: string = DEFAULT_DIR): {
  regions: GeoJSON.FeatureCollection;
  towns: GeoJSON.FeatureCollection;
} {
  return {
    regions: readCollection(join(dataDir, 'regions.geojson')),
    towns: readCollection(join(dataDir, 'towns.geojson')),
  };
}
