/** Telecom calculators (any authenticated role): link budgets and GEO antenna pointing. */
import { COMMON_ERRORS } from '../schemas/common.js';
import { GeoLookBody, GeoLookOut, LinkBudgetBody, LinkBudgetOut } from '../schemas/telecom.js';
import type { RoutePlugin } from './plugin.js';

export const telecomRoutes: RoutePlugin = async (app, { services: { telecom } }) => {
  app.post('/telecom/link', {
    schema: {
      tags: ['telecom'],
      summary:
        'GEO link budgets with ACM availability and throughput (body: the `sahelsat link budget` configuration without `maps`)',
      body: LinkBudgetBody,
      response: { 200: LinkBudgetOut, ...COMMON_ERRORS },
    },
    handler: async (req) => telecom.linkBudgets(req.body),
  });
  app.post('/telecom/geo-look', {
    schema: {
      tags: ['telecom'],
      summary: 'Azimuth, elevation, polarisation skew and range from a site to a GEO slot',
      body: GeoLookBody,
      response: { 200: GeoLookOut, ...COMMON_ERRORS },
    },
    handler: async (req) => telecom.look(req.body),
  });
};
