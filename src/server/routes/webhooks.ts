/** Webhooks of the caller's nation and their deliveries. */
import { callerOf } from '../auth-hook.js';
import { deliveryOut, webhookOut } from '../alerts-dto.js';
import { DeliveryListOut, WebhookBody, WebhookListOut, WebhookOut } from '../schemas/alerts.js';
import { COMMON_ERRORS, IdParams, Ok, Page } from '../schemas/common.js';
import type { RoutePlugin } from './plugin.js';

export const webhookRoutes: RoutePlugin = async (app, { services: { webhooks } }) => {
  app.get('/webhooks', {
    schema: {
      tags: ['alerts'],
      summary: 'Webhooks of the caller’s nation (secrets are never shown)',
      response: { 200: WebhookListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const page = await webhooks.list(callerOf(req));
      return { items: page.items.map(webhookOut), total: page.total };
    },
  });
  app.post('/webhooks', {
    schema: {
      tags: ['alerts'],
      summary:
        'Register a webhook: every alert the nation may see is POSTed to it, signed (X-Sahelsat-Signature: sha256=HMAC of the body), with retries',
      body: WebhookBody,
      response: { 201: WebhookOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(webhookOut(await webhooks.create(callerOf(req), req.body))),
  });
  app.delete('/webhooks/:id', {
    schema: {
      tags: ['alerts'],
      summary: 'Remove a webhook and its deliveries',
      params: IdParams,
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      await webhooks.remove(callerOf(req), req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/webhooks/:id/deliveries', {
    schema: {
      tags: ['alerts'],
      summary: 'Deliveries of a webhook, newest first: status, attempts, next attempt, last error',
      params: IdParams,
      querystring: Page,
      response: { 200: DeliveryListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const page = await webhooks.deliveries(callerOf(req), req.params.id, req.query);
      return { items: page.items.map(deliveryOut), total: page.total };
    },
  });
};
