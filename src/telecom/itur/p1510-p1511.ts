/**
 * ITU-R P.1510-1 (annual and monthly mean surface temperature, bilinear) and ITU-R P.1511
 * topographic altitude (bicubic). P.1511-2's 1/12° map is used when present in the map
 * directory, else P.1511-1's 0.5° map; a surveyed station altitude always wins over both.
 */
import { type IturMaps, bicubic, bilinear, requireMap } from './grid.js';

/** Map name of the P.1510-1 annual mean surface temperature (K). */
export const P1510_ANNUAL_MAP = 'p1510-1/t_annual';

/** Map name of the P.1510-1 monthly mean surface temperature for month 1…12 (K). */
export function p1510MonthMap(month: number): string {
  return `p1510-1/t_month${String(month).padStart(2, '0')}`;
}

/** Annual mean surface temperature (K) at a site. */
export function surfaceMeanTemperatureK(maps: IturMaps, latDeg: number, lonDeg: number): number {
  return bilinear(
    requireMap(maps, P1510_ANNUAL_MAP, 'the P.1510-1 surface temperature'),
    latDeg,
    lonDeg,
  );
}

/** Monthly mean surface temperature (K) at a site, month 1…12. */
export function surfaceMonthMeanTemperatureK(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  month: number,
): number {
  const name = p1510MonthMap(month);
  return bilinear(requireMap(maps, name, 'the P.1510-1 monthly temperature'), latDeg, lonDeg);
}

/** Topography maps by preference: P.1511-2 (1/12°) first, then P.1511-1 (0.5°). */
export const P1511_MAPS = ['p1511-2/topo', 'p1511-1/topo_0dot5'] as const;

/** A station altitude and where it came from. */
export interface StationAltitude {
  readonly altitudeKm: number;
  readonly source: 'surveyed' | 'ITU-R P.1511-2' | 'ITU-R P.1511-1';
}

/**
 * Station altitude above mean sea level: the surveyed value when given, else P.1511 topography.
 * @throws NotFoundError when no altitude is given and no topography map is available.
 */
export function stationAltitude(
  maps: IturMaps | undefined,
  latDeg: number,
  lonDeg: number,
  surveyedKm?: number,
): StationAltitude {
  if (surveyedKm !== undefined) return { altitudeKm: surveyedKm, source: 'surveyed' };
  const v2 = maps?.get(P1511_MAPS[0]);
  if (v2) return { altitudeKm: bicubic(v2, latDeg, lonDeg), source: 'ITU-R P.1511-2' };
  const v1 = requireMap(
    maps ?? new Map(),
    P1511_MAPS[1],
    'the P.1511 station altitude (or give the altitude)',
  );
  return { altitudeKm: bicubic(v1, latDeg, lonDeg), source: 'ITU-R P.1511-1' };
}
