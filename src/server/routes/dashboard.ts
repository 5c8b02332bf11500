/**
 * What the dashboard needs beyond the catalogue: the bundled map layers (`/layers`, from
 * `data/aoi/*.geojson`, cached in memory with an ETag) and the newest element set of every
 * satellite in one answer (`/element-sets/latest`), so that the browser can propagate 500
 * satellites without 500 requests. Readable by every authenticated user (the catalogue and the
 * bundled geography carry no nation restriction).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { formatIsoUtc } from '../../core/time.js';
import { notFound } from '../errors.js';
import { COMMON_ERRORS } from '../schemas/common.js';
import { BUNDLED_DATA_DIR } from '../seed.js';
import type { RoutePlugin } from './plugin.js';

/** The bundled layers, in drawing order, with their names in both languages. */
export const BUNDLED_LAYERS = [
  { id: 'countries', name: { en: 'Countries', fr: 'Pays' } },
  { id: 'regions', name: { en: 'Regions', fr: 'Régions' } },
  { id: 'border-strips', name: { en: 'Border strips', fr: 'Bandes frontalières' } },
  { id: 'borders', name: { en: 'Borders', fr: 'Frontières' } },
  { id: 'towns', name: { en: 'Towns', fr: 'Villes' } },
] as const;

const LayerOut = z
  .object({ id: z.string(), name: z.object({ en: z.string(), fr: z.string() }) })
  .meta({ id: 'MapLayer' });

const LatestElementSetOut = z
  .object({
    satelliteId: z.string(),
    name: z.string(),
    epoch: z.string(),
    line1: z.string(),
    line2: z.string(),
  })
  .meta({ id: 'LatestElementSet' });

const LayerParams = z.strictObject({ id: z.string().min(1).max(100) });

interface CachedLayer {
  readonly body: string;
  /** The body gzipped once (regions are 160 kB, 25 kB compressed). */
  readonly gzipped: Buffer;
  readonly etag: string;
}

export const dashboardRoutes: RoutePlugin = async (app, { services }) => {
  const dir = join(BUNDLED_DATA_DIR, 'aoi');
  const cache = new Map<string, Promise<CachedLayer>>();
  const load = (id: string): Promise<CachedLayer> => {
    let entry = cache.get(id);
    if (!entry) {
      entry = readFile(join(dir, `${id}.geojson`), 'utf8').then((text) => {
        // Parse once to refuse a broken file loudly (and to drop insignificant whitespace).
        const body = JSON.stringify(JSON.parse(text));
        return {
          body,
          gzipped: gzipSync(body, { level: 9 }),
          etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
        };
      });
      entry.catch(() => cache.delete(id));
      cache.set(id, entry);
    }
    return entry;
  };

  app.get('/layers', {
    schema: {
      tags: ['dashboard'],
      summary: 'Bundled map layers (countries, regions, border strips, borders, towns)',
      response: { 200: z.array(LayerOut), ...COMMON_ERRORS },
    },
    handler: async () => BUNDLED_LAYERS.map((l) => ({ id: l.id, name: { ...l.name } })),
  });

  app.get('/layers/:id', {
    schema: {
      tags: ['dashboard'],
      summary: 'One bundled layer as a GeoJSON FeatureCollection (ETag; 304 when unchanged)',
      params: LayerParams,
    },
    handler: async (req, reply) => {
      if (!BUNDLED_LAYERS.some((l) => l.id === req.params.id)) throw notFound('layer');
      const layer = await load(req.params.id);
      void reply
        .header('etag', layer.etag)
        .header('cache-control', 'private, no-cache')
        .header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === layer.etag) return reply.code(304).send();
      void reply.type('application/geo+json; charset=utf-8');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
        return reply.header('content-encoding', 'gzip').send(layer.gzipped);
      return reply.send(layer.body);
    },
  });

  app.get('/element-sets/latest', {
    schema: {
      tags: ['dashboard'],
      summary: 'The newest element set of every satellite (for propagation in the browser)',
      response: { 200: z.array(LatestElementSetOut), ...COMMON_ERRORS },
    },
    handler: async () =>
      (await services.deps.store.catalogue.latestElementSets()).map((e) => ({
        satelliteId: e.satelliteId,
        name: e.name,
        epoch: formatIsoUtc(e.epochMs),
        line1: e.line1,
        line2: e.line2,
      })),
  });
};
