import {
  CaseActionBodySchema,
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CasePatchBodySchema,
  TrialExtensionBodySchema,
} from '@liandong/domain/cases/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { LARGE_JSON_BODY_LIMIT } from '../../platform/body-limits';
import { XLSX } from '../../platform/excel';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportCases } from './excel';
import { actOnCase, extendTrial, patchCase } from './service-cases';
import { getCase } from './service-detail';
import { listCases } from './service-ledger';
import { CASE_READ_ROLES } from '../visibility';

const tags = ['cases'];
const { collection, object } = routeAccess(CASE_READ_ROLES);

/** 案件台账, the stage view, its edits, the actions of the case machine and the trial extension. */
export async function caseLedgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cases',
    {
      config: collection,
      schema: {
        operationId: 'listCases',
        tags,
        summary: '案件台账（检索、阶段、到期提醒、分页）',
        querystring: CaseListQuerySchema,
        response: { 200: CaseListSchema },
      },
    },
    async (req) => listCases(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/cases/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportCases', tags, summary: '导出案件台账（Excel，带导出人水印，留痕）', querystring: CaseListQuerySchema },
    },
    async (req, reply) => sendFile(reply, '案件台账.xlsx', XLSX, await exportCases(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/cases/:id',
    {
      config: object,
      schema: {
        operationId: 'getCase',
        tags,
        summary: '案件详情（办案组、措施、补充证据、处理结果、期限、流转记录）',
        params: IdParamsSchema,
        response: { 200: CaseDetailSchema },
      },
    },
    async (req) => getCase(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/cases/:id',
    {
      config: object,
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        operationId: 'updateCase',
        tags,
        summary: '修改案件信息（方案、报告、审理谈话与审理报告）',
        params: IdParamsSchema,
        body: CasePatchBodySchema,
        response: { 200: CaseDetailSchema },
      },
    },
    async (req) => patchCase(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/cases/:id/actions',
    {
      config: object,
      schema: { operationId: 'actOnCase', tags, summary: '案件流转', params: IdParamsSchema, body: CaseActionBodySchema, response: { 200: CaseDetailSchema } },
    },
    async (req) => actOnCase(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/cases/:id/trial-extension',
    {
      config: object,
      schema: {
        operationId: 'extendCaseTrial',
        tags,
        summary: '延长审理期限（书记批准，限一次，延长一个月）',
        params: IdParamsSchema,
        body: TrialExtensionBodySchema,
        response: { 200: CaseDetailSchema },
      },
    },
    async (req) => extendTrial(ctxOf(app, req), req.params.id, req.body),
  );
}
