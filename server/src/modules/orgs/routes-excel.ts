import { ImportQuerySchema, ImportResultSchema } from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayIso } from '../../platform/calendar';
import { XLSX } from '../../platform/excel';
import { retryAfterOnError } from '../../platform/gate';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { readXlsxUpload } from '../../platform/xlsx-safe';
import { exportStructure, importTemplate } from './excel-export';
import { STRUCTURE_READ_ROLES, STRUCTURE_WRITE_ROLES } from './policy';
import { importStructure } from './service-import';

const tags = ['orgs'];

/** Excel export (watermarked, audited), import template and all-or-nothing import. */
export async function excelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/export.xlsx',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'exportOrgs', tags, summary: '导出组织结构（Excel，含水印，记录审计）' },
    },
    async (req, reply) => {
      const body = await exportStructure(ctxOf(app, req));
      return sendFile(reply, `组织结构-${todayIso()}.xlsx`, XLSX, body);
    },
  );

  r.get(
    '/api/v1/orgs/import-template.xlsx',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: { operationId: 'getOrgImportTemplate', tags, summary: '组织结构导入模板' },
    },
    async (_req, reply) => sendFile(reply, '组织结构导入模板.xlsx', XLSX, await importTemplate()),
  );

  r.post(
    '/api/v1/orgs/import',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      onError: retryAfterOnError,
      schema: {
        operationId: 'importOrgs',
        tags,
        summary: '导入组织结构（multipart 字段 file；先全部校验，有错误则不写入；dryRun=true 仅校验）',
        consumes: ['multipart/form-data'],
        querystring: ImportQuerySchema,
        response: { 200: ImportResultSchema },
      },
    },
    async (req) => importStructure(ctxOf(app, req), await readXlsxUpload(req), req.query.dryRun),
  );
}
