/** Feasibility (drafts and stored requests) and emergency repair of a plan. */
import { callerOf } from '../auth-hook.js';
import { requestLang } from '../errors.js';
import { feasibilityAnswer } from '../planning/feasibility-answer.js';
import { planOut, acquisitionOut, planVersionOut } from '../dto.js';
import { COMMON_ERRORS, ErrorBody, IdParams } from '../schemas/common.js';
import { PlanDetailOut } from '../schemas/plans.js';
import { EmergencyBody, FeasibilityBody, FeasibilityOut } from '../schemas/planning.js';
import type { RoutePlugin } from './plugin.js';

export const planningRoutes: RoutePlugin = async (app, { services: { planning, plans } }) => {
  app.post('/feasibility', {
    schema: {
      tags: ['planning'],
      summary:
        'Feasibility of a request being written (before it is submitted): a verdict sentence, the earliest acquisition and delivery and what sets them, or why it is infeasible; per-satellite limits as secondary detail; its access opportunities',
      body: FeasibilityBody,
      response: { 200: FeasibilityOut, 503: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      feasibilityAnswer(await planning.draftFeasibility(callerOf(req), req.body), requestLang(req)),
  });
  app.get('/requests/:id/feasibility', {
    schema: {
      tags: ['planning'],
      summary: 'Feasibility of a stored request, over its window from now on',
      params: IdParams,
      response: { 200: FeasibilityOut, 503: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      feasibilityAnswer(
        await planning.requestFeasibility(callerOf(req), req.params.id),
        requestLang(req),
      ),
  });
  app.post('/plans/:id/emergency', {
    schema: {
      tags: ['planning'],
      summary:
        'Insert an urgent request into the plan’s current version and repair it within seconds; the new version’s details list what was displaced',
      params: IdParams,
      body: EmergencyBody,
      response: { 201: PlanDetailOut, 503: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      const done = await planning.emergency(caller, req.params.id, req.body);
      const d = await plans.get(caller, done.planId, done.version);
      return reply.code(201).send({
        ...planOut(d.plan),
        version: planVersionOut(d.version, caller),
        acquisitions: d.acquisitions.map(acquisitionOut),
      });
    },
  });
};
