import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import {
  ReportActionBodySchema,
  ReportActionResultSchema,
  ReportCreateBodySchema,
  ReportDetailSchema,
  ReporterListSchema,
  ReportPageSchema,
  ReportPatchBodySchema,
  ReportQuerySchema,
  ScheduleBodySchema,
  ScheduleResultSchema,
  SlotPageSchema,
  SlotQuerySchema,
  StatsSchema,
} from '@liandong/domain/work-reports/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { DOCX_MIME } from '../letters';
import { REPORT_ROLES } from './access';
import { renderReportDocx } from './docx';
import { exportSlots } from './excel';
import { actOnReport, createReport, getReport, listReports, patchReport } from './service-reports';
import { listReporters, listSlots, setSchedule, slotStats } from './service-slots';

const tags = ['work-reports'];
const { collection, object } = routeAccess(REPORT_ROLES);

/**
 * 统一调度 (issue 11; domain.md b.5 WorkReport): the reporting calendar (汇报计划) with its lights and export,
 * and the work reports (工作报告) drafted by the groups and counties, approved by their head, submitted to and
 * heard by the 常委会. Registered directly on the app.
 */
export async function workReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/report-slots',
    {
      config: collection,
      schema: { operationId: 'listReportSlots', tags, summary: '汇报计划（汇报灯）', querystring: SlotQuerySchema, response: { 200: SlotPageSchema } },
    },
    async (req) => listSlots(ctx(req), req.query),
  );
  r.get(
    '/api/v1/report-slots/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportReportSlots', tags, summary: '导出汇报计划台账（Excel，带导出人水印，留痕）', querystring: SlotQuerySchema },
    },
    async (req, reply) => sendFile(reply, '汇报计划台账.xlsx', XLSX, await exportSlots(ctx(req), req.query)),
  );
  r.get(
    '/api/v1/report-slots/reporters',
    { config: collection, schema: { operationId: 'listReporters', tags, summary: '向常委会汇报的单位及其汇报周期', response: { 200: ReporterListSchema } } },
    async (req) => listReporters(ctx(req)),
  );
  r.post(
    '/api/v1/report-slots/schedules',
    {
      config: collection,
      schema: {
        operationId: 'setReportSchedule',
        tags,
        summary: '设定汇报周期并生成年度汇报计划',
        body: ScheduleBodySchema,
        response: { 200: ScheduleResultSchema },
      },
    },
    async (req) => setSchedule(ctx(req), req.body),
  );
  r.get(
    '/api/v1/report-slots/:id/stats',
    {
      config: object,
      schema: { operationId: 'reportSlotStats', tags, summary: '汇报单位本期统计数据（实时）', params: IdParamsSchema, response: { 200: StatsSchema } },
    },
    async (req) => slotStats(ctx(req), req.params.id),
  );

  r.get(
    '/api/v1/work-reports',
    {
      config: collection,
      schema: { operationId: 'listWorkReports', tags, summary: '工作报告', querystring: ReportQuerySchema, response: { 200: ReportPageSchema } },
    },
    async (req) => listReports(ctx(req), req.query),
  );
  r.post(
    '/api/v1/work-reports',
    {
      config: collection,
      schema: {
        operationId: 'createWorkReport',
        tags,
        summary: '起草工作报告（汇报单位）',
        body: ReportCreateBodySchema,
        response: { 200: ReportDetailSchema },
      },
    },
    async (req) => createReport(ctx(req), req.body),
  );
  r.get(
    '/api/v1/work-reports/:id',
    {
      config: object,
      schema: { operationId: 'getWorkReport', tags, summary: '工作报告详情（含统计数据）', params: IdParamsSchema, response: { 200: ReportDetailSchema } },
    },
    async (req) => getReport(ctx(req), req.params.id),
  );
  r.get(
    '/api/v1/work-reports/:id/report.docx',
    {
      config: object,
      schema: {
        operationId: 'workReportDocx',
        tags,
        summary: '工作报告（DOCX，GB/T 9704 版式，含统计数据；?copy=print 为打印用正式文本）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const doc = await renderReportDocx(ctx(req), req.params.id, req.query.copy);
      return sendFile(reply, doc.name, DOCX_MIME, doc.body);
    },
  );
  r.patch(
    '/api/v1/work-reports/:id',
    {
      config: object,
      schema: {
        operationId: 'updateWorkReport',
        tags,
        summary: '修改工作报告（起草中或已退回）',
        params: IdParamsSchema,
        body: ReportPatchBodySchema,
        response: { 200: ReportDetailSchema },
      },
    },
    async (req) => patchReport(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/work-reports/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnWorkReport',
        tags,
        summary: '工作报告流转（提交审批、审批、退回、报送常委会）',
        params: IdParamsSchema,
        body: ReportActionBodySchema,
        response: { 200: ReportActionResultSchema },
      },
    },
    async (req) => actOnReport(ctx(req), req.params.id, req.body),
  );
}
