import type { Role } from '@liandong/domain/access/enums';
import { type Dashboard, DashboardQuerySchema, DashboardSchema, SearchQuerySchema, SearchResultSchema } from '@liandong/domain/casework/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { currentYear } from '../../platform/zone';
import { CASE_READ_ROLES, CLUE_READ_ROLES } from '../visibility';
import { dashboardJson } from './cache';
import { DASHBOARD_WIDE_ROLES } from './dashboard';
import { searchCasework } from './search';

const tags = ['casework'];

/** Who may search: anyone who reads clues or cases (each hit still passes its visibility predicate). */
export const SEARCH_ROLES: readonly Role[] = [...new Set<Role>([...CLUE_READ_ROLES, ...CASE_READ_ROLES])];
/** Who may open the dashboard: the readers, plus the standing committee (aggregates only). */
export const DASHBOARD_ROLES: readonly Role[] = [...new Set<Role>([...SEARCH_ROLES, ...DASHBOARD_WIDE_ROLES])];

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
