/**
 * Zonal statistics off the main thread (see zonal-worker.ts), and the comparison with a previous
 * product applied to statistics computed without it (the flood job computes its statistics in
 * its own worker, before the previous product is known).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../../core/errors.js';
import type { ZonalStats } from '../../imaging/zonal.js';

export interface ZonalThreadInput {
  readonly product: GeoJSON.FeatureCollection;
  readonly aois: Array<{ id: string; name: string; geometry: GeoJSON.Geometry }>;
  readonly previous: ZonalStats | null;
  /** Directory of the bundled zones (default: the package's data/aoi). */
  readonly zonesDir?: string;
}

/** The compiled worker (under dist/ when this module runs from the TypeScript sources in tests). */
function workerUrl(): URL {
  const here = new URL('./zonal-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return pathToFileURL(
    fileURLToPath(here).replace(
      /([/\\])src([/\\])server([/\\])services([/\\])/,
      '$1dist$2server$3services$4',
    ),
  );
}

/**
 * Computes `zonalStatistics` in a worker thread.
 * @throws ValidationError (as zonalStatistics would) for a geometry it cannot use
 */
export function zonalInThread(input: ZonalThreadInput): Promise<ZonalStats> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerUrl(), { workerData: input });
    let done = false;
    w.once('message', (m: { ok: boolean; stats?: ZonalStats; error?: Record<string, unknown> }) => {
      done = true;
      if (m.ok) resolve(m.stats!);
      else {
        const e = m.error!;
        reject(
          e.validation
            ? new ValidationError(String(e.message), {
                code: String(e.code),
                ...(e.location ? { location: e.location as never } : {}),
                ...(e.expected !== undefined ? { expected: String(e.expected) } : {}),
                ...(e.received !== undefined ? { received: String(e.received) } : {}),
              })
            : new Error(String(e.message)),
        );
      }
      void w.terminate();
    });
    w.once('error', (err) => {
      if (!done) reject(err);
    });
    w.once('exit', (code) => {
      if (!done) reject(new Error(`zonal statistics thread exited with code ${code}`));
    });
  });
}

/**
 * Statistics computed without a previous product, compared with `previous` as
 * `zonalStatistics(…, {previous})` does: every listed region gets the previous area (0 when the
 * previous product had none there), and regions the previous product covered but this one does
 * not are listed with area 0, so a receding flood shows its zero.
 */
export function withPrevious(stats: ZonalStats, previous: ZonalStats | null): ZonalStats {
  if (!previous) return stats;
  const before = new Map(previous.regions.map((r) => [r.regionId, r]));
  const regions = stats.regions.map((r) => ({
    ...r,
    previousAreaKm2: before.get(r.regionId)?.areaKm2 ?? 0,
  }));
  const listed = new Set(regions.map((r) => r.regionId));
  for (const p of previous.regions)
    if (!listed.has(p.regionId) && p.areaKm2 > 0)
      regions.push({
        regionId: p.regionId,
        name: p.name,
        nation: p.nation,
        areaKm2: 0,
        regionAreaKm2: p.regionAreaKm2,
        share: 0,
        previousAreaKm2: p.areaKm2,
      });
  return { ...stats, regions: regions.sort((a, b) => b.areaKm2 - a.areaKm2) };
}
