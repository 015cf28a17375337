import { PROBLEM_ROLES } from '@liandong/domain/access/role-sets';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  CandidateListSchema,
  CandidateQuerySchema,
  ProblemActionBodySchema,
  ProblemCampaignBodySchema,
  ProblemConvertBodySchema,
  ProblemConvertedSchema,
  ProblemCreateBodySchema,
  ProblemDetailSchema,
  ProblemLetterBodySchema,
  ProblemPageSchema,
  ProblemPatchBodySchema,
  ProblemQuerySchema,
  ProblemToCampaignSchema,
  ProblemToLetterSchema,
} from '@liandong/domain/problems/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { candidates } from './cluster';
import { exportProblems } from './excel';
import { PROBLEM_WRITE_ROLES } from './repo';
import {
  actOnProblem,
  convertProblem,
  convertProblemToCampaign,
  convertProblemToLetter,
  createProblem,
  getProblem,
  listProblems,
  patchProblem,
} from './service';

const tags = ['problems'];
const { collection, object } = routeAccess(PROBLEM_ROLES);

/** 难点堵点 / 行业性 / 系统性问题: register, detail, clustering candidates, conversion. */
export async function problemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/problems',
    {
      config: collection,
      schema: { operationId: 'listProblems', tags, summary: '行业性系统性问题台账', querystring: ProblemQuerySchema, response: { 200: ProblemPageSchema } },
    },
    async (req) => listProblems(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/problems/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportProblems', tags, summary: '导出问题台账（Excel，带导出人水印，留痕）', querystring: ProblemQuerySchema },
    },
    async (req, reply) => sendFile(reply, '行业性系统性问题台账.xlsx', XLSX, await exportProblems(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/problems/candidates',
    {
      config: collection,
      schema: {
        operationId: 'problemCandidates',
        tags,
        summary: '相似问题聚类：跨单位的相似监督发现问题和线索，供确认为系统性问题',
        querystring: CandidateQuerySchema,
        response: { 200: CandidateListSchema },
      },
    },
    async (req) => candidates(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/problems',
    {
      config: { access: { roles: PROBLEM_WRITE_ROLES } },
      schema: {
        operationId: 'createProblem',
        tags,
        summary: '登记问题（或确认聚类候选）',
        body: ProblemCreateBodySchema,
        response: { 200: ProblemDetailSchema },
      },
    },
    async (req) => createProblem(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/problems/:id',
    {
      config: object,
      schema: { operationId: 'getProblem', tags, summary: '问题详情（证据、联合剖析、转化）', params: IdParamsSchema, response: { 200: ProblemDetailSchema } },
    },
    async (req) => getProblem(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/problems/:id',
    {
      config: { access: { roles: PROBLEM_WRITE_ROLES, notFoundOnDeny: true } },
      schema: {
        operationId: 'patchProblem',
        tags,
        summary: '修改问题、联合剖析或证据（状态只能通过操作办理）',
        params: IdParamsSchema,
        body: ProblemPatchBodySchema,
        response: { 200: ProblemDetailSchema },
      },
    },
    async (req) => patchProblem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/problems/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnProblem',
        tags,
        summary: '问题流转（确认、不予认定、转化为下一年度共性监督事项）',
        params: IdParamsSchema,
        body: ProblemActionBodySchema,
        response: { 200: ProblemDetailSchema },
      },
    },
    async (req) => actOnProblem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/problems/:id/convert',
    {
      config: object,
      schema: {
        operationId: 'convertProblem',
        tags,
        summary: '已确认问题转化为下一年度共性监督事项（即 convert 操作，答复下发的事项）',
        params: IdParamsSchema,
        body: ProblemConvertBodySchema,
        response: { 200: ProblemConvertedSchema },
      },
    },
    async (req) => convertProblem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/problems/:id/convert-to-letter',
    {
      config: object,
      schema: {
        operationId: 'convertProblemToLetter',
        tags,
        summary: '已确认问题转化为建议书（起草中，原因和建议事项取自联合剖析；即 toLetter 操作）',
        params: IdParamsSchema,
        body: ProblemLetterBodySchema,
        response: { 200: ProblemToLetterSchema },
      },
    },
    async (req) => convertProblemToLetter(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/problems/:id/convert-to-campaign',
    {
      config: object,
      schema: {
        operationId: 'convertProblemToCampaign',
        tags,
        summary: '已确认问题转化为专项整治（待部署，行业领域和主题取自问题；即 toCampaign 操作）',
        params: IdParamsSchema,
        body: ProblemCampaignBodySchema,
        response: { 200: ProblemToCampaignSchema },
      },
    },
    async (req) => convertProblemToCampaign(ctxOf(app, req), req.params.id, req.body),
  );
}
