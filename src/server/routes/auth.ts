/** Login, logout, the current user, password change, sessions. */
import type {} from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { callerOf, SESSION_COOKIE } from '../auth-hook.js';
import { ApiError } from '../errors.js';
import { sessionOut, userOut } from '../dto.js';
import { LoginBody, LoginOut, MeOut, PasswordChangeBody, SessionOut } from '../schemas/auth.js';
import { COMMON_ERRORS, ErrorBody, IdParams, Ok } from '../schemas/common.js';
import type { RoutePlugin } from './plugin.js';

export const authRoutes: RoutePlugin = async (app, { services, cookie, loginRateLimit }) => {
  const { auth, users } = services;

  app.post('/auth/login', {
    config: {
      public: true,
      rateLimit: {
        max: loginRateLimit.max,
        timeWindow: loginRateLimit.windowMs,
        hook: 'preHandler',
        // Per address and username: guessing one account's password is slow, and one
        // address cannot try many accounts quickly either (both keys count).
        keyGenerator: (req: FastifyRequest) =>
          `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) =>
          new ApiError(429, 'rate-limited', 'error.rate-limited', {
            seconds: Math.ceil(ctx.ttl / 1000),
          }),
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Log in: sets the session cookie and returns a bearer token',
      body: LoginBody,
      response: { 200: LoginOut, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (req, reply) => {
      const { token, session, user } = await auth.login(req.body.username, req.body.password, {
        userAgent: req.headers['user-agent'] ?? null,
        ip: req.ip,
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookie.secure,
        path: '/',
        expires: new Date(session.expiresAtMs),
      });
      return { token, expiresAt: new Date(session.expiresAtMs).toISOString(), user: userOut(user) };
    },
  });

  app.post('/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Revoke the current session',
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      await auth.revoke(caller, caller.sessionId, async () => false);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'The current user and session',
      response: { 200: MeOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      const user = await users.get(caller, caller.id);
      const session = (await auth.listSessions(caller)).find((s) => s.id === caller.sessionId)!;
      return { user: userOut(user), session: sessionOut(session, caller.sessionId) };
    },
  });

  app.post('/auth/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change one’s own password (other sessions are revoked)',
      body: PasswordChangeBody,
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      await users.changeOwnPassword(callerOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });

  app.get('/sessions', {
    schema: {
      tags: ['auth'],
      summary: 'One’s live sessions',
      response: { 200: z.array(SessionOut), ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return (await auth.listSessions(caller)).map((s) => sessionOut(s, caller.sessionId));
    },
  });

  app.delete('/sessions/:id', {
    schema: {
      tags: ['auth'],
      summary: 'Revoke a session (one’s own, or, for an admin, one of a user they manage)',
      params: IdParams,
      response: { 200: Ok, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      await auth.revoke(caller, req.params.id, (userId) => users.manages(caller, userId));
      return { ok: true as const };
    },
  });
};
