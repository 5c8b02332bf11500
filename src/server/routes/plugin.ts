/** What every route plugin receives. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../services/index.js';

export interface RouteOptions {
  readonly services: Services;
  readonly limits: { readonly importBodyBytes: number; readonly layerBodyBytes: number };
  readonly cookie: { readonly secure: boolean };
  readonly loginRateLimit: { readonly max: number; readonly windowMs: number };
}

export type RoutePlugin = FastifyPluginAsyncZod<RouteOptions>;
