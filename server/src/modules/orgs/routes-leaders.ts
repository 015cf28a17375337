import {
  IdParamsSchema,
  LeaderCreateBodySchema,
  LeaderListQuerySchema,
  LeaderListSchema,
  LeaderPatchBodySchema,
  LeaderSchema,
} from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { STRUCTURE_READ_ROLES, STRUCTURE_WRITE_ROLES } from './policy';
import { createLeader, listLeadersPage, updateLeader } from './service-leaders';

const tags = ['orgs'];

/** 委领导 and their 分管. */
export async function leadersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/leaders',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'listLeaders', tags, summary: '委领导及分管', querystring: LeaderListQuerySchema, response: { 200: LeaderListSchema } },
    },
    async (req) => listLeadersPage(ctxOf(app, req), req.query.includeEnded),
  );

  r.post(
    '/api/v1/leaders',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: { operationId: 'createLeader', tags, summary: '新增委领导（同时建立人员信息）', body: LeaderCreateBodySchema, response: { 200: LeaderSchema } },
    },
    async (req) => createLeader(ctxOf(app, req), req.body),
  );

  r.patch(
    '/api/v1/leaders/:id',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'updateLeader',
        tags,
        summary: '修改委领导职务或结束任职',
        params: IdParamsSchema,
        body: LeaderPatchBodySchema,
        response: { 200: LeaderSchema },
      },
    },
    async (req) => updateLeader(ctxOf(app, req), req.params.id, req.body),
  );
}
