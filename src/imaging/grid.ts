/**
 * The georeferenced pixel grid of a raster: size, affine transform (north-up, no rotation) and
 * coordinate reference system (an EPSG code). Pixel (col, row) covers the CRS rectangle from
 * `originX + col·pixelSizeX` to `originX + (col+1)·pixelSizeX` (and the same in y), so corner
 * coordinates are integers in pixel space: a ring vertex (i, j) is the corner at column i, row j.
 */

/** North-up affine transform; `pixelSizeY` is negative for the usual top-down rows. */
export interface GeoTransform {
  /** CRS x of the top-left corner of pixel (0, 0), CRS units. */
  readonly originX: number;
  /** CRS y of the top-left corner of pixel (0, 0), CRS units. */
  readonly originY: number;
  readonly pixelSizeX: number;
  readonly pixelSizeY: number;
}

/** A raster grid: size in pixels, transform, CRS. */
export interface RasterGrid {
  readonly width: number;
  readonly height: number;
  readonly transform: GeoTransform;
  /** EPSG code of the CRS (4326 for WGS-84 longitude/latitude). */
  readonly epsg: number;
}

/** CRS coordinates of the pixel corner (col, row) (fractional values allowed). */
export function pixelToCrs(t: GeoTransform, col: number, row: number): [number, number] {
  return [t.originX + col * t.pixelSizeX, t.originY + row * t.pixelSizeY];
}

/** Bounding box `[minX, minY, maxX, maxY]` of a grid, in its CRS. */
export function gridBounds(g: RasterGrid): [number, number, number, number] {
  const [x0, y0] = pixelToCrs(g.transform, 0, 0);
  const [x1, y1] = pixelToCrs(g.transform, g.width, g.height);
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/**
 * True when two grids are the same pixel for pixel: same CRS, size, and corners within
 * `tolerancePx` of a pixel.
 */
export function sameGrid(a: RasterGrid, b: RasterGrid, tolerancePx = 0.01): boolean {
  if (a.epsg !== b.epsg || a.width !== b.width || a.height !== b.height) return false;
  const ta = a.transform;
  const tb = b.transform;
  const px = Math.abs(ta.pixelSizeX);
  const py = Math.abs(ta.pixelSizeY);
  return (
    Math.abs(ta.originX - tb.originX) <= tolerancePx * px &&
    Math.abs(ta.originY - tb.originY) <= tolerancePx * py &&
    Math.abs(ta.pixelSizeX - tb.pixelSizeX) * a.width <= tolerancePx * px &&
    Math.abs(ta.pixelSizeY - tb.pixelSizeY) * a.height <= tolerancePx * py
  );
}
