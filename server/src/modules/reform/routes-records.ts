import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  ReformProblemBodySchema,
  ReformRecordCreateBodySchema,
  ReformRecordDetailSchema,
  ReformRecordPageSchema,
  ReformRecordPatchBodySchema,
  ReformRecordQuerySchema,
} from '@liandong/domain/reform/contracts-reform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { XLSX } from '../../platform/excel';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportRecords } from './excel-records';
import { REFORM_CREATE_ROLES } from './policy';
import { addProblem, openRecord, patchRecord } from './service-records';
import { getRecord, listRecords } from './service-records-read';
import { REFORM_STAFF_ROLES } from '../visibility';

const tags = ['reform'];
const { collection, object } = routeAccess(REFORM_STAFF_ROLES);

/** 以案促改台账: ledger, detail, open by hand, 问题清单, causes and state. */
export async function recordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/reform-records',
    {
      config: collection,
      schema: {
        operationId: 'listReformRecords',
        tags,
        summary: '以案促改台账',
        querystring: ReformRecordQuerySchema,
        response: { 200: ReformRecordPageSchema },
      },
    },
    async (req) => listRecords(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/reform-records/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportReformRecords', tags, summary: '导出以案促改台账（Excel，带导出人水印，留痕）', querystring: ReformRecordQuerySchema },
    },
    async (req, reply) => sendFile(reply, '以案促改台账.xlsx', XLSX, await exportRecords(ctxOf(app, req), req.query)),
  );

  r.post(
    '/api/v1/reform-records',
    {
      config: { access: { roles: REFORM_CREATE_ROLES } },
      schema: {
        operationId: 'openReformRecord',
        tags,
        summary: '建立以案促改台账（监督发现问题或专项整治）',
        body: ReformRecordCreateBodySchema,
        response: { 200: ReformRecordDetailSchema },
      },
    },
    async (req) => openRecord(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/reform-records/:id',
    {
      config: object,
      schema: {
        operationId: 'getReformRecord',
        tags,
        summary: '以案促改台账详情（问题清单、原因剖析、建议书、整改任务、类案提示）',
        params: IdParamsSchema,
        response: { 200: ReformRecordDetailSchema },
      },
    },
    async (req) => getRecord(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/reform-records/:id',
    {
      config: object,
      schema: {
        operationId: 'updateReformRecord',
        tags,
        summary: '修改以案促改台账（原因剖析、成因类别、领域、状态）',
        params: IdParamsSchema,
        body: ReformRecordPatchBodySchema,
        response: { 200: ReformRecordDetailSchema },
      },
    },
    async (req) => patchRecord(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/reform-records/:id/problems',
    {
      config: object,
      schema: {
        operationId: 'addReformProblem',
        tags,
        summary: '记录问题清单',
        params: IdParamsSchema,
        body: ReformProblemBodySchema,
        response: { 200: ReformRecordDetailSchema },
      },
    },
    async (req) => addProblem(ctxOf(app, req), req.params.id, req.body),
  );
}
