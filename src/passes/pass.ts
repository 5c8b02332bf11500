/**
 * What a pass is: the interval during which a satellite stays above a station's elevation
 * threshold, with its culmination.
 */
import type { Instant } from '../core/time.js';

/**
 * Flags on a pass: `aos-cut` / `los-cut` when the search window, not the horizon, sets that
 * edge; `continuous` for a geostationary object that stays above the threshold for the whole
 * window (reported as one pass spanning the window).
 */
export type PassFlag = 'aos-cut' | 'los-cut' | 'continuous';

export interface Pass {
  readonly stationId: string;
  readonly catalogNumber: number;
  readonly satelliteName: string;
  /** Acquisition of signal: the satellite rises above the threshold (or the window starts). */
  readonly aosMs: Instant;
  /** Time of closest approach: maximum elevation within the pass. */
  readonly tcaMs: Instant;
  /** Loss of signal: the satellite sets below the threshold (or the window ends). */
  readonly losMs: Instant;
  readonly maxElevationDeg: number;
  readonly aosAzimuthDeg: number;
  readonly losAzimuthDeg: number;
  readonly durationS: number;
  readonly flags: readonly PassFlag[];
}

/** A propagation failure met during a search (the satellite is treated as not visible then). */
export interface PropagationIssue {
  readonly catalogNumber: number;
  readonly satelliteName: string;
  /** First instant at which propagation failed. */
  readonly atMs: Instant;
  readonly errorCode: number;
  readonly message: string;
}
