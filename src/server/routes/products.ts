/** Imagery products: publish, list, read, geometry, statistics as CSV. */
import { z } from 'zod';
import { parseIsoUtc } from '../../core/time.js';
import { callerOf } from '../auth-hook.js';
import { COMMON_ERRORS, ErrorBody, IdParams } from '../schemas/common.js';
import {
  NewProductBody,
  ProductListOut,
  ProductListQuery,
  ProductOut,
} from '../schemas/products.js';
import { productOut } from '../services/products.js';
import type { RoutePlugin } from './plugin.js';

export const productRoutes: RoutePlugin = async (app, { services: { products }, limits }) => {
  app.post('/products', {
    bodyLimit: limits.importBodyBytes,
    schema: {
      tags: ['products'],
      summary:
        'Publish a flood or change product (WGS-84 polygons): statistics per region, AOI and town are computed, compared with the previous product of the same type over the same area, and the product becomes a STAC item',
      body: NewProductBody,
      response: { 201: ProductOut, 413: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(productOut(await products.create(callerOf(req), req.body))),
  });
  app.get('/products', {
    schema: {
      tags: ['products'],
      summary: 'Products visible to the caller, newest first',
      querystring: ProductListQuery,
      response: { 200: ProductListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const q = req.query;
      const b = q.bbox?.split(',').map(Number);
      const page = await products.list(callerOf(req), {
        ...(q.type ? { type: q.type } : {}),
        ...(q.since ? { sinceMs: parseIsoUtc(q.since, 'query.since') } : {}),
        ...(b ? { bbox: { minLon: b[0]!, minLat: b[1]!, maxLon: b[2]!, maxLat: b[3]! } } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      return { items: page.items.map(productOut), total: page.total };
    },
  });
  app.get('/products/:id', {
    schema: {
      tags: ['products'],
      summary: 'A product with its statistics',
      params: IdParams,
      response: { 200: ProductOut, ...COMMON_ERRORS },
    },
    handler: async (req) => productOut(await products.get(callerOf(req), req.params.id)),
  });
  app.get('/products/:id/geometry', {
    schema: {
      tags: ['products'],
      summary: 'The product polygons as a GeoJSON FeatureCollection (WGS-84)',
      params: IdParams,
      response: { 200: z.unknown(), ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const g = await products.geometry(callerOf(req), req.params.id);
      return reply.type('application/geo+json').send(JSON.stringify(g) as never);
    },
  });
  app.get('/products/:id/stats.csv', {
    schema: {
      tags: ['products'],
      summary:
        'Statistics as CSV: kind (total, region, aoi, town), id, name, nation, area_km2, zone_area_km2, share, previous_area_km2, population, latitude_deg, longitude_deg, distance_km, inside',
      params: IdParams,
      response: { 200: z.string(), ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const csv = await products.statsCsv(callerOf(req), req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="product-${req.params.id}-stats.csv"`)
        .send(csv);
    },
  });
};
