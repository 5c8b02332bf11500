/** Jobs, the audit log, settings, health. */
import { callerOf } from '../auth-hook.js';
import { auditOut, jobOut } from '../dto.js';
import { requirePermission } from '../policy.js';
import { COMMON_ERRORS, IdParams } from '../schemas/common.js';
import {
  AuditOut,
  AuditQuery,
  AuditVerifyOut,
  HealthOut,
  JobListOut,
  JobListQuery,
  JobOut,
  NewJobBody,
  Settings,
} from '../schemas/ops.js';
import { z } from 'zod';
import type { RoutePlugin } from './plugin.js';

export const VERSION = '0.1.0';

export const opsRoutes: RoutePlugin = async (app, { services }) => {
  const { jobs, settings, deps } = services;

  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['ops'],
      summary: 'Liveness (no authentication)',
      response: { 200: HealthOut },
    },
    handler: async () => ({ status: 'ok' as const, version: VERSION, storage: deps.store.dialect }),
  });

  app.get('/jobs', {
    schema: {
      tags: ['jobs'],
      summary: 'Jobs visible to the caller, newest first',
      querystring: JobListQuery,
      response: { 200: JobListOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const q = req.query;
      const page = await jobs.list(callerOf(req), {
        limit: q.limit,
        offset: q.offset,
        ...(q.status ? { status: q.status } : {}),
        ...(q.type ? { type: q.type } : {}),
      });
      return { items: page.items.map(jobOut), total: page.total };
    },
  });
  app.post('/jobs', {
    schema: {
      tags: ['jobs'],
      summary: 'Queue a job (types: passes, ephemeris; planning and processing as they land)',
      body: NewJobBody,
      response: { 202: JobOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(202).send(jobOut(await jobs.create(callerOf(req), req.body))),
  });
  app.get('/jobs/:id', {
    schema: {
      tags: ['jobs'],
      summary: 'A job: status, progress, result or error',
      params: IdParams,
      response: { 200: JobOut, ...COMMON_ERRORS },
    },
    handler: async (req) => jobOut(await jobs.get(callerOf(req), req.params.id)),
  });
  app.post('/jobs/:id/cancel', {
    schema: {
      tags: ['jobs'],
      summary: 'Cancel a queued or running job',
      params: IdParams,
      response: { 200: JobOut, ...COMMON_ERRORS },
    },
    handler: async (req) => jobOut(await jobs.cancel(callerOf(req), req.params.id)),
  });

  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first (admins)',
      querystring: AuditQuery,
      response: { 200: z.array(AuditOut), ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      requirePermission(caller, 'read the audit log');
      const q = req.query;
      const rows = await deps.store.audit.list(caller, {
        limit: q.limit,
        ...(q.entityType ? { entityType: q.entityType } : {}),
        ...(q.entityId ? { entityId: q.entityId } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
      });
      return rows.map(auditOut);
    },
  });
  app.get('/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Recompute the hash chain of the whole log (admins)',
      response: { 200: AuditVerifyOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      requirePermission(callerOf(req), 'read the audit log');
      return deps.store.audit.verify();
    },
  });

  app.get('/settings', {
    schema: {
      tags: ['ops'],
      summary: 'Server settings',
      response: { 200: Settings, ...COMMON_ERRORS },
    },
    handler: () => settings.get(),
  });
  app.put('/settings', {
    schema: {
      tags: ['ops'],
      summary: 'Change server settings (admins)',
      body: Settings,
      response: { 200: Settings, ...COMMON_ERRORS },
    },
    handler: async (req) => settings.update(callerOf(req), req.body),
  });
};
