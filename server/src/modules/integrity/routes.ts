import {
  CadreConclusionBodySchema,
  CadreIdParamsSchema,
  CollectBodySchema,
  IntegrityActionBodySchema,
  IntegrityCreateBodySchema,
  IntegrityDetailSchema,
  IntegrityListQuerySchema,
  IntegrityListSchema,
} from '@liandong/domain/integrity/contracts';
import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { STAFF_ROLES as SHARE_READER_ROLES } from '@liandong/domain/access/enums';
import { INTEGRITY_ROLES } from './access';
import { exportReplies } from './excel';
import { getReply, listReplies, replyDocx } from './service-read';
import { actOnReply, collectEvidence, concludeCadre, createReply, revealCadreIdNumber } from './service-write';

const tags = ['integrity'];
/** Every route: 404 to a role that never reaches replies (the register does not exist for them). */
const access = { access: { roles: INTEGRITY_ROLES, notFoundOnDeny: true } };
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * 党风廉政意见回复 (domain.md a.2, b.6, d): registering an organisation department's request, collecting
 * evidence per cadre in the collector's scope, conclusions, sign-off, numbering, the reply letter, the ledger.
 */
export async function integrityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.post(
    '/api/v1/integrity-replies',
    {
      config: access,
      schema: {
        operationId: 'createIntegrityReply',
        tags,
        summary: '登记党风廉政意见征求函（干部监督室）',
        body: IntegrityCreateBodySchema,
        response: { 201: IntegrityDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createReply(ctx(req), req.body)),
  );
  r.get(
    '/api/v1/integrity-replies',
    {
      config: access,
      schema: {
        operationId: 'listIntegrityReplies',
        tags,
        summary: '党风廉政意见回复台账',
        querystring: IntegrityListQuerySchema,
        response: { 200: IntegrityListSchema },
      },
    },
    async (req) => listReplies(ctx(req), req.query),
  );
  r.get(
    '/api/v1/integrity-replies/export.xlsx',
    {
      config: access,
      schema: {
        operationId: 'exportIntegrityReplies',
        tags,
        summary: '导出党风廉政意见回复台账（Excel，带导出人水印，留痕）',
        querystring: IntegrityListQuerySchema,
      },
    },
    async (req, reply) => sendFile(reply, '党风廉政意见回复台账.xlsx', XLSX, await exportReplies(ctx(req), req.query)),
  );
  r.get(
    '/api/v1/integrity-replies/:id',
    {
      // Also the grantees of a 信息互通 grant (干部信息) naming the reply: the service decides, 404 for the rest.
      config: { access: { roles: SHARE_READER_ROLES, notFoundOnDeny: true } },
      schema: {
        operationId: 'getIntegrityReply',
        tags,
        summary: '党风廉政意见回复详情（每次查阅留痕）',
        params: IdParamsSchema,
        response: { 200: IntegrityDetailSchema },
      },
    },
    async (req) => getReply(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/integrity-replies/:id/collect',
    {
      config: access,
      schema: {
        operationId: 'collectIntegrityEvidence',
        tags,
        summary: '查询干部党风廉政情况（线索、案件、监督和检查发现问题，按查询人可见范围；逐人留痕）',
        params: IdParamsSchema,
        body: CollectBodySchema,
        response: { 200: IntegrityDetailSchema },
      },
    },
    async (req) => collectEvidence(ctx(req), req.params.id, req.body.version),
  );
  r.patch(
    '/api/v1/integrity-replies/:id/cadres/:cadreId',
    {
      config: access,
      schema: {
        operationId: 'concludeIntegrityCadre',
        tags,
        summary: '拟定干部的回复结论和意见',
        params: CadreIdParamsSchema,
        body: CadreConclusionBodySchema,
        response: { 200: IntegrityDetailSchema },
      },
    },
    async (req) => concludeCadre(ctx(req), req.params.id, req.params.cadreId, req.body),
  );
  r.post(
    '/api/v1/integrity-replies/:id/cadres/:cadreId/reveal-id-number',
    {
      config: access,
      schema: {
        operationId: 'revealIntegrityCadreIdNumber',
        tags,
        summary: '查看干部身份证号码（解密，留痕）',
        params: CadreIdParamsSchema,
        response: { 200: z.object({ idNumber: z.string() }) },
      },
    },
    async (req) => revealCadreIdNumber(ctx(req), req.params.id, req.params.cadreId),
  );
  r.post(
    '/api/v1/integrity-replies/:id/actions',
    {
      config: access,
      schema: {
        operationId: 'actOnIntegrityReply',
        tags,
        summary: '党风廉政意见回复流转（提交、退回、审批签发、编号印发）',
        params: IdParamsSchema,
        body: IntegrityActionBodySchema,
        response: { 200: IntegrityDetailSchema },
      },
    },
    async (req) => actOnReply(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/integrity-replies/:id/document.docx',
    {
      config: access,
      schema: {
        operationId: 'integrityReplyDocx',
        tags,
        summary: '回复函正式文本（DOCX，GB/T 9704 版式；未印发为草稿预览；?copy=print 为打印用正式文本；留痕）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await replyDocx(ctx(req), req.params.id, req.query.copy);
      return sendFile(reply, filename, DOCX_MIME, body);
    },
  );
}
