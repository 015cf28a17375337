import { BUSINESS_ROLES } from '@liandong/domain/access/enums';
import { AttachmentListQuerySchema, AttachmentListSchema, AttachmentSchema, UploadedAttachmentSchema } from '@liandong/domain/attachments/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { downloadAttachment, getAttachment, listAttachments, uploadAttachment } from './service';

/** Business accounts only; for the 三员 attachments do not exist (404), they read no business content. */
const access = { roles: BUSINESS_ROLES, notFoundOnDeny: true } as const;

/** 附件 */
export async function attachmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/attachments',
    {
      config: { access },
      schema: {
        operationId: 'uploadAttachment',
        tags: ['attachments'],
        consumes: ['multipart/form-data'],
        summary: '上传附件（multipart: ownerType, ownerId, classification?, file；按内容识别类型；所属记录须可见）',
        response: { 201: UploadedAttachmentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await uploadAttachment(ctxOf(app, req), req)),
  );

  r.get(
    '/api/v1/attachments',
    {
      config: { access },
      schema: {
        operationId: 'listAttachments',
        tags: ['attachments'],
        summary: '附件列表（仅所属记录可见的附件）',
        querystring: AttachmentListQuerySchema,
        response: { 200: AttachmentListSchema },
      },
    },
    async (req) => listAttachments(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/attachments/:id',
    {
      config: { access },
      schema: {
        operationId: 'getAttachment',
        tags: ['attachments'],
        summary: '附件信息（所属记录可见时）',
        params: IdParamsSchema,
        response: { 200: AttachmentSchema },
      },
    },
    async (req) => getAttachment(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/attachments/:id/content',
    {
      config: { access },
      schema: { operationId: 'downloadAttachment', tags: ['attachments'], summary: '下载附件（留痕）', params: IdParamsSchema },
    },
    async (req, reply) => {
      const file = await downloadAttachment(ctxOf(app, req), req.params.id);
      return sendFile(reply, file.filename, file.mime, file.content);
    },
  );
}
