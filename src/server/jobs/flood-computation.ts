/**
 * The `flood` job's computation (runs in a worker thread): the flood pipeline on server-side
 * scene files, into a temporary directory whose polygons and report come back as values. A
 * cancellation or shutdown aborts the pipeline between strips (no checkpoint: a flood map is
 * restarted from the beginning).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ZonalStats, loadBundledZones, zonalStatistics } from '../../imaging/zonal.js';
import { runFloodPipeline } from '../../io/products/flood-pipeline.js';
import { type ComputeContext, STOPPED, type Stopped } from './computation.js';

export interface FloodInput {
  /** Absolute paths of the scenes (checked to lie inside the imagery directory). */
  readonly s1: string;
  readonly s2?: string;
  readonly pre?: string;
  readonly mmuM2?: number;
  /** Areas of interest the product's audience may see (for its statistics). */
  readonly aois: Array<{ id: string; name: string; geometry: GeoJSON.Geometry }>;
}

export interface FloodOutput {
  readonly geometry: GeoJSON.FeatureCollection;
  readonly footprints: Record<string, GeoJSON.Polygon | undefined>;
  readonly waterKm2: number;
  readonly validKm2: number;
  readonly polygons: number;
  readonly warnings: readonly string[];
  readonly method: Record<string, unknown>;
  /** Statistics without the previous product (the main thread adds the comparison). */
  readonly stats: ZonalStats;
}

/** How often the stop flag is looked at while the pipeline awaits reads, ms. */
const STOP_POLL_MS = 100;

export async function floodComputation(
  input: FloodInput,
  ctx: ComputeContext,
): Promise<FloodOutput | Stopped> {
  const abort = new AbortController();
  const poll = setInterval(() => {
    if (ctx.shouldStop()) abort.abort();
  }, STOP_POLL_MS);
  const dir = await mkdtemp(join(tmpdir(), 'sahelsat-flood-'));
  try {
    const r = await runFloodPipeline({
      s1: input.s1,
      ...(input.s2 ? { s2: input.s2 } : {}),
      ...(input.pre ? { pre: input.pre } : {}),
      ...(input.mmuM2 !== undefined ? { mmuM2: input.mmuM2 } : {}),
      outDir: dir,
      signal: abort.signal,
      onProgress: (f, phase) => {
        if (ctx.shouldStop()) abort.abort();
        ctx.progress(Math.min(0.99, f), phase);
      },
    });
    const geometry = JSON.parse(
      await readFile(join(dir, 'water.geojson'), 'utf8'),
    ) as GeoJSON.FeatureCollection;
    ctx.progress(0.99, 'statistics');
    const stats = zonalStatistics(geometry, { ...loadBundledZones(), aois: input.aois });
    return {
      stats,
      geometry: { type: 'FeatureCollection', features: geometry.features },
      footprints: r.footprints,
      waterKm2: r.summary.waterKm2,
      validKm2: r.summary.validKm2,
      polygons: r.summary.polygons,
      warnings: [...r.warnings],
      method: {
        ...r.method,
        thresholds: r.result.thresholds.map((t) => ({
          feature: t.feature.id,
          unit: t.feature.unit,
          threshold: t.split.threshold,
          method: t.method,
        })),
      },
    };
  } catch (err) {
    if (abort.signal.aborted) return STOPPED;
    throw err;
  } finally {
    clearInterval(poll);
    await rm(dir, { recursive: true, force: true });
  }
}
