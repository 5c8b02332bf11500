/** Alert rules, alerts (JSON and CAP 1.2 XML) and the alert feeds (Atom, JSON Feed). */
import { requestLang } from '../errors.js';
import { callerOf } from '../auth-hook.js';
import { alertOut, alertRuleOut } from '../alerts-dto.js';
import {
  AlertListOut,
  AlertListQuery,
  AlertOut,
  AlertRuleBody,
  AlertRuleListOut,
  AlertRuleOut,
  AlertRulePatchBody,
  FeedQuery,
  ManualAlertBody,
} from '../schemas/alerts.js';
import { COMMON_ERRORS, IdParams, Ok } from '../schemas/common.js';
import type { RoutePlugin } from './plugin.js';

export const alertRoutes: RoutePlugin = async (app, { services: { alerts } }) => {
  app.get('/alert-rules', {
    schema: {
      tags: ['alerts'],
      summary: 'Alert rules visible to the caller',
      response: { 200: AlertRuleListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const page = await alerts.listRules(callerOf(req));
      return { items: page.items.map(alertRuleOut), total: page.total };
    },
  });
  app.post('/alert-rules', {
    schema: {
      tags: ['alerts'],
      summary:
        'Create a rule (flood-area: region or AOI, thresholdKm2, rising; new-product: aoiId; request-outcome: delivered | failed)',
      body: AlertRuleBody,
      response: { 201: AlertRuleOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(alertRuleOut(await alerts.createRule(callerOf(req), req.body))),
  });
  app.patch('/alert-rules/:id', {
    schema: {
      tags: ['alerts'],
      summary: 'Change a rule of the caller’s nation',
      params: IdParams,
      body: AlertRulePatchBody,
      response: { 200: AlertRuleOut, ...COMMON_ERRORS },
    },
    handler: async (req) =>
      alertRuleOut(await alerts.updateRule(callerOf(req), req.params.id, req.body)),
  });
  app.delete('/alert-rules/:id', {
    schema: {
      tags: ['alerts'],
      summary: 'Delete a rule of the caller’s nation',
      params: IdParams,
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      await alerts.deleteRule(callerOf(req), req.params.id);
      return { ok: true as const };
    },
  });

  app.get('/alerts', {
    schema: {
      tags: ['alerts'],
      summary: 'Alerts visible to the caller, newest first (?since=ISO)',
      querystring: AlertListQuery,
      response: { 200: AlertListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const q = req.query;
      const page = await alerts.list(callerOf(req), {
        limit: q.limit,
        offset: q.offset,
        ...(q.since ? { since: q.since } : {}),
      });
      return { items: page.items.map(alertOut), total: page.total };
    },
  });
  app.post('/alerts', {
    schema: {
      tags: ['alerts'],
      summary: 'Issue a manual alert (owned by the caller’s nation)',
      body: ManualAlertBody,
      response: { 201: AlertOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(alertOut(await alerts.createManual(callerOf(req), req.body))),
  });
  const baseUrl = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;
  app.get('/alerts/feed.xml', {
    schema: {
      tags: ['alerts'],
      summary: 'Atom feed of the visible alerts, each entry carrying its CAP 1.2 document',
      querystring: FeedQuery,
      produces: ['application/atom+xml'],
    },
    handler: async (req, reply) => {
      const xml = await alerts.feed(callerOf(req), 'atom', {
        ...(req.query.since ? { since: req.query.since } : {}),
        limit: req.query.limit,
        lang: requestLang(req),
        baseUrl: baseUrl(req),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  });
  app.get('/alerts/feed.json', {
    schema: {
      tags: ['alerts'],
      summary: 'JSON Feed 1.1 of the visible alerts (each item’s alert under _sahelsat)',
      querystring: FeedQuery,
    },
    handler: async (req, reply) => {
      const feed = await alerts.feed(callerOf(req), 'json', {
        ...(req.query.since ? { since: req.query.since } : {}),
        limit: req.query.limit,
        lang: requestLang(req),
        baseUrl: baseUrl(req),
      });
      return reply.type('application/feed+json; charset=utf-8').send(JSON.stringify(feed));
    },
  });
  app.get('/alerts/:id', {
    schema: {
      tags: ['alerts'],
      summary: 'An alert',
      params: IdParams,
      response: { 200: AlertOut, ...COMMON_ERRORS },
    },
    handler: async (req) => alertOut(await alerts.get(callerOf(req), req.params.id)),
  });
  app.get('/alerts/:id/cap.xml', {
    schema: {
      tags: ['alerts'],
      summary: 'An alert as CAP 1.2 XML (one info block per language: en, fr)',
      params: IdParams,
      produces: ['application/cap+xml'],
    },
    handler: async (req, reply) =>
      reply
        .type('application/cap+xml; charset=utf-8')
        .send(alerts.cap(await alerts.get(callerOf(req), req.params.id))),
  });
};
