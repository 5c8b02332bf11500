/**
 * Imaging sensors as data. Three kinds:
 *
 * - `optical`: an agile imager that can point anywhere within `maxOffNadirDeg` of nadir (its
 *   field of regard) and images a strip `swathKm` wide at a time; needs the Sun at least
 *   `minSunElevationDeg` above the target's horizon; optionally limits the incidence angle.
 * - `sar`: a side-looking radar imaging at zero Doppler (broadside): a target is imaged at the
 *   instant of closest approach if its incidence angle is within [near, far] on an allowed side.
 *   Day and night.
 * - `nadir`: a fixed push-broom imager: a target is imaged when the ground track passes within
 *   half the swath of it.
 *
 * Definitions (docs/access.md): off-nadir angle = angle at the satellite between the direction
 * to the Earth's centre and the line of sight to the target; incidence = angle at the target
 * between the WGS-84 ellipsoid normal and the direction to the satellite (90° − elevation); sun
 * elevation = geometric elevation of the Sun's centre at the target, no refraction.
 */

/** Which sides a side-looking sensor may look to, relative to the Earth-fixed velocity. */
export type LookSide = 'left' | 'right' | 'both';

export interface OpticalSensor {
  readonly kind: 'optical';
  readonly id: string;
  readonly name: string;
  /** Field of regard: largest off-nadir angle the satellite can point at, deg. */
  readonly maxOffNadirDeg: number;
  /** Instantaneous swath at nadir, km (unknown: polygon swath fractions are not computed). */
  readonly swathKm?: number;
  /** Minimum geometric sun elevation at the target, deg (absent: no daylight constraint). */
  readonly minSunElevationDeg?: number;
  /** Largest incidence angle at the target, deg. */
  readonly maxIncidenceDeg?: number;
}

export interface SarSensor {
  readonly kind: 'sar';
  readonly id: string;
  readonly name: string;
  /** Incidence at the near edge of the accessible range, deg. */
  readonly incidenceNearDeg: number;
  /** Incidence at the far edge of the accessible range, deg. */
  readonly incidenceFarDeg: number;
  readonly lookSide: LookSide;
  /** Ground width of one acquisition, km (absent: the whole incidence range in one swath). */
  readonly swathKm?: number;
}

export interface NadirSensor {
  readonly kind: 'nadir';
  readonly id: string;
  readonly name: string;
  /** Swath width on the ground, km, centred on the ground track. */
  readonly swathKm: number;
  /** Minimum geometric sun elevation at the target, deg (absent: no daylight constraint). */
  readonly minSunElevationDeg?: number;
}

export type Sensor = OpticalSensor | SarSensor | NadirSensor;

/**
 * How a sensor's opportunities are shaped: `agile` sensors can image a target during a whole
 * window; `strip` sensors (SAR at zero Doppler, fixed nadir push-broom) image it at one instant,
 * the time of closest approach, so a point target's window has start = end = best.
 */
export function accessMode(s: Sensor): 'agile' | 'strip' {
  return s.kind === 'optical' ? 'agile' : 'strip';
}

/** Smallest sun elevation the sensor needs, deg, or null when it works day and night. */
export function sunConstraintDeg(s: Sensor): number | null {
  return s.kind === 'sar' ? null : (s.minSunElevationDeg ?? null);
}
