import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  ShareActionBodySchema,
  ShareCandidatesQuerySchema,
  ShareCandidatesSchema,
  ShareCreateBodySchema,
  ShareDetailResponseSchema,
  SharedObjectsPageSchema,
  SharedObjectsQuerySchema,
  ShareOrgsSchema,
  SharePageSchema,
  ShareQuerySchema,
} from '@liandong/domain/shares/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { SHARE_ROLES } from './access';
import { exportShares } from './excel';
import { actOnShare, createShare, getShare, listShares, readSharedObjects, shareCandidates, shareOrgs } from './service';

const tags = ['shares'];
/** Every route: 404 to a role that never shares (unit contacts, the 三员). */
const access = { access: { roles: SHARE_ROLES, notFoundOnDeny: true } };

/** 信息互通 (issue 11): requests and pushes, their approval, the grants, what a grant opens, the ledger. */
export async function shareRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/shares',
    {
      config: access,
      schema: {
        operationId: 'listShares',
        tags,
        summary: '信息互通（我发起的 / 待我审批 / 共享给我的 / 我共享出去的）',
        querystring: ShareQuerySchema,
        response: { 200: SharePageSchema },
      },
    },
    async (req) => listShares(ctx(req), req.query),
  );
  r.get(
    '/api/v1/shares/export.xlsx',
    { config: access, schema: { operationId: 'exportShares', tags, summary: '导出信息互通台账（Excel，带导出人水印，留痕）', querystring: ShareQuerySchema } },
    async (req, reply) => sendFile(reply, '信息互通台账.xlsx', XLSX, await exportShares(ctx(req), req.query)),
  );
  r.get(
    '/api/v1/shares/orgs',
    { config: access, schema: { operationId: 'shareOrgs', tags, summary: '可选的共享单位', response: { 200: ShareOrgsSchema } } },
    async (req) => shareOrgs(ctx(req)),
  );
  r.get(
    '/api/v1/shares/candidates',
    {
      config: access,
      schema: {
        operationId: 'shareCandidates',
        tags,
        summary: '可共享的具体事项（本人有权查看且属于共享单位）',
        querystring: ShareCandidatesQuerySchema,
        response: { 200: ShareCandidatesSchema },
      },
    },
    async (req) => shareCandidates(ctx(req), req.query),
  );
  r.post(
    '/api/v1/shares',
    {
      config: access,
      schema: { operationId: 'createShare', tags, summary: '申请共享或主动推送', body: ShareCreateBodySchema, response: { 201: ShareDetailResponseSchema } },
    },
    async (req, reply) => reply.code(201).send(await createShare(ctx(req), req.body)),
  );
  r.get(
    '/api/v1/shares/:id',
    {
      config: access,
      schema: { operationId: 'getShare', tags, summary: '信息共享详情', params: IdParamsSchema, response: { 200: ShareDetailResponseSchema } },
    },
    async (req) => getShare(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/shares/:id/actions',
    {
      config: access,
      schema: {
        operationId: 'actOnShare',
        tags,
        summary: '批准 / 不予批准 / 撤回 / 撤销共享',
        params: IdParamsSchema,
        body: ShareActionBodySchema,
        response: { 200: ShareDetailResponseSchema },
      },
    },
    async (req) => actOnShare(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/shares/:id/objects',
    {
      config: access,
      schema: {
        operationId: 'sharedObjects',
        tags,
        summary: '依据共享授权查阅的事项（留痕）',
        params: IdParamsSchema,
        querystring: SharedObjectsQuerySchema,
        response: { 200: SharedObjectsPageSchema },
      },
    },
    async (req) => readSharedObjects(ctx(req), req.params.id, req.query),
  );
}
