/**
 * Ground track of a sampled satellite: sub-satellite points (geodetic) along a time span, for
 * maps of access windows.
 */
import { itrfToGeodetic } from '../core/geodetic.js';
import type { Instant } from '../core/time.js';
import { itrf } from '../core/vector.js';
import { type SatelliteTrack, stateAt } from './track.js';

/** [longitude, latitude] (deg) of the sub-satellite point every `stepS` from `fromMs` to `toMs`. */
export function groundTrack(
  track: SatelliteTrack,
  fromMs: Instant,
  toMs: Instant,
  stepS = 10,
): [number, number][] {
  const out: [number, number][] = [];
  const s = new Float64Array(6);
  const n = Math.max(1, Math.ceil((toMs - fromMs) / (stepS * 1000)));
  for (let k = 0; k <= n; k++) {
    const t = k === n ? toMs : fromMs + k * stepS * 1000;
    if (!stateAt(track, t, s)) continue;
    const g = itrfToGeodetic(itrf(s[0]!, s[1]!, s[2]!));
    out.push([Number(g.longitudeDeg.toFixed(5)), Number(g.latitudeDeg.toFixed(5))]);
  }
  return out;
}
