/**
 * Track families: the directions in which a request's AOI is cut into strips. A satellite
 * crosses a latitude on an ascending (northbound) and on a descending (southbound) pass, with
 * ground-track headings that differ by about 25° over the Sahel for a sun-synchronous orbit.
 * Satellites with the same swath whose tracks at the AOI's latitude head the same way within
 * {@link HEADING_TOLERANCE_DEG} share a family (their strips are the same); each family has its
 * own strips, and a satellite images only the strips of its own families on passes of the
 * family's direction.
 */
import type { ElementSet } from '../../orbit/element-set.js';

/** Earth rotation rate, rad/s. */
const OMEGA_EARTH_RAD_S = 7.2921159e-5;
/** Satellites whose headings differ by at most this share a family, degrees. */
export const HEADING_TOLERANCE_DEG = 2;

export type PassDirection = 'A' | 'D';

/**
 * Heading of the ground track (clockwise from north, 0…360°) where a circular orbit of
 * inclination i and mean motion n crosses latitude φ: the inertial azimuth a has
 * sin a = cos i / cos φ; the sub-satellite point moves north at n·cos a and east at
 * n·sin a − ω_E·cos φ (rad/s on the sphere). Null when the orbit does not reach φ.
 */
export function groundTrackHeadingDeg(
  el: Pick<ElementSet, 'inclinationDeg' | 'meanMotionRevPerDay'>,
  latDeg: number,
  dir: PassDirection,
): number | null {
  const phi = (latDeg * Math.PI) / 180;
  const s = Math.cos((el.inclinationDeg * Math.PI) / 180) / Math.cos(phi);
  if (Math.abs(s) > 1) return null;
  const n = (el.meanMotionRevPerDay * 2 * Math.PI) / 86_400;
  const north = n * Math.sqrt(1 - s * s) * (dir === 'A' ? 1 : -1);
  const east = n * s - OMEGA_EARTH_RAD_S * Math.cos(phi);
  const h = (Math.atan2(east, north) * 180) / Math.PI;
  return h < 0 ? h + 360 : h;
}

export interface TrackFamily {
  /** `<A|D><heading, 0.1°>w<width km>`, e.g. `D191.9w23.3`: part of the strip id. */
  readonly key: string;
  readonly direction: PassDirection;
  /** Heading of the strips, rounded to 0.1° (the value in the key). */
  readonly headingDeg: number;
  readonly widthKm: number;
  /** Indices (in the scenario) of the satellites that image this family's strips. */
  readonly satellites: readonly number[];
}

/**
 * Families of the satellites `sats` (scenario index, orbit, swath) at latitude `latDeg`: in
 * scenario order, each satellite and direction joins the first family of the same direction
 * and swath whose heading is within the tolerance, else starts a new one.
 */
export function trackFamilies(
  sats: readonly {
    readonly index: number;
    readonly el: Pick<ElementSet, 'inclinationDeg' | 'meanMotionRevPerDay'>;
    readonly swathKm: number;
  }[],
  latDeg: number,
): TrackFamily[] {
  const out: Array<TrackFamily & { satellites: number[] }> = [];
  for (const dir of ['D', 'A'] as const)
    for (const s of sats) {
      const h = groundTrackHeadingDeg(s.el, latDeg, dir);
      if (h === null) continue;
      const f = out.find(
        (x) =>
          x.direction === dir &&
          x.widthKm === s.swathKm &&
          Math.abs(((h - x.headingDeg + 540) % 360) - 180) <= HEADING_TOLERANCE_DEG,
      );
      if (f) {
        f.satellites.push(s.index);
        continue;
      }
      const hr = Number((Math.round(h * 10) / 10).toFixed(1)) % 360;
      out.push({
        key: `${dir}${hr.toFixed(1)}w${s.swathKm}`,
        direction: dir,
        headingDeg: hr,
        widthKm: s.swathKm,
        satellites: [s.index],
      });
    }
  return out;
}
