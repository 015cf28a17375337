import {
  AddWorkingDaysQuerySchema,
  AddWorkingDaysResultSchema,
  CalendarImportQuerySchema,
  CalendarImportResultSchema,
  CalendarDayParamsSchema,
  CalendarEntrySchema,
  CalendarYearResultSchema,
  CalendarYearSchema,
  SetCalendarDayBodySchema,
  WorkingDaysQuerySchema,
} from '@liandong/domain/calendar/contracts';
import { OkSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { importArrangement, readCalendarUpload } from './import';
import { addDays, clearDay, countWorkingDays, currentYearCst, getYear, setDay } from './service';

const tags = ['calendar'];

/** 工作日历: read by everyone signed in (deadlines), edited by the system administrator. */
export async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/calendar',
    {
      config: { access: { roles: 'any' } },
      schema: {
        operationId: 'getCalendarYear',
        tags,
        summary: '某年的节假日与调休上班日',
        querystring: z.object({ year: CalendarYearSchema.optional() }),
        response: { 200: CalendarYearResultSchema },
      },
    },
    async (req) => getYear(ctxOf(app, req), req.query.year ?? currentYearCst()),
  );

  r.put(
    '/api/v1/calendar/days/:day',
    {
      config: { access: { roles: ['SYS_ADMIN'] } },
      schema: {
        operationId: 'setCalendarDay',
        tags,
        summary: '设置节假日或调休上班日',
        params: CalendarDayParamsSchema,
        body: SetCalendarDayBodySchema,
        response: { 200: CalendarEntrySchema },
      },
    },
    async (req) => setDay(ctxOf(app, req), req.params.day, req.body),
  );

  r.delete(
    '/api/v1/calendar/days/:day',
    {
      config: { access: { roles: ['SYS_ADMIN'] } },
      schema: {
        operationId: 'clearCalendarDay',
        tags,
        summary: '清除日历例外（恢复按周末计算）',
        params: CalendarDayParamsSchema,
        response: { 200: OkSchema },
      },
    },
    async (req) => {
      await clearDay(ctxOf(app, req), req.params.day);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/calendar/working-days',
    {
      config: { access: { roles: 'any' } },
      schema: {
        operationId: 'countWorkingDays',
        tags,
        summary: '计算工作日数（起日不计，止日计入）',
        querystring: WorkingDaysQuerySchema,
        response: { 200: z.object({ count: z.number() }) },
      },
    },
    async (req) => ({ count: await countWorkingDays(ctxOf(app, req), req.query.from, req.query.to) }),
  );

  r.get(
    '/api/v1/calendar/add',
    {
      config: { access: { roles: 'any' } },
      schema: {
        operationId: 'addWorkingDays',
        tags,
        summary: '推算 N 个工作日后的到期日',
        querystring: AddWorkingDaysQuerySchema,
        response: { 200: AddWorkingDaysResultSchema },
      },
    },
    async (req) => addDays(ctxOf(app, req), req.query.from, req.query.days),
  );

  r.post(
    '/api/v1/calendar/import',
    {
      config: { access: { roles: ['SYS_ADMIN'] } },
      schema: {
        operationId: 'importCalendarArrangement',
        tags,
        summary: '导入节假日安排（multipart 字段 file；format=ics 或 xlsx；全部校验，有错误则不写入；覆盖文件涉及的年份）',
        consumes: ['multipart/form-data'],
        querystring: CalendarImportQuerySchema,
        response: { 200: CalendarImportResultSchema },
      },
    },
    async (req) => importArrangement(ctxOf(app, req), req.query.format, await readCalendarUpload(req, req.query.format)),
  );
}
