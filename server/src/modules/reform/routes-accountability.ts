import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  AccountabilityCreateBodySchema,
  AccountabilityPageSchema,
  AccountabilityPatchBodySchema,
  AccountabilityQuerySchema,
  AccountabilitySchema,
  AccountabilityStatsQuerySchema,
  AccountabilityStatsSchema,
} from '@liandong/domain/reform/contracts-reform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { XLSX } from '../../platform/excel';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportAccountabilities } from './excel';
import { REFORM_CREATE_ROLES } from './policy';
import { accountabilityStats, createAccountability, getAccountability, listAccountabilities, patchAccountability } from './service-accountability';
import { REFORM_STAFF_ROLES } from '../visibility';

const tags = ['reform'];
const { collection, object } = routeAccess(REFORM_STAFF_ROLES);

/** 追责问责 (问责条例): ledger, stats, export, create, detail, change. */
export async function accountabilityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/accountabilities',
    {
      config: collection,
      schema: {
        operationId: 'listAccountabilities',
        tags,
        summary: '问责台账',
        querystring: AccountabilityQuerySchema,
        response: { 200: AccountabilityPageSchema },
      },
    },
    async (req) => listAccountabilities(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/accountabilities/stats',
    {
      config: collection,
      schema: {
        operationId: 'accountabilityStats',
        tags,
        summary: '问责统计（按方式、对象）',
        querystring: AccountabilityStatsQuerySchema,
        response: { 200: AccountabilityStatsSchema },
      },
    },
    async (req) => accountabilityStats(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/accountabilities/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportAccountabilities', tags, summary: '导出问责台账（Excel，带导出人水印，留痕）', querystring: AccountabilityQuerySchema },
    },
    async (req, reply) => sendFile(reply, '问责台账.xlsx', XLSX, await exportAccountabilities(ctxOf(app, req), req.query)),
  );

  r.post(
    '/api/v1/accountabilities',
    {
      config: { access: { roles: REFORM_CREATE_ROLES } },
      schema: { operationId: 'createAccountability', tags, summary: '登记问责', body: AccountabilityCreateBodySchema, response: { 200: AccountabilitySchema } },
    },
    async (req) => createAccountability(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/accountabilities/:id',
    {
      config: object,
      schema: { operationId: 'getAccountability', tags, summary: '问责记录详情', params: IdParamsSchema, response: { 200: AccountabilitySchema } },
    },
    async (req) => getAccountability(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/accountabilities/:id',
    {
      config: object,
      schema: {
        operationId: 'updateAccountability',
        tags,
        summary: '修改问责记录',
        params: IdParamsSchema,
        body: AccountabilityPatchBodySchema,
        response: { 200: AccountabilitySchema },
      },
    },
    async (req) => patchAccountability(ctxOf(app, req), req.params.id, req.body),
  );
}
