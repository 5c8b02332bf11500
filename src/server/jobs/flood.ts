/**
 * Job type `flood`: a flood product from scene files already on the server (in the imagery
 * directory). Paths are relative to that directory and may not leave it. The files are opened
 * when the job is created, so a missing or unreadable scene is a 400 at once; the pipeline runs
 * in a worker thread; its polygons become a product (statistics, STAC items, audit) in the
 * transaction that marks the job succeeded, and `product.created` is announced once committed.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { SahelsatError } from '../../core/errors.js';
import { parseIsoUtc } from '../../core/time.js';
import { openRaster } from '../../io/raster/reader.js';
import { radarBands } from '../../io/raster/scene.js';
import type { ZonalStats } from '../../imaging/zonal.js';
import type { ProductRecord } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { invalidField } from '../errors.js';
import { Id, IsoInstant, Releasability } from '../schemas/common.js';
import {
  type ProductInput,
  type SceneInput,
  audienceAois,
  productBBox,
  productCreatedEvent,
  storeProduct,
} from '../services/products.js';
import { withPrevious } from '../services/zonal-thread.js';
import { sceneIdOf } from '../stac/product-items.js';
import type { JobDefinition } from './definitions.js';
import type { FloodInput, FloodOutput } from './flood-computation.js';

const ScenePath = z
  .string()
  .min(1)
  .max(1000)
  .describe('path of a GeoTIFF relative to the server’s imagery directory');

export const FloodParams = z.strictObject({
  s1: ScenePath.describe('Sentinel-1 GRD scene (VV, VH; dB or linear)'),
  s2: ScenePath.optional().describe('Sentinel-2 scene (L1C or L2A band layout)'),
  pre: ScenePath.optional().describe('pre-event Sentinel-1 scene'),
  title: z.string().trim().min(1).max(200),
  releasability: Releasability.describe('releasability of the product'),
  acquiredAt: IsoInstant.optional().describe(
    'acquisition instant of the Sentinel-1 scene (default: when the job was created)',
  ),
  aoiId: Id.optional(),
  mmuM2: z.number().min(0).max(1e8).optional().describe('minimum mapping unit, m² (default 1000)'),
});
export type FloodParams = z.infer<typeof FloodParams>;

export interface FloodJobOptions {
  /** Directory the scene paths are relative to. */
  readonly imageryDir: string;
}

/** The absolute path of a scene inside `root`, or a 400 naming the parameter. */
function scenePath(root: string, p: string, field: string): string {
  const bad = (m: string) => invalidField(`body.params.${field}`, m);
  if (isAbsolute(p)) throw bad('expected a path relative to the imagery directory');
  const abs = resolve(root, p);
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(abs);
  } catch {
    throw bad(`no such file in the imagery directory: ${p}`);
  }
  const rel = relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    throw bad('the path leaves the imagery directory');
  return real;
}

/** A raster error with the server's directory removed from the message. */
function sceneError(err: unknown, root: string, field: string): Error {
  const msg = err instanceof Error ? err.message : String(err);
  return invalidField(`body.params.${field}`, msg.split(`${root}${sep}`).join(''));
}

export function floodJobDefinition(
  deps: ServiceDeps,
  o: FloodJobOptions,
): JobDefinition<FloodParams, FloodInput, FloodOutput> {
  const root = resolve(o.imageryDir);
  const scenes = (p: FloodParams) =>
    (['s1', 's2', 'pre'] as const).flatMap((k) => (p[k] ? [[k, p[k]!] as const] : []));
  // Products committed but not yet announced: announced when the job's success is committed.
  const pending = new Map<string, ProductRecord>();
  deps.events.subscribe((e) => {
    if (e.type !== 'job.finished') return;
    const jobId = String(e.data.jobId);
    const p = pending.get(jobId);
    if (!p) return;
    pending.delete(jobId);
    if (e.data.status === 'succeeded') deps.events.publish(productCreatedEvent(p, deps.clock()));
  });

  return {
    params: FloodParams,
    permission: 'publish products',
    async check(_store, p) {
      for (const [field, path] of scenes(p)) {
        const abs = scenePath(root, path, field);
        try {
          const r = await openRaster(abs);
          try {
            if (field !== 's2') radarBands(r);
          } finally {
            await r.close();
          }
        } catch (err) {
          if (err instanceof SahelsatError) throw sceneError(err, realpathSync(root), field);
          throw err;
        }
      }
    },
    async prepare(store, p, job) {
      return {
        aois: await audienceAois(store, {
          ownerNation: job.ownerNation,
          releasability: p.releasability,
        }),
        s1: scenePath(root, p.s1, 's1'),
        ...(p.s2 ? { s2: scenePath(root, p.s2, 's2') } : {}),
        ...(p.pre ? { pre: scenePath(root, p.pre, 'pre') } : {}),
        ...(p.mmuM2 !== undefined ? { mmuM2: p.mmuM2 } : {}),
      };
    },
    async commit(tx, job, out) {
      const p = FloodParams.parse(job.params);
      const creator = await tx.users.get(job.createdBy);
      const nowMs = deps.clock();
      const acquiredAtMs = p.acquiredAt
        ? parseIsoUtc(p.acquiredAt, 'params.acquiredAt')
        : job.createdAtMs;
      const sceneInputs: SceneInput[] = scenes(p).map(([role, path]) => ({
        id: sceneIdOf(path),
        footprint: out.footprints[role]!,
        datetimeMs: acquiredAtMs,
        sensor: role === 's2' ? 'optical' : 'sar',
        role: role === 'pre' ? 'pre-event' : 'post-event',
      }));
      const aoiVisible =
        p.aoiId !== undefined &&
        (await tx.catalogue.getAoi(p.aoiId, { nation: job.ownerNation })) !== null;
      const input: ProductInput = {
        type: 'flood',
        title: p.title,
        acquiredAtMs,
        releasability: p.releasability,
        aoiId: aoiVisible ? p.aoiId! : null,
        geometry: out.geometry,
        sourceScenes: sceneInputs.map((s) => s.id),
        method: { ...out.method, warnings: out.warnings },
        footprint: out.footprints.s1 ?? null,
        scenes: sceneInputs,
        jobId: job.id,
      };
      const bbox = productBBox(input);
      const audience = { ownerNation: job.ownerNation, releasability: p.releasability };
      const previous = await tx.products.previous('flood', acquiredAtMs, bbox, audience);
      const product = await storeProduct(
        tx,
        { nowMs, id: deps.newId() },
        { id: job.createdBy, username: creator?.username ?? 'unknown', nation: job.ownerNation },
        input,
        {
          bbox,
          stats: withPrevious(out.stats, (previous?.stats as ZonalStats | undefined) ?? null),
          previousId: previous?.id ?? null,
        },
      );
      pending.set(job.id, product);
      return {
        productId: product.id,
        stacItemId: product.stacItemId,
        areaKm2: product.areaKm2,
        waterPixelAreaKm2: out.waterKm2,
        validKm2: out.validKm2,
        polygons: out.polygons,
        warnings: out.warnings,
      };
    },
  };
}
