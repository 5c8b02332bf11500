/**
 * Elevation and visibility of a geostationary satellite over a grid of sites (rows north to
 * south), for coverage maps: a site sees the satellite when its elevation reaches `minElevationDeg`.
 */
import { geoLook } from './geo-look.js';
import type { ItrfVec } from '../core/vector.js';
import type { SiteGrid } from './availability.js';

/** Elevation (degrees) at every grid node inside `include`, NaN-free (masked nodes hold 0, mask 0). */
export function elevationGrid(
  grid: SiteGrid,
  satelliteKm: ItrfVec,
  include: (latDeg: number, lonDeg: number) => boolean = () => true,
): { rows: number; cols: number; elevation: Float32Array; mask: Uint8Array } {
  const rows = Math.round((grid.latMax - grid.latMin) / grid.stepDeg) + 1;
  const cols = Math.round((grid.lonMax - grid.lonMin) / grid.stepDeg) + 1;
  const elevation = new Float32Array(rows * cols);
  const mask = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const lat = grid.latMax - i * grid.stepDeg;
    for (let j = 0; j < cols; j++) {
      const lon = grid.lonMin + j * grid.stepDeg;
      if (!include(lat, lon)) continue;
      elevation[i * cols + j] = geoLook(
        { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 },
        satelliteKm,
      ).elevationDeg;
      mask[i * cols + j] = 1;
    }
  }
  return { rows, cols, elevation, mask };
}
