/**
 * ITU-R P.453-14: the wet term of the surface radio refractivity, from the water-vapour
 * pressure and temperature (equations 2, 9, 10) or from the digital maps exceeded for p % of
 * the year (bilinear, linear in ln p between the tabulated levels).
 */
import { type IturMaps, bilinear, requireMap } from './grid.js';
import { requireInRange } from './validity.js';

/** p-levels (%) of the P.453 Nwet maps, and their file-name stems. */
export const P453_LEVELS: readonly (readonly [number, string])[] = [
  [0.1, '01'],
  [0.2, '02'],
  [0.3, '03'],
  [0.5, '05'],
  [1, '1'],
  [2, '2'],
  [3, '3'],
  [5, '5'],
  [10, '10'],
  [20, '20'],
  [30, '30'],
  [50, '50'],
  [60, '60'],
  [70, '70'],
  [80, '80'],
  [90, '90'],
  [95, '95'],
  [99, '99'],
];

/** Saturation water-vapour pressure over water e_s (hPa), equation 9, t in °C, P in hPa. */
export function saturationVapourPressureHpa(temperatureC: number, pressureHpa: number): number {
  const ef = 1 + 1e-4 * (7.2 + pressureHpa * (0.032 + 5.9e-6 * temperatureC ** 2));
  return (
    ef *
    6.1121 *
    Math.exp(((18.678 - temperatureC / 234.5) * temperatureC) / (temperatureC + 257.14))
  );
}

/** Wet term of the refractivity Nwet = 72·e/T + 3.75e5·e/T² (N-units), e in hPa, T in K. */
export function wetRefractivity(vapourPressureHpa: number, temperatureK: number): number {
  return (72 * vapourPressureHpa) / temperatureK + (3.75e5 * vapourPressureHpa) / temperatureK ** 2;
}

/**
 * Interpolates a family of p-level maps (bilinear in space, linear in ln p between levels).
 * Shared by P.453, P.836 and P.840, whose maps are laid out the same way.
 */
export function levelInterpolate(
  levels: readonly (readonly [number, string])[],
  pPercent: number,
  valueAt: (stem: string) => number,
): number {
  const first = levels[0]!;
  const last = levels[levels.length - 1]!;
  if (pPercent <= first[0]) return valueAt(first[1]);
  if (pPercent >= last[0]) return valueAt(last[1]);
  let i = 0;
  while (levels[i + 1]![0] < pPercent) i++;
  const [pa, sa] = levels[i]!;
  const [pb, sb] = levels[i + 1]!;
  if (pb === pPercent) return valueAt(sb);
  const va = valueAt(sa);
  const vb = valueAt(sb);
  return va + ((vb - va) * (Math.log(pPercent) - Math.log(pa))) / (Math.log(pb) - Math.log(pa));
}

/** Nwet (N-units) exceeded for p % of an average year at a site, from the P.453 maps (0.1…99 %). */
export function wetRefractivityFromMaps(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent = 50,
): number {
  requireInRange('ITU-R P.453-14', 'time percentage p', pPercent, 0.1, 99, '%');
  return levelInterpolate(P453_LEVELS, pPercent, (stem) =>
    bilinear(
      requireMap(maps, `p453-13/nwet_${stem}`, 'the P.453 wet refractivity'),
      latDeg,
      lonDeg,
    ),
  );
}
