/** Imaging requests and their lifecycle. */
import { callerOf } from '../auth-hook.js';
import { requestEventOut, requestOut } from '../dto.js';
import { COMMON_ERRORS } from '../schemas/common.js';
import {
  NewRequestBody,
  RequestIdParams,
  RequestListOut,
  RequestListQuery,
  RequestOut,
  RequestPatchBody,
  RequestSummaryOut,
  RequestWithHistoryOut,
  TransitionBody,
} from '../schemas/requests.js';
import type { RoutePlugin } from './plugin.js';

export const requestRoutes: RoutePlugin = async (app, { services: { requests } }) => {
  app.get('/requests', {
    schema: {
      tags: ['requests'],
      summary: 'Requests visible to the caller (newest first), with the total count of matches',
      querystring: RequestListQuery,
      response: { 200: RequestListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const q = req.query;
      const bbox = q.bbox?.split(',').map(Number);
      const page = await requests.list(callerOf(req), {
        limit: q.limit,
        offset: q.offset,
        ...(q.status ? { status: q.status } : {}),
        ...(q.nation ? { ownerNation: q.nation } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(bbox
          ? { bbox: { minLon: bbox[0]!, minLat: bbox[1]!, maxLon: bbox[2]!, maxLat: bbox[3]! } }
          : {}),
      });
      return { items: page.items.map(requestOut), total: page.total };
    },
  });
  app.get('/requests/summary', {
    schema: {
      tags: ['requests'],
      summary: 'Counts of visible requests by status',
      response: { 200: RequestSummaryOut, ...COMMON_ERRORS },
    },
    handler: (req) => requests.summary(callerOf(req)),
  });
  app.post('/requests', {
    schema: {
      tags: ['requests'],
      summary: 'Create a request (a draft owned by the caller’s nation)',
      body: NewRequestBody,
      response: { 201: RequestOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(requestOut(await requests.create(callerOf(req), req.body))),
  });
  app.get('/requests/:id', {
    schema: {
      tags: ['requests'],
      summary: 'A request with its status history',
      params: RequestIdParams,
      response: { 200: RequestWithHistoryOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const { request, history } = await requests.get(callerOf(req), req.params.id);
      return { ...requestOut(request), history: history.map(requestEventOut) };
    },
  });
  app.patch('/requests/:id', {
    schema: {
      tags: ['requests'],
      summary: 'Edit a draft',
      params: RequestIdParams,
      body: RequestPatchBody,
      response: { 200: RequestOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      requestOut(await requests.update(callerOf(req), req.params.id, req.body)),
  });
  app.post('/requests/:id/transitions', {
    schema: {
      tags: ['requests'],
      summary:
        'Move a request along its lifecycle (draft → submitted → feasible | infeasible → planned → acquired → delivered; cancelled, failed)',
      params: RequestIdParams,
      body: TransitionBody,
      response: { 200: RequestOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      requestOut(
        await requests.transition(
          callerOf(req),
          req.params.id,
          req.body.to,
          req.body.reason ?? null,
        ),
      ),
  });
};
