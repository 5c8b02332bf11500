/**
 * Telecom calculators (any authenticated role): link budgets, GEO antenna pointing, and
 * availability maps (a job; visible to the caller's nation, or to all when released so).
 */
import { z } from 'zod';
import { callerOf } from '../auth-hook.js';
import { requestLang } from '../errors.js';
import { COMMON_ERRORS, IdParams } from '../schemas/common.js';
import {
  AvailabilityMapBody,
  AvailabilityMapOut,
  GeoLookBody,
  GeoLookOut,
  LinkBudgetBody,
  LinkBudgetOut,
  MapPngQuery,
} from '../schemas/telecom.js';
import type { RoutePlugin } from './plugin.js';

export const telecomRoutes: RoutePlugin = async (app, { services: { telecom } }) => {
  app.post('/telecom/link', {
    schema: {
      tags: ['telecom'],
      summary:
        'GEO link budgets with ACM availability and throughput (body: the `sahelsat link budget` configuration without `maps`)',
      body: LinkBudgetBody,
      response: { 200: LinkBudgetOut, ...COMMON_ERRORS },
    },
    handler: async (req) => telecom.linkBudgets(req.body),
  });
  app.post('/telecom/geo-look', {
    schema: {
      tags: ['telecom'],
      summary: 'Azimuth, elevation, polarisation skew and range from a site to a GEO slot',
      body: GeoLookBody,
      response: { 200: GeoLookOut, ...COMMON_ERRORS },
    },
    handler: async (req) => telecom.look(req.body),
  });
  app.post('/telecom/availability-maps', {
    schema: {
      tags: ['telecom'],
      summary:
        'Start an availability map of a link (a job): its terminal moved over the three countries or a box; 202 with the job, then poll GET /telecom/availability-maps/:id',
      body: AvailabilityMapBody,
      response: { 202: AvailabilityMapOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(202).send(await telecom.startMap(callerOf(req), req.body, requestLang(req))),
  });
  app.get('/telecom/availability-maps/:id', {
    schema: {
      tags: ['telecom'],
      summary: 'An availability map: progress, then its summary, legend, bounds and file links',
      params: IdParams,
      response: { 200: AvailabilityMapOut, ...COMMON_ERRORS },
    },
    handler: async (req) => telecom.getMap(callerOf(req), req.params.id, requestLang(req)),
  });
  app.get('/telecom/availability-maps/:id/map.png', {
    schema: {
      tags: ['telecom'],
      summary:
        'The map as a PNG (one column per grid column; corners in the map’s `png.coordinates`); 409 until it is done',
      params: IdParams,
      querystring: MapPngQuery,
      response: { 200: z.unknown(), ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const p = await telecom.mapPng(callerOf(req), req.params.id, req.query.projection);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(p.png);
    },
  });
  app.get('/telecom/availability-maps/:id/map.geojson', {
    schema: {
      tags: ['telecom'],
      summary:
        'The sites as GeoJSON cells: availability_percent, margin_db (at the required availability), elevation_deg, visible',
      params: IdParams,
      response: { 200: z.string(), ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply
        .type('application/geo+json')
        .header(
          'content-disposition',
          `attachment; filename="availability-map-${req.params.id}.geojson"`,
        )
        .send(await telecom.mapGeoJson(callerOf(req), req.params.id)),
  });
};
