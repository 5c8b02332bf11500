/** Plans (versioned) and acquisitions. */
import { z } from 'zod';
import { parseIsoUtc } from '../../core/time.js';
import { callerOf } from '../auth-hook.js';
import { acquisitionOut, planOut, planVersionOut } from '../dto.js';
import { COMMON_ERRORS, IdParams } from '../schemas/common.js';
import {
  AcquisitionListQuery,
  AcquisitionOut,
  AcquisitionStatusBody,
  NewPlanBody,
  PlanDetailOut,
  PlanOut,
  PlanVersionBody,
  PlanVersionOut,
  PlanVersionParams,
} from '../schemas/plans.js';
import type { Viewer } from '../../store/index.js';
import type { RoutePlugin } from './plugin.js';

export const planRoutes: RoutePlugin = async (app, { services: { plans } }) => {
  const detail = (d: Awaited<ReturnType<typeof plans.get>>, viewer: Viewer) => ({
    ...planOut(d.plan),
    version: planVersionOut(d.version, viewer),
    acquisitions: d.acquisitions.map(acquisitionOut),
  });

  app.get('/plans', {
    schema: {
      tags: ['plans'],
      summary: 'Plans, most recently changed first',
      response: { 200: z.array(PlanOut), ...COMMON_ERRORS },
    },
    handler: async () => (await plans.list()).map(planOut),
  });
  app.post('/plans', {
    schema: {
      tags: ['plans'],
      summary: 'Create a plan with its first version',
      body: NewPlanBody,
      response: { 201: PlanDetailOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      const p = await plans.create(caller, req.body);
      return reply.code(201).send(detail(await plans.get(caller, p.id), caller));
    },
  });
  app.get('/plans/:id', {
    schema: {
      tags: ['plans'],
      summary: 'A plan at its latest version, with the acquisitions the caller may see',
      params: IdParams,
      response: { 200: PlanDetailOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return detail(await plans.get(caller, req.params.id), caller);
    },
  });
  app.get('/plans/:id/versions', {
    schema: {
      tags: ['plans'],
      summary: 'The version history of a plan (who, when, why)',
      params: IdParams,
      response: { 200: z.array(PlanVersionOut), ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return (await plans.versions(req.params.id)).map((v) => planVersionOut(v, caller));
    },
  });
  app.post('/plans/:id/versions', {
    schema: {
      tags: ['plans'],
      summary: 'Add a version to a plan',
      params: IdParams,
      body: PlanVersionBody,
      response: { 201: PlanDetailOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      const p = await plans.addVersion(caller, req.params.id, req.body);
      return reply.code(201).send(detail(await plans.get(caller, p.id), caller));
    },
  });
  app.get('/plans/:id/versions/:version', {
    schema: {
      tags: ['plans'],
      summary: 'A plan at one version',
      params: PlanVersionParams,
      response: { 200: PlanDetailOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return detail(await plans.get(caller, req.params.id, req.params.version), caller);
    },
  });

  app.get('/acquisitions', {
    schema: {
      tags: ['plans'],
      summary: 'Acquisitions visible to the caller, by start time',
      querystring: AcquisitionListQuery,
      response: {
        200: z.object({ items: z.array(AcquisitionOut), total: z.number().int() }),
        ...COMMON_ERRORS,
      },
    },
    handler: async (req) => {
      const q = req.query;
      const page = await plans.listAcquisitions(callerOf(req), {
        limit: q.limit,
        offset: q.offset,
        ...(q.plan ? { planId: q.plan } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.request ? { requestId: q.request } : {}),
        ...(q.from ? { fromMs: parseIsoUtc(q.from, 'query.from') } : {}),
        ...(q.to ? { toMs: parseIsoUtc(q.to, 'query.to') } : {}),
      });
      return { items: page.items.map(acquisitionOut), total: page.total };
    },
  });
  app.get('/acquisitions/:id', {
    schema: {
      tags: ['plans'],
      summary: 'An acquisition',
      params: IdParams,
      response: { 200: AcquisitionOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      acquisitionOut(await plans.getAcquisition(callerOf(req), req.params.id)),
  });
  app.post('/acquisitions/:id/status', {
    schema: {
      tags: ['plans'],
      summary:
        'Record an acquisition’s outcome (acquired, delivered, failed, cancelled); its request follows',
      params: IdParams,
      body: AcquisitionStatusBody,
      response: { 200: AcquisitionOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      acquisitionOut(
        await plans.setAcquisitionStatus(
          callerOf(req),
          req.params.id,
          req.body.status,
          req.body.reason ?? null,
        ),
      ),
  });
};
