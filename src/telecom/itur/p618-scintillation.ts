/**
 * ITU-R P.618-14 §2.4.1: amplitude scintillation fade depth exceeded for p % of the time, for
 * elevations of 5° and more (steps 1–9).
 */
import { DEG_TO_RAD } from '../../core/units.js';
import { requireAtLeast, requireInRange } from './validity.js';

const MODEL = 'ITU-R P.618-14 §2.4.1';

/** Inputs of the scintillation method. */
export interface ScintillationInput {
  /** 4…55 GHz. */
  readonly frequencyGhz: number;
  /** 5…90°. */
  readonly elevationDeg: number;
  /** 0.01…50 %. */
  readonly pPercent: number;
  /** Physical antenna diameter D, m. */
  readonly antennaDiameterM: number;
  /** Antenna efficiency η, 0…1 (0.5 when unknown). */
  readonly efficiency: number;
  /** Wet term of the surface refractivity exceeded for 50 % of the year, N-units (ITU-R P.453). */
  readonly nWet: number;
  /** Height of the turbulent layer hL, m (1000 m in P.618). */
  readonly turbulentLayerHeightM?: number;
}

/** Standard deviation σ (dB) of the scintillation (steps 3–7). */
export function scintillationSigmaDb(input: Omit<ScintillationInput, 'pPercent'>): number {
  requireInRange(MODEL, 'frequency', input.frequencyGhz, 4, 55, 'GHz');
  requireInRange(MODEL, 'elevation', input.elevationDeg, 5, 90, '°');
  requireAtLeast(MODEL, 'antenna diameter', input.antennaDiameterM, 0, 'm');
  requireInRange(MODEL, 'antenna efficiency', input.efficiency, 0, 1);
  requireAtLeast(MODEL, 'Nwet', input.nWet, 0, 'N-units');
  const f = input.frequencyGhz;
  const hl = input.turbulentLayerHeightM ?? 1000;
  const s = Math.sin(input.elevationDeg * DEG_TO_RAD);
  const sigmaRef = 3.6e-3 + 1e-4 * input.nWet; // step 3
  const l = (2 * hl) / (Math.sqrt(s * s + 2.35e-4) + s); // step 4, m
  const dEff = Math.sqrt(input.efficiency) * input.antennaDiameterM; // step 5
  const x = (1.22 * dEff * dEff * f) / l;
  // step 6: antenna averaging factor (zero once the argument of the root turns negative, x ≥ 7)
  const g =
    x >= 7
      ? 0
      : Math.sqrt(
          Math.max(
            0,
            3.86 * (x * x + 1) ** (11 / 12) * Math.sin((11 / 6) * Math.atan2(1, x)) -
              7.08 * x ** (5 / 6),
          ),
        );
  return (sigmaRef * f ** (7 / 12) * g) / s ** 1.2; // step 7
}

/**
 * Scintillation fade depth A_S (dB) exceeded for p % of the time (steps 8–9).
 * @throws DomainError outside 4…55 GHz, 5…90°, or 0.01…50 %.
 */
export function scintillationAttenuationDb(input: ScintillationInput): number {
  requireInRange(MODEL, 'time percentage p', input.pPercent, 0.01, 50, '%');
  const lp = Math.log10(input.pPercent);
  const a = -0.061 * lp ** 3 + 0.072 * lp ** 2 - 1.71 * lp + 3;
  return a * scintillationSigmaDb(input);
}
