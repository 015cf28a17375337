import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import {
  BulletinCreateBodySchema,
  BulletinDetailSchema,
  BulletinIssueBodySchema,
  BulletinListQuerySchema,
  BulletinListSchema,
  BulletinSignBodySchema,
  BulletinUpdateBodySchema,
} from '@liandong/domain/reform/contracts-letters';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { XLSX } from '../../platform/excel';
import { retryAfterOnError } from '../../platform/gate';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportBulletins } from './excel-bulletins';
import { DOCX_MIME } from './issue';
import { BULLETIN_ROLES, BULLETIN_WRITE_ROLES } from './policy';
import { createBulletin, exportBulletinDocx, getBulletin, issueBulletin, listBulletins, signBulletin, updateBulletin } from './service-bulletins';

const tags = ['bulletins'];
const object = { access: { roles: BULLETIN_ROLES, notFoundOnDeny: true } };

/** 通报: draft, list, detail, 签发, issue with a 发文字号 (only after 签发), DOCX. */
export async function bulletinRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/bulletins',
    {
      config: { access: { roles: BULLETIN_WRITE_ROLES } },
      schema: { operationId: 'createBulletin', tags, summary: '起草通报', body: BulletinCreateBodySchema, response: { 200: BulletinDetailSchema } },
    },
    async (req) => createBulletin(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/bulletins',
    {
      config: { access: { roles: BULLETIN_ROLES } },
      schema: { operationId: 'listBulletins', tags, summary: '通报列表', querystring: BulletinListQuerySchema, response: { 200: BulletinListSchema } },
    },
    async (req) => listBulletins(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/bulletins/export.xlsx',
    {
      config: { access: { roles: BULLETIN_ROLES } },
      schema: { operationId: 'exportBulletins', tags, summary: '导出通报列表（Excel，带导出人水印，留痕）', querystring: BulletinListQuerySchema },
    },
    async (req, reply) => sendFile(reply, '通报.xlsx', XLSX, await exportBulletins(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/bulletins/:id',
    {
      config: object,
      schema: { operationId: 'getBulletin', tags, summary: '通报详情', params: IdParamsSchema, response: { 200: BulletinDetailSchema } },
    },
    async (req) => getBulletin(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/bulletins/:id',
    {
      config: object,
      schema: {
        operationId: 'updateBulletin',
        tags,
        summary: '修改通报草稿（签发前）',
        params: IdParamsSchema,
        body: BulletinUpdateBodySchema,
        response: { 200: BulletinDetailSchema },
      },
    },
    async (req) => updateBulletin(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/bulletins/:id/sign',
    {
      config: object,
      schema: {
        operationId: 'signBulletin',
        tags,
        summary: '签发通报（书记或发文部门的分管领导）',
        params: IdParamsSchema,
        body: BulletinSignBodySchema,
        response: { 200: BulletinDetailSchema },
      },
    },
    async (req) => signBulletin(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/bulletins/:id/issue',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'issueBulletin',
        tags,
        summary: '编号印发通报（签发后）',
        params: IdParamsSchema,
        body: BulletinIssueBodySchema,
        response: { 200: BulletinDetailSchema },
      },
    },
    async (req) => issueBulletin(ctxOf(app, req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/bulletins/:id/document.docx',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'bulletinDocx',
        tags,
        summary: '通报正式文本（DOCX，GB/T 9704 版式；?copy=print 为不带水印行的打印用正式文本）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportBulletinDocx(ctxOf(app, req), req.params.id, req.query.copy);
      return sendFile(reply, filename, DOCX_MIME, body);
    },
  );
}
