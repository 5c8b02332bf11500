/**
 * Streams polygon components to a GeoJSON FeatureCollection (RFC 7946): WGS-84 longitude/
 * latitude, exterior rings counter-clockwise and holes clockwise, one Feature per connected
 * component (Polygon, or MultiPolygon when the component pinches). Coordinates are rounded to
 * 1e-7° (≈ 1 cm) for geographic output. Written beside the target and renamed when complete.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { SahelsatError } from '../core/errors.js';
import type { RasterGrid } from '../imaging/grid.js';
import type { PixelComponent } from '../imaging/polygonize.js';
import type { CoordinateTransform } from './raster/crs.js';

/** Options of {@link writeComponentsGeoJson}. */
export interface GeoJsonWriteOptions {
  readonly grid: RasterGrid;
  /** CRS of the grid → lon/lat degrees. */
  readonly toLonLat: CoordinateTransform;
  /** Properties of each feature (its index in the list is passed too). */
  readonly properties: (c: PixelComponent, index: number) => Record<string, unknown>;
  /** Extra members of the FeatureCollection (e.g. a product id). */
  readonly collection?: Record<string, unknown>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

/**
 * Writes the components as a FeatureCollection at `path`. `components` may be a lazy set
 * (see polygonizeCompact): features are built and written one at a time.
 */
export async function writeComponentsGeoJson(
  path: string,
  components: Iterable<PixelComponent>,
  opts: GeoJsonWriteOptions,
): Promise<void> {
  const total = Array.isArray(components)
    ? components.length
    : ((components as { count?: number }).count ?? 0);
  const t = opts.grid.transform;
  // Pixel space is y-down; with a north-up, east-right grid the pixel-space orientation of our
  // rings flips into RFC 7946's (shells CCW). Any other sign combination needs the reverse.
  const reverse = t.pixelSizeX * t.pixelSizeY > 0;
  const ringText = (r: Int32Array): string => {
    const n = r.length / 2;
    const parts = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      const i = reverse ? n - 1 - k : k;
      const [lon, lat] = opts.toLonLat(
        t.originX + r[2 * i]! * t.pixelSizeX,
        t.originY + r[2 * i + 1]! * t.pixelSizeY,
      );
      parts[k] = `[${round7(lon)},${round7(lat)}]`;
    }
    return `[${parts.join(',')}]`;
  };
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    const head = { type: 'FeatureCollection', ...(opts.collection ?? {}) };
    await write(`${JSON.stringify(head).slice(0, -1)},"features":[\n`);
    let i = 0;
    for (const c of components) {
      if ((i & 1023) === 0) {
        if (opts.signal?.aborted)
          throw new SahelsatError('interrupted', `interrupted while writing ${path}`);
        opts.onProgress?.(i, total);
      }
      const polys = c.polygons.map((p) => `[${[p.shell, ...p.holes].map(ringText).join(',')}]`);
      const geometry =
        polys.length === 1
          ? `{"type":"Polygon","coordinates":${polys[0]}}`
          : `{"type":"MultiPolygon","coordinates":[${polys.join(',')}]}`;
      await write(
        `${i > 0 ? ',\n' : ''}{"type":"Feature","properties":${JSON.stringify(opts.properties(c, i))},"geometry":${geometry}}`,
      );
      i++;
    }
    await write('\n]}\n');
    out.end();
    await once(out, 'finish');
    await rename(tmp, path);
    opts.onProgress?.(i, total);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}
