import { type Dashboard, DashboardQuerySchema, DashboardSchema, SearchQuerySchema, SearchResultSchema } from '@liandong/domain/casework/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { currentYear } from '../../platform/zone';
import { dashboardJson } from './cache';
import { searchCasework } from './search';
import { SEARCH_ROLES, DASHBOARD_ROLES } from '@liandong/domain/access/role-sets';
export { SEARCH_ROLES, DASHBOARD_ROLES };

const tags = ['casework'];

/** 全文检索 and the 线索案件 dashboard (docs/clues-cases-api.md, "Around them"). */
export async function caseworkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/casework/search',
    {
      config: { access: { roles: SEARCH_ROLES } },
      schema: {
        operationId: 'searchCasework',
        tags,
        summary: '全文检索问题线索和案件',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema },
      },
    },
    async (req) => searchCasework(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/casework/dashboard',
    {
      config: { access: { roles: DASHBOARD_ROLES } },
      schema: {
        operationId: 'getCaseworkDashboard',
        tags,
        summary: '线索案件统计',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    // Sent pre-serialised (validated against DashboardSchema when cached): Fastify does not re-serialise a string.
    async (req, reply) => {
      const year = req.query.year ?? currentYear();
      const json = await dashboardJson(ctxOf(app, req), { year, orgId: req.query.orgId ?? null });
      return reply.type('application/json; charset=utf-8').send(json as unknown as Dashboard);
    },
  );
}
