/**
 * ITU-R P.835-6 §1.1: the mean annual global reference atmosphere (temperature and total
 * pressure versus geometric height up to 100 km) and the standard water-vapour profile.
 * P.676 Annex 1 integrates through it; P.618 uses its surface pressure at the station height.
 */

/** Geopotential height h′ (km′) of a geometric height h (km), equation 1a. */
function geopotentialKm(hKm: number): number {
  return (6356.766 * hKm) / (6356.766 + hKm);
}

/** Standard temperature T(h), K, for 0 ≤ h ≤ 100 km (equations 2–4). */
export function standardTemperatureK(hKm: number): number {
  const hp = geopotentialKm(hKm);
  if (hp <= 11) return 288.15 - 6.5 * hp;
  if (hp <= 20) return 216.65;
  if (hp <= 32) return 216.65 + (hp - 20);
  if (hp <= 47) return 228.65 + 2.8 * (hp - 32);
  if (hp <= 51) return 270.65;
  if (hp <= 71) return 270.65 - 2.8 * (hp - 51);
  if (hp <= 84.852) return 214.65 - 2.0 * (hp - 71);
  if (hKm <= 91) return 186.8673;
  return 263.1905 - 76.3232 * Math.sqrt(Math.max(0, 1 - ((hKm - 91) / 19.9429) ** 2));
}

/** Standard total pressure P(h), hPa, for 0 ≤ h ≤ 100 km (equations 5–6). */
export function standardPressureHpa(hKm: number): number {
  const hp = geopotentialKm(hKm);
  if (hp <= 11) return 1013.25 * (288.15 / (288.15 - 6.5 * hp)) ** (-34.1632 / 6.5);
  if (hp <= 20) return 226.3226 * Math.exp((-34.1632 * (hp - 11)) / 216.65);
  if (hp <= 32) return 54.7498 * (216.65 / (216.65 + (hp - 20))) ** 34.1632;
  if (hp <= 47) return 8.680422 * (228.65 / (228.65 + 2.8 * (hp - 32))) ** (34.1632 / 2.8);
  if (hp <= 51) return 1.109106 * Math.exp((-34.1632 * (hp - 47)) / 270.65);
  if (hp <= 71) return 0.6694167 * (270.65 / (270.65 - 2.8 * (hp - 51))) ** (-34.1632 / 2.8);
  if (hp <= 84.852) return 0.03956649 * (214.65 / (214.65 - 2.0 * (hp - 71))) ** (-34.1632 / 2.0);
  const h = Math.max(86, hKm);
  return Math.exp(
    95.571899 - 4.011801 * h + 6.424731e-2 * h ** 2 - 4.78966e-4 * h ** 3 + 1.340543e-6 * h ** 4,
  );
}

/** Standard water-vapour density ρ(h) = ρ0·exp(−h/2 km), g/m³ (equation 7), ρ0 at sea level. */
export function standardWaterVapourDensityGm3(hKm: number, rho0Gm3 = 7.5): number {
  return rho0Gm3 * Math.exp(-hKm / 2);
}
