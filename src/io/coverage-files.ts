/**
 * Coverage grid outputs: cells as GeoJSON polygons and as CSV, with their revisit statistics
 * (hours). Column and property names are the same in both.
 */
import type { GridCell } from '../access/aoi/grid.js';
import type { RevisitStats } from '../access/revisit.js';

/** The exact CSV header of cells.csv. */
export const COVERAGE_CSV_HEADER =
  'row,col,lat_deg,lon_deg,area_km2,access_count,time_to_first_access_h,max_gap_h,mean_gap_h,p50_gap_h,p90_gap_h,p95_gap_h';

const h = (x: number | null): number | null => (x === null ? null : Number(x.toFixed(4)));

function cellProperties(c: GridCell, s: RevisitStats): Record<string, number | null> {
  return {
    row: c.row,
    col: c.col,
    lat_deg: Number(c.latDeg.toFixed(6)),
    lon_deg: Number(c.lonDeg.toFixed(6)),
    area_km2: Number(c.areaKm2.toFixed(3)),
    access_count: s.accessCount,
    time_to_first_access_h: h(s.timeToFirstAccessH),
    max_gap_h: h(s.maxGapH),
    mean_gap_h: h(s.meanGapH),
    p50_gap_h: h(s.p50GapH),
    p90_gap_h: h(s.p90GapH),
    p95_gap_h: h(s.p95GapH),
  };
}

/** cells.csv: one line per cell; an empty field where a statistic does not exist. */
export function coverageCellsCsv(
  cells: readonly GridCell[],
  stats: readonly RevisitStats[],
): string {
  const lines = [COVERAGE_CSV_HEADER];
  cells.forEach((c, i) => {
    const p = cellProperties(c, stats[i]!);
    lines.push(
      COVERAGE_CSV_HEADER.split(',')
        .map((k) => (p[k] === null ? '' : String(p[k])))
        .join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

/** cells.geojson: one square polygon per cell (one feature per line). */
export function coverageCellsGeoJson(
  cells: readonly GridCell[],
  stats: readonly RevisitStats[],
  stepDeg: number,
): string {
  const d = stepDeg / 2;
  const r = (x: number): number => Number(x.toFixed(6));
  const lines = cells.map((c, i) =>
    JSON.stringify({
      type: 'Feature',
      properties: cellProperties(c, stats[i]!),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [r(c.lonDeg - d), r(c.latDeg - d)],
            [r(c.lonDeg + d), r(c.latDeg - d)],
            [r(c.lonDeg + d), r(c.latDeg + d)],
            [r(c.lonDeg - d), r(c.latDeg + d)],
            [r(c.lonDeg - d), r(c.latDeg - d)],
          ],
        ],
      },
    }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}
