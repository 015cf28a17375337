import { DocCopyQuerySchema, IdParamsSchema, QueryFlagSchema } from '@liandong/domain/platform/common';
import { ListQuerySchema, MyItemsRoleSchema } from '@liandong/domain/supervision/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { XLSX } from '../../platform/excel';
import { retryAfterOnError } from '../../platform/gate';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { readXlsxUpload } from '../../platform/xlsx-safe';
import { exportConsultationMinutes } from './consultation-minutes';
import { exportListDocx } from './docx';
import { exportList, exportLists, exportMatrix, exportMyItems, supervisionTemplate } from './excel';
import { importItems } from './excel-import';
import { SUPERVISION_ROLES } from './policy';

const tags = ['supervision'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const access = { roles: SUPERVISION_ROLES };
const Year = z.coerce.number('年度须为整数').int('年度须为整数').min(2000).max(2100);

const ConsultationParamsSchema = z.object({ id: z.uuid('编号格式不正确'), consultationId: z.uuid('编号格式不正确') });

const ImportResultSchema = z.object({ ok: z.literal(true), created: z.number(), updated: z.number(), unchanged: z.number(), dryRun: z.boolean() });

/** Excel template, all-or-nothing import, exports of the list views (watermarked, audited) and the official DOCX. */
export async function supervisionExcelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/supervision/import-template.xlsx',
    { config: { access }, schema: { operationId: 'getSupervisionImportTemplate', tags, summary: '监督事项导入模板' } },
    async (_req, reply) => sendFile(reply, '监督事项导入模板.xlsx', XLSX, await supervisionTemplate()),
  );

  r.post(
    '/api/v1/supervision/lists/:id/import',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      onError: retryAfterOnError,
      schema: {
        operationId: 'importSupervisionItems',
        tags,
        summary: '导入监督事项（multipart 字段 file；全部校验，有错误则不写入；dryRun=true 仅校验）',
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        querystring: z.object({ dryRun: QueryFlagSchema.default(true) }),
        response: { 200: ImportResultSchema },
      },
    },
    async (req) => importItems(ctxOf(app, req), req.params.id, (await readXlsxUpload(req)).buffer, req.query.dryRun),
  );

  r.get(
    '/api/v1/supervision/lists/:id/export.xlsx',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: { operationId: 'exportSupervisionList', tags, summary: '导出监督清单（Excel）', params: IdParamsSchema },
    },
    async (req, reply) => {
      const { filename, body } = await exportList(ctxOf(app, req), req.params.id);
      return sendFile(reply, filename, XLSX, body);
    },
  );

  r.get(
    '/api/v1/supervision/lists/:id/export.docx',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: {
        operationId: 'exportSupervisionListDocx',
        tags,
        summary: '导出已审定监督清单（公文格式 DOCX；?copy=print 为打印用正式文本）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportListDocx(ctxOf(app, req), req.params.id, req.query.copy);
      return sendFile(reply, filename, DOCX, body);
    },
  );

  r.get(
    '/api/v1/supervision/lists/:id/consultations/:consultationId/minutes.docx',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: {
        operationId: 'exportListConsultationMinutes',
        tags,
        summary: '室组会商纪要（DOCX，GB/T 9704 纪要格式；?copy=print 为打印用正式文本；留痕）',
        params: ConsultationParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportConsultationMinutes(ctxOf(app, req), req.params.id, req.params.consultationId, req.query.copy);
      return sendFile(reply, filename, DOCX, body);
    },
  );

  r.get(
    '/api/v1/supervision/lists/export.xlsx',
    {
      config: { access },
      schema: { operationId: 'exportSupervisionLists', tags, summary: '导出年度监督清单一览（Excel）', querystring: ListQuerySchema },
    },
    async (req, reply) => sendFile(reply, '年度监督清单.xlsx', XLSX, await exportLists(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/supervision/my-items/export.xlsx',
    {
      config: { access },
      schema: {
        operationId: 'exportMySupervisionItems',
        tags,
        summary: '导出我的监督事项（Excel）',
        querystring: z.object({ role: MyItemsRoleSchema.default('all'), year: Year.optional() }),
      },
    },
    async (req, reply) => {
      const body = await exportMyItems(ctxOf(app, req), { role: req.query.role, ...(req.query.year !== undefined ? { year: req.query.year } : {}) });
      return sendFile(reply, '我的监督事项.xlsx', XLSX, body);
    },
  );

  r.get(
    '/api/v1/supervision/matrix/export.xlsx',
    {
      config: { access },
      schema: { operationId: 'exportSupervisionMatrix', tags, summary: '导出共性事项完成情况矩阵（Excel）', querystring: z.object({ year: Year }) },
    },
    async (req, reply) => sendFile(reply, `${req.query.year}年度共性监督事项完成情况.xlsx`, XLSX, await exportMatrix(ctxOf(app, req), req.query.year)),
  );
}
