/**
 * ITU-R P.836-6: surface water-vapour density ρ (g/m³) and integrated water-vapour content V
 * (kg/m²) exceeded for p % of the year. Each of the 4 surrounding grid nodes is scaled to the
 * site altitude with its scale height (X·exp(−(h − h_node)/VSCH_node), node altitudes from the
 * bicubic 0.5° topography) before bilinear interpolation; linear in ln p between levels.
 */
import { DomainError } from '../../core/errors.js';
import { type GeoGrid, type IturMaps, bicubic, requireMap } from './grid.js';
import { P453_LEVELS, levelInterpolate } from './p453.js';
import { requireInRange } from './validity.js';

const MODEL = 'ITU-R P.836-6';
/** P.836-6 uses the same 18 p-levels as P.453. */
export const P836_LEVELS = P453_LEVELS;

function scaledBilinear(
  maps: IturMaps,
  data: GeoGrid,
  vsch: GeoGrid,
  latDeg: number,
  lonDeg: number,
  altitudeKm: number,
): number {
  const topo = requireMap(maps, 'p836-6/topo_0dot5', 'the P.836-6 node altitudes');
  const r = (data.latFirst - latDeg) / data.latStep;
  let c = (lonDeg - data.lonFirst) / data.lonStep;
  if (c < 0) c += 360 / data.lonStep;
  if (c > data.cols - 1) c -= 360 / data.lonStep;
  const i = Math.min(Math.max(Math.floor(r), 0), data.rows - 2);
  const j = Math.min(Math.max(Math.floor(c), 0), data.cols - 2);
  if (!(r >= 0 && r <= data.rows - 1 && c >= 0 && c <= data.cols - 1)) {
    throw new DomainError(
      `ITU-R map "${data.name}": the point (${latDeg}, ${lonDeg}) is outside it`,
      'outside-map',
    );
  }
  let sum = 0;
  for (const [di, dj] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const) {
    const ii = i + di;
    const jj = j + dj;
    const nodeLat = data.latFirst - ii * data.latStep;
    const nodeLon = data.lonFirst + jj * data.lonStep;
    const v = data.values[ii * data.cols + jj]!;
    const s = vsch.values[ii * vsch.cols + jj]!;
    const hNode = bicubic(topo, nodeLat, nodeLon);
    const w = (di === 0 ? 1 - (r - i) : r - i) * (dj === 0 ? 1 - (c - j) : c - j);
    sum += w * v * Math.exp(-(altitudeKm - hNode) / s);
  }
  return sum;
}

function fromMaps(
  kind: 'rho' | 'v',
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent: number,
  altitudeKm?: number,
): number {
  requireInRange(MODEL, 'time percentage p', pPercent, 0.1, 99, '%');
  const alt =
    altitudeKm ??
    bicubic(requireMap(maps, 'p836-6/topo_0dot5', 'the P.836-6 site altitude'), latDeg, lonDeg);
  return levelInterpolate(P836_LEVELS, pPercent, (stem) =>
    scaledBilinear(
      maps,
      requireMap(
        maps,
        `p836-6/${kind}_${stem}`,
        kind === 'rho' ? 'the P.836-6 water-vapour density' : 'the P.836-6 water-vapour content',
      ),
      requireMap(maps, `p836-6/vsch_${stem}`, 'the P.836-6 scale heights'),
      latDeg,
      lonDeg,
      alt,
    ),
  );
}

/** Surface water-vapour density ρ (g/m³) exceeded for p % of the year at a site (altitude in km). */
export function surfaceWaterVapourDensityGm3(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent: number,
  altitudeKm?: number,
): number {
  return fromMaps('rho', maps, latDeg, lonDeg, pPercent, altitudeKm);
}

/** Integrated water-vapour content V (kg/m²) exceeded for p % of the year at a site. */
export function totalWaterVapourContentKgM2(
  maps: IturMaps,
  latDeg: number,
  lonDeg: number,
  pPercent: number,
  altitudeKm?: number,
): number {
  return fromMaps('v', maps, latDeg, lonDeg, pPercent, altitudeKm);
}
