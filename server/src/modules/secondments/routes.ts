import { STAFF_ROLES } from '@liandong/domain/access/enums';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  BatchCreateBodySchema,
  BatchDetailSchema,
  BatchListSchema,
  EvaluationBodySchema,
  MemberAddBodySchema,
  MemberPatchBodySchema,
  PoolHistorySchema,
  PoolListSchema,
  PoolQuerySchema,
  PoolRowSchema,
  ProfileBodySchema,
  SecondmentTargetKindSchema,
} from '@liandong/domain/secondments/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { SECONDMENT_ROLES } from './access';
import { exportBatches, exportPool } from './excel';
import { getCadre, listPool, putProfile } from './service';
import { addMember, createBatch, getBatch, listBatches, listTargets } from './service-batches';
import { addEvaluation, myMentees, patchMember } from './service-mentoring';

const tags = ['secondments'];
/** The pool and the batches: 干部监督室 and leaders; 404 to everyone else (the ledgers do not exist for them). */
const access = { access: { roles: SECONDMENT_ROLES, notFoundOnDeny: true } };
/** A mentor of any role evaluates their own pairs; the service answers 404 for anything else. */
const mentorAccess = { access: { roles: STAFF_ROLES, notFoundOnDeny: true } };

/** 抽调 / 传帮带 / 以干代训 (domain.md b.5 Secondment). */
export async function secondmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/cadre-pool',
    {
      config: access,
      schema: {
        operationId: 'listCadrePool',
        tags,
        summary: '抽调干部库（技能、抽调次数、最近评价）',
        querystring: PoolQuerySchema,
        response: { 200: PoolListSchema },
      },
    },
    async (req) => ({ items: await listPool(ctx(req), req.query) }),
  );
  r.get(
    '/api/v1/cadre-pool/export.xlsx',
    { config: access, schema: { operationId: 'exportCadrePool', tags, summary: '导出干部库（Excel，水印，留痕）', querystring: PoolQuerySchema } },
    async (req, reply) => sendFile(reply, '抽调干部库.xlsx', XLSX, await exportPool(ctx(req), req.query)),
  );
  r.get(
    '/api/v1/cadre-pool/:id',
    {
      config: access,
      schema: { operationId: 'getCadre', tags, summary: '干部抽调履历与评价（查阅留痕）', params: IdParamsSchema, response: { 200: PoolHistorySchema } },
    },
    async (req) => getCadre(ctx(req), req.params.id),
  );
  r.put(
    '/api/v1/cadre-pool/:id',
    {
      config: access,
      schema: {
        operationId: 'putCadreProfile',
        tags,
        summary: '维护干部技能标签',
        params: IdParamsSchema,
        body: ProfileBodySchema,
        response: { 200: PoolRowSchema },
      },
    },
    async (req) => putProfile(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/secondment-batches',
    { config: access, schema: { operationId: 'listSecondmentBatches', tags, summary: '抽调批次台账', response: { 200: BatchListSchema } } },
    async (req) => ({ items: await listBatches(ctx(req)) }),
  );
  r.get(
    '/api/v1/secondment-batches/export.xlsx',
    { config: access, schema: { operationId: 'exportSecondmentBatches', tags, summary: '导出抽调批次台账（Excel）' } },
    async (req, reply) => sendFile(reply, '抽调批次台账.xlsx', XLSX, await exportBatches(ctx(req))),
  );
  r.post(
    '/api/v1/secondment-batches',
    {
      config: access,
      schema: { operationId: 'createSecondmentBatch', tags, summary: '登记抽调批次', body: BatchCreateBodySchema, response: { 201: BatchDetailSchema } },
    },
    async (req, reply) => reply.code(201).send(await createBatch(ctx(req), req.body)),
  );
  r.get(
    '/api/v1/secondment-batches/:id',
    {
      config: access,
      schema: {
        operationId: 'getSecondmentBatch',
        tags,
        summary: '抽调批次（人员、师徒、评价）',
        params: IdParamsSchema,
        response: { 200: BatchDetailSchema },
      },
    },
    async (req) => getBatch(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/secondment-batches/:id/members',
    {
      config: access,
      schema: {
        operationId: 'addSecondmentMember',
        tags,
        summary: '抽调干部入组（经办案组或专班授予查阅权限，到计划结束日自动离组）',
        params: IdParamsSchema,
        body: MemberAddBodySchema,
        response: { 200: BatchDetailSchema },
      },
    },
    async (req) => addMember(ctx(req), req.params.id, req.body),
  );
  r.patch(
    '/api/v1/secondment-members/:id',
    {
      config: access,
      schema: {
        operationId: 'patchSecondmentMember',
        tags,
        summary: '师徒结对：导师与培养目标',
        params: IdParamsSchema,
        body: MemberPatchBodySchema,
        response: { 200: BatchDetailSchema },
      },
    },
    async (req) => patchMember(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/secondment-members/:id/evaluations',
    {
      config: mentorAccess,
      schema: {
        operationId: 'addSecondmentEvaluation',
        tags,
        summary: '登记阶段评价（导师或干部监督室）',
        params: IdParamsSchema,
        body: EvaluationBodySchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await addEvaluation(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/secondment-targets',
    {
      config: access,
      schema: {
        operationId: 'listSecondmentTargets',
        tags,
        summary: '可抽调去向：本人可见的案件，或在期的专班',
        querystring: z.object({ kind: SecondmentTargetKindSchema, q: z.string().trim().max(50, '不超过50个字符').optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async (req) => ({ items: await listTargets(ctx(req), req.query.kind, req.query.q) }),
  );
  r.get(
    '/api/v1/my-mentees',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'listMyMentees',
        tags,
        summary: '我带教的抽调干部（传帮带）',
        response: {
          200: z.object({
            items: z.array(
              z.object({ memberId: z.string(), name: z.string(), batch: z.object({ id: z.string(), name: z.string() }), goals: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await myMentees(ctx(req)) }),
  );
}
