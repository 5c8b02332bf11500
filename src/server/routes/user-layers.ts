/**
 * Map layers imported by users (`/imported-layers`): import a GeoJSON or KML file, list, read
 * the features (as imported, or simplified for drawing), rename, recolour, re-release, delete.
 * Apart from the bundled layers of `/layers` (dashboard.ts), which carry no nation restriction.
 */
import { z } from 'zod';
import { callerOf } from '../auth-hook.js';
import { userLayerOut } from '../dto.js';
import { requestLang } from '../errors.js';
import { COMMON_ERRORS, ErrorBody, IdParams, Ok } from '../schemas/common.js';
import {
  NewUserLayerBody,
  UserLayerFeaturesQuery,
  UserLayerOut,
  UserLayerPatchBody,
} from '../schemas/user-layers.js';
import type { RoutePlugin } from './plugin.js';

export const userLayerRoutes: RoutePlugin = async (app, { services: { userLayers }, limits }) => {
  app.get('/imported-layers', {
    schema: {
      tags: ['layers'],
      summary: 'Layers imported by users and visible to the caller (oldest first)',
      response: { 200: z.object({ items: z.array(UserLayerOut) }), ...COMMON_ERRORS },
    },
    handler: async (req) => ({
      items: (await userLayers.list(callerOf(req))).map(userLayerOut),
    }),
  });
  app.post('/imported-layers', {
    bodyLimit: limits.layerBodyBytes,
    schema: {
      tags: ['layers'],
      summary:
        'Import a layer from a GeoJSON or KML file (analysts, operators, admins; owned by the caller’s nation). Problems are listed with the path in the file (`body.text.features[12].geometry.coordinates[3]`) and its line.',
      body: NewUserLayerBody,
      response: { 201: UserLayerOut, 413: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(userLayerOut(await userLayers.import(callerOf(req), req.body, requestLang(req)))),
  });
  app.get('/imported-layers/:id', {
    schema: {
      tags: ['layers'],
      summary: 'One imported layer (metadata)',
      params: IdParams,
      response: { 200: UserLayerOut, ...COMMON_ERRORS },
    },
    handler: async (req) => userLayerOut(await userLayers.get(callerOf(req), req.params.id)),
  });
  app.get('/imported-layers/:id/features', {
    schema: {
      tags: ['layers'],
      summary:
        'The layer’s features as a GeoJSON FeatureCollection: as imported, or `?for=display` for a copy simplified for drawing (the original when small)',
      params: IdParams,
      querystring: UserLayerFeaturesQuery,
      produces: ['application/geo+json'],
    },
    handler: async (req, reply) => {
      const text = await userLayers.features(callerOf(req), req.params.id, req.query.for);
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .send(text);
    },
  });
  app.patch('/imported-layers/:id', {
    schema: {
      tags: ['layers'],
      summary: 'Rename, recolour or re-release a layer (its nation’s analysts, operators, admins)',
      params: IdParams,
      body: UserLayerPatchBody,
      response: { 200: UserLayerOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      userLayerOut(await userLayers.update(callerOf(req), req.params.id, req.body)),
  });
  app.delete('/imported-layers/:id', {
    schema: {
      tags: ['layers'],
      summary: 'Delete a layer (its nation’s analysts, operators, admins)',
      params: IdParams,
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      await userLayers.remove(callerOf(req), req.params.id);
      return { ok: true as const };
    },
  });
};
