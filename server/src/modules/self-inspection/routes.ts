import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  AnswerBodySchema,
  MatrixQuerySchema,
  MatrixSchema,
  OverviewSchema,
  PortalRoundListSchema,
  ResponseActionBodySchema,
  ResponseListQuerySchema,
  ResponseListSchema,
  ResponseSchema,
  RoundBodySchema,
  RoundSchema,
  TargetUnitListSchema,
  TemplateBodySchema,
  UnitImportQuerySchema,
  UnitImportResultSchema,
  UnitsAddBodySchema,
} from '@liandong/domain/self-inspection/contracts';
import type { Matrix } from '@liandong/domain/self-inspection/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { retryAfterOnError } from '../../platform/gate';
import { sendFile } from '../../platform/http';
import { readXlsxUpload } from '../../platform/xlsx-safe';
import { SELF_ANSWER_ROLES, SELF_STAFF_ROLES } from './access';
import { importUnits, unitTemplate } from './import-units';
import { exportMatrix, exportResponses, getMatrixJson } from './matrix';
import { actOnResponse, getResponse, listPortalRounds, listResponses, saveAnswer } from './service-responses';
import { addUnits, getOverview, listUnits, saveTemplate, sendRound } from './service-setup';

const tags = ['self-inspection'];
const staff = routeAccess(SELF_STAFF_ROLES).object;
const answer = routeAccess(SELF_ANSWER_ROLES).object;
const RoundQuerySchema = z.object({ roundId: z.uuid('编号格式不正确').optional() });

/**
 * 自查自纠 (issue 10): the campaign side (checklist, units and their import, rounds, matrix, exports) under
 * /campaigns/:id/self-inspection, the answers under /self-inspection/responses, the unit contact's rounds
 * under /portal/self-inspection. Registered directly on the app so the access hook and error handler apply.
 */
