/**
 * ITU-R P.839-4: rain height model. The mean annual rain height is the 0 °C isotherm height
 * (digital map, bilinear) plus 0.36 km.
 */
import { type IturMaps, bilinear, requireMap } from './grid.js';

/** Map name of the P.839-4 0 °C isotherm (km above mean sea level). */
export const P839_H0_MAP = 'p839-4/h0';

/** Mean annual rain height hR = h0 + 0.36 km (equation 1), from the 0 °C isotherm height h0. */
export function rainHeightFromIsothermKm(isothermHeightKm: number): number {
  return isothermHeightKm + 0.36;
}

/** Mean annual 0 °C isotherm height h0 (km a.m.s.l.) at a site, from the map. */
export function isothermHeightKm(maps: IturMaps, latDeg: number, lonDeg: number): number {
  return bilinear(requireMap(maps, P839_H0_MAP, 'the P.839-4 rain height'), latDeg, lonDeg);
}

/** Mean annual rain height hR (km a.m.s.l.) at a site, from the map. */
export function rainHeightKm(maps: IturMaps, latDeg: number, lonDeg: number): number {
  return rainHeightFromIsothermKm(isothermHeightKm(maps, latDeg, lonDeg));
}
