import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import {
  LetterActionBodySchema,
  LetterCreateBodySchema,
  LetterDetailSchema,
  LetterDraftingDefaultsSchema,
  LetterListQuerySchema,
  LetterListSchema,
  LetterOpinionBodySchema,
  LetterPatchBodySchema,
} from '@liandong/domain/reform/contracts-letters';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { LARGE_JSON_BODY_LIMIT } from '../../platform/body-limits';
import { XLSX } from '../../platform/excel';
import { retryAfterOnError } from '../../platform/gate';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportLetters } from './excel';
import { DOCX_MIME } from './issue';
import { NO_LIBREOFFICE_MESSAGE, substitutionHeader } from './pdf';
import { DRAFTER_ROLES, LETTER_ROLES } from './policy';
import { getLetter } from './service-detail';
import { addOpinion, createLetter, draftingDefaults, patchLetter } from './service-drafting';
import { listLetters } from './service-ledger';
import { actOnLetter, exportLetterDocx, exportLetterPdf } from './service-letters';

const tags = ['letters'];
const { collection, object } = routeAccess(LETTER_ROLES);

/** 建议书: drafting, the ledger with reply status, detail, edits, opinions, the machine's actions, DOCX/PDF. */
export async function letterLedgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/letters',
    {
      config: { access: { roles: DRAFTER_ROLES } },
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        operationId: 'createLetter',
        tags,
        summary: '起草建议书（纪律检查建议书、监察建议书、纪检监察建议书）',
        body: LetterCreateBodySchema,
        response: { 200: LetterDetailSchema },
      },
    },
    async (req) => createLetter(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/letters/drafting-defaults',
    {
      config: collection,
      schema: {
        operationId: 'getLetterDraftingDefaults',
        tags,
        summary: '建议书起草默认值（发文机关规范简称、印发机关、异议期限及计算单位、回复期限）',
        response: { 200: LetterDraftingDefaultsSchema },
      },
    },
    async (req) => draftingDefaults(ctxOf(app, req)),
  );

  r.get(
    '/api/v1/letters',
    {
      config: collection,
      schema: {
        operationId: 'listLetters',
        tags,
        summary: '建议书台账（回复情况、筛选、分页）',
        querystring: LetterListQuerySchema,
        response: { 200: LetterListSchema },
      },
    },
    async (req) => listLetters(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/letters/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportLetters', tags, summary: '导出建议书台账（Excel，带导出人水印，留痕）', querystring: LetterListQuerySchema },
    },
    async (req, reply) => sendFile(reply, '建议书台账.xlsx', XLSX, await exportLetters(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/letters/:id',
    {
      config: object,
      schema: {
        operationId: 'getLetter',
        tags,
        summary: '建议书详情（建议事项、意见、流转记录、整改任务）',
        params: IdParamsSchema,
        response: { 200: LetterDetailSchema },
      },
    },
    async (req) => getLetter(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/letters/:id',
    {
      config: object,
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        operationId: 'updateLetter',
        tags,
        summary: '修改建议书（起草、征求意见阶段）',
        params: IdParamsSchema,
        body: LetterPatchBodySchema,
        response: { 200: LetterDetailSchema },
      },
    },
    async (req) => patchLetter(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/letters/:id/opinions',
    {
      config: object,
      schema: {
        operationId: 'addLetterOpinion',
        tags,
        summary: '记录征求意见情况或审核意见',
        params: IdParamsSchema,
        body: LetterOpinionBodySchema,
        response: { 200: LetterDetailSchema },
      },
    },
    async (req) => addOpinion(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/letters/:id/actions',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'actOnLetter',
        tags,
        summary: '建议书流转（审核、审批、编号印发、送达、异议、采纳、回复、回头看、办结等）',
        params: IdParamsSchema,
        body: LetterActionBodySchema,
        response: { 200: LetterDetailSchema },
      },
    },
    async (req) => actOnLetter(ctxOf(app, req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/letters/:id/document.docx',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'letterDocx',
        tags,
        summary: '建议书正式文本（DOCX，GB/T 9704 版式；未印发为草稿预览；?copy=print 为不带水印行的打印用正式文本）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportLetterDocx(ctxOf(app, req), req.params.id, req.query.copy);
      return sendFile(reply, filename, DOCX_MIME, body);
    },
  );

  r.get(
    '/api/v1/letters/:id/document.pdf',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'letterPdf',
        tags,
        summary: '建议书正式文本（PDF，需服务器安装 LibreOffice；缺少公文字体时以 Noto CJK 代替并在 X-Font-Substitution 中说明）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const doc = await exportLetterPdf(ctxOf(app, req), req.params.id, req.query.copy);
      if (!doc) return reply.code(501).send({ code: 'NOT_IMPLEMENTED', message: NO_LIBREOFFICE_MESSAGE, requestId: req.id });
      if (doc.fontSubstitutions?.length) reply.header('x-font-substitution', substitutionHeader(doc.fontSubstitutions));
      return sendFile(reply, doc.filename, 'application/pdf', doc.body);
    },
  );
}
