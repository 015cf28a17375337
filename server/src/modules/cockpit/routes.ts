import { COCKPIT_ROLES } from '@liandong/domain/access/role-sets';
import { type Cockpit, CockpitQuerySchema, CockpitSchema } from '@liandong/domain/cockpit/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { cockpitJson } from './cache';
import { DOCX_MIME, exportCockpitDocx } from './docx';
import { exportCockpitExcel } from './excel';

const tags = ['cockpit'];
const access = { access: { roles: COCKPIT_ROLES } };

/** 监督质效 cockpit (issue 15): figures, the Excel workbook and the 常委会 summary (DOCX with charts). */
export async function cockpitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cockpit',
    {
      config: access,
      schema: {
        operationId: 'getCockpit',
        tags,
        summary: '监督质效：按室、组、地、行业领域汇总监督清单、线索、案件、建议书、整改和专项整治（可下钻到台账）',
        querystring: CockpitQuerySchema,
        response: { 200: CockpitSchema },
      },
    },
    // Sent pre-serialised (validated against CockpitSchema when computed): Fastify does not re-serialise a string.
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await cockpitJson(ctxOf(app, req), req.query)) as unknown as Cockpit),
  );

  r.get(
    '/api/v1/cockpit/export.xlsx',
    {
      config: access,
      schema: { operationId: 'exportCockpit', tags, summary: '导出监督质效汇总（Excel，带导出人水印，留痕）', querystring: CockpitQuerySchema },
    },
    async (req, reply) => sendFile(reply, '监督质效汇总.xlsx', XLSX, await exportCockpitExcel(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/cockpit/summary.docx',
    {
      config: access,
      schema: { operationId: 'exportCockpitSummary', tags, summary: '监督质效情况报告（提交常委会，含图表，DOCX，留痕）', querystring: CockpitQuerySchema },
    },
    async (req, reply) => sendFile(reply, '监督质效情况报告.docx', DOCX_MIME, await exportCockpitDocx(ctxOf(app, req), req.query)),
  );
}
