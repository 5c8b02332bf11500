/** The sky track with satellite.js's JavaScript SGP4 (not its WebAssembly builds), for the browser. */
import { twoline2satrec } from 'satellite.js/dist/io.js';
import { gstime } from 'satellite.js/dist/propagation/gstime.js';
import { propagate } from 'satellite.js/dist/propagation/propagate.js';
import { degreesToRadians, ecfToLookAngles, eciToEcf } from 'satellite.js/dist/transforms.js';
import { skyTrackWith, type SkyPoint, type StationSite } from './sky.js';

const lib = { twoline2satrec, propagate, gstime, eciToEcf, ecfToLookAngles, degreesToRadians };

export function skyTrack(
  tle: readonly [string, string],
  site: StationSite,
  startMs: number,
  endMs: number,
  stepS?: number,
): SkyPoint[] {
  return skyTrackWith(lib, tle, site, startMs, endMs, stepS);
}
