/**
 * Authentication of every API call: a bearer token (`Authorization: Bearer …`) or the session
 * cookie, both carrying the same session token. Routes marked `config: { public: true }` skip it.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, unauthenticated } from './errors.js';
import type { Caller } from './policy.js';
import type { AuthService } from './services/auth.js';

export const SESSION_COOKIE = 'sahelsat_session';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** No authentication (login, health, OpenAPI). */
    public?: boolean;
  }
}

/** The session token sent with a request, if any. */
export function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (m) return m[1]!;
  }
  const c = req.cookies?.[SESSION_COOKIE];
  return typeof c === 'string' && c !== '' ? c : null;
}

/** The authenticated caller of a route (the hook guarantees one on non-public routes). */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw unauthenticated();
  return req.caller;
}

export function installAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config?.public) return;
    if (!req.routeOptions.url) return; // unknown route: the not-found handler answers
    const token = tokenOf(req);
    if (!token) throw unauthenticated();
    const found = await auth.authenticate(token);
    if (!found) throw new ApiError(401, 'session-expired', 'error.session-expired');
    req.caller = found.caller;
  });
}
