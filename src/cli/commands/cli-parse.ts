/**
 * Parsing helpers shared by the telecom commands: sites, satellites, numbers. Every failure is a
 * ValidationError naming the option, what was expected and what came.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Geodetic } from '../../core/geodetic.js';
import type { Instant } from '../../core/time.js';
import type { ItrfVec } from '../../core/vector.js';
import { parseTle } from '../../io/tle.js';
import { createPropagator } from '../../orbit/propagator.js';
import { geoPositionFromPropagator, nominalGeoPositionItrf } from '../../telecom/geo-look.js';

/** Parses "LAT,LON[,ALT_M]" (degrees, degrees, metres). */
export function parseSite(text: string, option = '--site'): Geodetic {
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  const bad = (): never => {
    throw new ValidationError('bad site', {
      location: { field: option },
      expected: 'LAT,LON[,ALT_M] in degrees and metres, e.g. 12.65,-8.0,380',
      received: text,
    });
  };
  if (parts.length < 2 || parts.length > 3 || nums.some((n) => !Number.isFinite(n))) bad();
  const [lat, lon, alt = 0] = nums as [number, number, number?];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 360) bad();
  return { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: (alt ?? 0) / 1000 };
}

/** Parses a finite number option, optionally within bounds. */
export function parseNumber(text: string, option: string, min = -Infinity, max = Infinity): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
    const range = Number.isFinite(min) || Number.isFinite(max) ? ` between ${min} and ${max}` : '';
    throw new ValidationError('not a valid number', {
      location: { field: option },
      expected: `a number${range}`,
      received: text,
    });
  }
  return v;
}

/** A satellite to point at: its name and its Earth-fixed position at any instant. */
export interface SatelliteSpec {
  readonly name: string;
  readonly positionAt: (t: Instant) => ItrfVec;
}

/**
 * `--sat` is a longitude in degrees east (a nominal slot) or a name looked up in the element
 * sets of `--tle FILE` (exact name first, then the only name containing it).
 */
export function parseSatellite(
  text: string,
  tleFile: string | undefined,
  cwd: string,
): SatelliteSpec {
  const lon = Number(text);
  if (text.trim() !== '' && Number.isFinite(lon)) {
    if (Math.abs(lon) > 360) {
      throw new ValidationError('longitude out of range', {
        location: { field: '--sat' },
        expected: 'degrees east, −180…360',
        received: text,
      });
    }
    const r = nominalGeoPositionItrf(lon);
    return { name: `GEO ${lon}°E`, positionAt: () => r };
  }
  if (!tleFile) {
    throw new ValidationError('a satellite name needs element sets', {
      location: { field: '--sat' },
      expected: 'a longitude, or --tle FILE with the named satellite',
      received: text,
    });
  }
  const path = resolve(cwd, tleFile);
  const { entries } = parseTle(readFileSync(path, 'utf8'), { fileName: tleFile });
  const want = text.trim().toUpperCase();
  let found = entries.filter((e) => e.elements.name.trim().toUpperCase() === want);
  if (found.length === 0)
    found = entries.filter((e) => e.elements.name.toUpperCase().includes(want));
  if (found.length !== 1) {
    const hint =
      found.length > 1
        ? `; ${found.length} match: ${found
            .slice(0, 5)
            .map((e) => e.elements.name.trim())
            .join(', ')}…`
        : '';
    throw new NotFoundError(`satellite "${text}" not found in ${tleFile}${hint}`);
  }
  const prop = createPropagator(found[0]!.elements);
  return {
    name: found[0]!.elements.name.trim(),
    positionAt: (t) => geoPositionFromPropagator(prop, t),
  };
}
