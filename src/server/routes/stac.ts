/**
 * The STAC API at /stac: landing page, conformance, queryables, collections, items (OGC API
 * Features) and item search (GET and POST). Same authentication as /api/v1; errors in the STAC
 * exception shape `{code, description}`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { SahelsatError, ValidationError } from '../../core/errors.js';
import { callerOf, installAuthentication } from '../auth-hook.js';
import { ApiError, requestLang } from '../errors.js';
import { serverMessages } from '../messages.js';
import { urlsOf } from '../stac/documents.js';
import { StacError } from '../stac/errors.js';
import type { RoutePlugin } from './plugin.js';

const GEOJSON = 'application/geo+json';

type Params = { collectionId: string; itemId: string };

export const stacRoutes: RoutePlugin = async (app, { services }) => {
  const { stac } = services;
  installAuthentication(app, services.auth);
  await stac.installCollections();
  app.setErrorHandler((err: FastifyError, req, reply) => stacError(err, req, reply));

  const urls = (req: FastifyRequest) => urlsOf(`${req.protocol}://${req.host}`);
  const tags = ['stac'];

  app.get('/', { schema: { tags, summary: 'STAC landing page' } }, async (req) =>
    stac.landing(urls(req)),
  );
  app.get(
    '/api',
    { schema: { tags, summary: 'The OpenAPI document (service-desc)' } },
    (_req, reply) => reply.type('application/vnd.oai.openapi+json;version=3.1').send(app.swagger()),
  );
  app.get('/conformance', { schema: { tags, summary: 'Conformance classes' } }, async () =>
    stac.conformance(),
  );
  app.get(
    '/queryables',
    { schema: { tags, summary: 'Queryables of the catalogue' } },
    (req, reply) =>
      stac.queryables(urls(req)).then((q) => reply.type('application/schema+json').send(q)),
  );
  app.get('/collections', { schema: { tags, summary: 'Collections' } }, async (req) =>
    stac.collections(urls(req), callerOf(req)),
  );
  app.get<{ Params: Pick<Params, 'collectionId'> }>(
    '/collections/:collectionId',
    { schema: { tags, summary: 'A collection (extent of the items the caller may see)' } },
    async (req) => stac.collection(urls(req), callerOf(req), req.params.collectionId),
  );
  app.get<{ Params: Pick<Params, 'collectionId'> }>(
    '/collections/:collectionId/queryables',
    { schema: { tags, summary: 'Queryables of a collection' } },
    (req, reply) =>
      stac
        .queryables(urls(req), req.params.collectionId)
        .then((q) => reply.type('application/schema+json').send(q)),
  );
  app.get<{ Params: Pick<Params, 'collectionId'>; Querystring: Record<string, unknown> }>(
    '/collections/:collectionId/items',
    {
      schema: {
        tags,
        summary:
          'Items of a collection: bbox, datetime, limit, token, sortby, filter (CQL2-JSON) as in /search',
      },
    },
    async (req, reply) =>
      reply
        .type(GEOJSON)
        .send(await stac.items(urls(req), callerOf(req), req.params.collectionId, req.query)),
  );
  app.get<{ Params: Params }>(
    '/collections/:collectionId/items/:itemId',
    { schema: { tags, summary: 'An item' } },
    async (req, reply) =>
      reply
        .type(GEOJSON)
        .send(
          await stac.item(urls(req), callerOf(req), req.params.collectionId, req.params.itemId),
        ),
  );
  app.get<{ Querystring: Record<string, unknown> }>(
    '/search',
    {
      schema: {
        tags,
        summary:
          'Item search: collections, ids, bbox, intersects (GeoJSON), datetime (instant or interval, open ends ..), limit, token, sortby (+field,-field), filter (CQL2-JSON with filter-lang=cql2-json)',
      },
    },
    async (req, reply) =>
      reply.type(GEOJSON).send(await stac.searchGet(urls(req), callerOf(req), req.query)),
  );
  app.post(
    '/search',
    {
      schema: {
        tags,
        summary:
          'Item search with a JSON body: collections, ids, bbox, intersects, datetime, limit, token, sortby [{field, direction}], filter (CQL2-JSON)',
      },
    },
    async (req, reply) =>
      reply.type(GEOJSON).send(await stac.searchPost(urls(req), callerOf(req), req.body)),
  );
};

function stacError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = requestLang(req);
  const send = (status: number, code: string, description: string) =>
    reply.code(status).type('application/json').send({ code, description });
  if (err instanceof StacError) return send(err.status, err.code, err.describe(lang));
  if (err instanceof ApiError)
    return send(err.status, err.code, serverMessages(lang, err.key, err.vars));
  if (err instanceof ValidationError) return send(400, err.code, err.message);
  if (hasZodFastifySchemaValidationErrors(err))
    return send(400, 'InvalidParameterValue', err.message);
  if (
    err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (err.name === 'SyntaxError' && err.statusCode === 400)
  )
    return send(400, 'BadRequest', serverMessages(lang, 'error.bad-json'));
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return send(
      415,
      'UnsupportedMediaType',
      serverMessages(lang, 'error.unsupported-media', {
        type: String(req.headers['content-type'] ?? ''),
      }),
    );
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
    return send(err.statusCode, err.code ?? 'BadRequest', err.message);
  if (err instanceof SahelsatError) return send(400, err.code, err.message);
  req.log.error({ err }, 'unexpected error in the STAC API');
  return send(500, 'ServerError', serverMessages(lang, 'error.internal', { ref: 'stac' }));
}