export async function selfInspectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/campaigns/:id/self-inspection';

  r.get(
    base,
    {
      config: staff,
      schema: {
        operationId: 'getSelfInspection',
        tags,
        summary: '自查自纠概况（清单、批次、权限）',
        params: IdParamsSchema,
        response: { 200: OverviewSchema },
      },
    },
    async (req) => getOverview(ctxOf(app, req), req.params.id),
  );
  r.put(
    `${base}/template`,
    {
      config: staff,
      schema: {
        operationId: 'saveSelfInspectionTemplate',
        tags,
        summary: '制定或修改自查清单（自查方面）',
        params: IdParamsSchema,
        body: TemplateBodySchema,
        response: { 200: OverviewSchema },
      },
    },
    async (req) => saveTemplate(ctxOf(app, req), req.params.id, req.body),
  );
  r.get(
    `${base}/units`,
    {
      config: staff,
      schema: { operationId: 'listSelfInspectionUnits', tags, summary: '自查单位及联络人', params: IdParamsSchema, response: { 200: TargetUnitListSchema } },
    },
    async (req) => listUnits(ctxOf(app, req), req.params.id),
  );
  r.post(
    `${base}/units`,
    {
      config: staff,
      schema: {
        operationId: 'addSelfInspectionUnits',
        tags,
        summary: '把已有被监督单位加入自查单位',
        params: IdParamsSchema,
        body: UnitsAddBodySchema,
        response: { 200: TargetUnitListSchema },
      },
    },
    async (req) => addUnits(ctxOf(app, req), req.params.id, req.body),
  );
  r.get(
    `${base}/units/import-template.xlsx`,
    { config: staff, schema: { operationId: 'getSelfInspectionUnitTemplate', tags, summary: '自查单位导入模板', params: IdParamsSchema } },
    async (_req, reply) => sendFile(reply, '自查单位导入模板.xlsx', XLSX, await unitTemplate()),
  );
  r.post(
    `${base}/units/import`,
    {
      config: staff,
      onError: retryAfterOnError,
      schema: {
        operationId: 'importSelfInspectionUnits',
        tags,
        summary: '批量导入自查单位及联络人账号（multipart 字段 file；逐行校验，有错误则不写入；dryRun=true 仅校验）',
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        querystring: UnitImportQuerySchema,
        response: { 200: UnitImportResultSchema },
      },
    },
    async (req) => importUnits(ctxOf(app, req), req.params.id, await readXlsxUpload(req), req.query.dryRun),
  );
  r.post(
    `${base}/rounds`,
    {
      config: staff,
      schema: {
        operationId: 'sendSelfInspectionRound',
        tags,
        summary: '下发自查批次',
        params: IdParamsSchema,
        body: RoundBodySchema,
        response: { 200: RoundSchema },
      },
    },
    async (req) => sendRound(ctxOf(app, req), req.params.id, req.body),
  );
  r.get(
    `${base}/matrix`,
    {
      config: staff,
      schema: {
        operationId: 'getSelfInspectionMatrix',
        tags,
        summary: '单位×方面矩阵（灯、计数）',
        params: IdParamsSchema,
        querystring: MatrixQuerySchema,
        response: { 200: MatrixSchema },
      },
    },
    // Sent pre-serialised (validated against MatrixSchema when cached): Fastify does not re-serialise a string.
    async (req, reply) =>
      reply.type('application/json; charset=utf-8').send((await getMatrixJson(ctxOf(app, req), req.params.id, req.query)) as unknown as Matrix),
  );
  r.get(
    `${base}/matrix.xlsx`,
    {
      config: staff,
      schema: {
        operationId: 'exportSelfInspectionMatrix',
        tags,
        summary: '导出自查矩阵（Excel，带水印，留痕）',
        params: IdParamsSchema,
        querystring: RoundQuerySchema,
      },
    },
    async (req, reply) => sendFile(reply, '自查自纠矩阵.xlsx', XLSX, await exportMatrix(ctxOf(app, req), req.params.id, req.query.roundId)),
  );
  r.get(
    `${base}/responses.xlsx`,
    {
      config: staff,
      schema: {
        operationId: 'exportSelfInspectionResponses',
        tags,
        summary: '导出全部自查反馈（Excel，带水印，留痕）',
        params: IdParamsSchema,
        querystring: RoundQuerySchema,
      },
    },
    async (req, reply) => sendFile(reply, '自查反馈台账.xlsx', XLSX, await exportResponses(ctxOf(app, req), req.params.id, req.query.roundId)),
  );

  r.get(
    '/api/v1/self-inspection/responses',
    {
      config: answer,
      schema: {
        operationId: 'listSelfInspectionResponses',
        tags,
        summary: '一个批次（一个单位）的自查反馈',
        querystring: ResponseListQuerySchema,
        response: { 200: ResponseListSchema },
      },
    },
    async (req) => listResponses(ctxOf(app, req), req.query.roundId, req.query.unitId),
  );
  r.get(
    '/api/v1/self-inspection/responses/:id',
    {
      config: answer,
      schema: { operationId: 'getSelfInspectionResponse', tags, summary: '自查反馈详情', params: IdParamsSchema, response: { 200: ResponseSchema } },
    },
    async (req) => getResponse(ctxOf(app, req), req.params.id),
  );
  r.put(
    '/api/v1/self-inspection/responses/:id',
    {
      config: answer,
      schema: {
        operationId: 'saveSelfInspectionResponse',
        tags,
        summary: '填报自查情况（保存草稿）',
        params: IdParamsSchema,
        body: AnswerBodySchema,
        response: { 200: ResponseSchema },
      },
    },
    async (req) => saveAnswer(ctxOf(app, req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/self-inspection/responses/:id/actions',
    {
      config: answer,
      schema: {
        operationId: 'actOnSelfInspectionResponse',
        tags,
        summary: '报送、退回（须填写意见）或认可自查反馈',
        params: IdParamsSchema,
        body: ResponseActionBodySchema,
        response: { 200: ResponseSchema },
      },
    },
    async (req) => actOnResponse(ctxOf(app, req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/portal/self-inspection',
    {
      config: { access: { roles: ['UNIT_LIAISON'] } },
      schema: { operationId: 'listMySelfInspectionRounds', tags, summary: '本单位的自查批次（联络人）', response: { 200: PortalRoundListSchema } },
    },
    async (req) => listPortalRounds(ctxOf(app, req)),
  );
}
