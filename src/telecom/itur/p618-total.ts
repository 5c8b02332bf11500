/**
 * ITU-R P.618-14 §2.5: total attenuation from the gas, cloud, rain and scintillation
 * components (equations 66–68). Cloud and gas attenuation are taken at 5 % for p < 5 %
 * (they are already in the rain statistics below that), a change from P.618-13's 1 %.
 */

/** Time percentage at which P.618-14 evaluates cloud and gas attenuation for the total: max(p, 5 %). */
export function cloudGasPercent(pPercent: number): number {
  return Math.max(pPercent, 5);
}

/** Components of the total slant-path attenuation, dB. */
export interface AttenuationComponents {
  /** Gaseous attenuation A_G at max(p, 5 %). */
  readonly gasDb: number;
  /** Cloud attenuation A_C at max(p, 5 %). */
  readonly cloudDb: number;
  /** Rain attenuation A_R(p). */
  readonly rainDb: number;
  /** Scintillation fade depth A_S(p). */
  readonly scintillationDb: number;
}

/** A_T = A_G + √((A_R + A_C)² + A_S²) (equation 66), dB. */
export function totalAttenuationDb(c: AttenuationComponents): number {
  return c.gasDb + Math.sqrt((c.rainDb + c.cloudDb) ** 2 + c.scintillationDb ** 2);
}
