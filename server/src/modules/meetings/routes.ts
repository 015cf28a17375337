import {
  ActionResultSchema,
  CalendarQuerySchema,
  CalendarSchema,
  DecisionActionBodySchema,
  DecisionCreateBodySchema,
  DecisionDetailSchema,
  DecisionPageSchema,
  DecisionQuerySchema,
  MeetingActionBodySchema,
  MeetingCreateBodySchema,
  MeetingDetailSchema,
  MeetingPageSchema,
  MeetingPatchBodySchema,
  MeetingQuerySchema,
  MeetingStaffQuerySchema,
  MeetingStaffSchema,
} from '@liandong/domain/meetings/contracts';
import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { DOCX_MIME } from '../letters';
import { MEETING_READ_ROLES } from '../visibility';
import { renderMinutesDocx } from './docx';
import { exportDecisions, exportMeetings } from './excel';
import { MEETING_CREATE_ROLES } from './policy';
import { meetingCalendar, meetingStaff } from './service-calendar';
import { actOnDecision, addDecision, getDecision, listDecisions } from './service-decisions';
import { actOnMeeting, createMeeting, getMeeting, listMeetings, patchMeeting } from './service-meetings';

const tags = ['meetings'];
const { collection, object } = routeAccess(MEETING_READ_ROLES);

/**
 * 会议 module (issue 11; domain.md b.5 Meeting, f.5): meetings with agenda, attendance and 纪要, the one
 * meeting calendar, and the decisions tracked as 督办 on the chair's board. Registered directly on the app.
 */
export async function meetingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/meetings',
    {
      config: collection,
      schema: { operationId: 'listMeetings', tags, summary: '会议台账', querystring: MeetingQuerySchema, response: { 200: MeetingPageSchema } },
    },
    async (req) => listMeetings(ctx(req), req.query),
  );
  r.get(
    '/api/v1/meetings/calendar',
    {
      config: collection,
      schema: {
        operationId: 'meetingCalendar',
        tags,
        summary: '会议日历（含室组会商、线索集体排查会，链接至原页面）',
        querystring: CalendarQuerySchema,
        response: { 200: CalendarSchema },
      },
    },
    async (req) => meetingCalendar(ctx(req), req.query.month),
  );
  r.get(
    '/api/v1/meetings/staff',
    {
      config: { access: { roles: MEETING_CREATE_ROLES } },
      schema: {
        operationId: 'meetingStaff',
        tags,
        summary: '可选的主持人、参会人员',
        querystring: MeetingStaffQuerySchema,
        response: { 200: MeetingStaffSchema },
      },
    },
    async (req) => meetingStaff(ctx(req), req.query.q),
  );
  r.get(
    '/api/v1/meetings/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportMeetings', tags, summary: '导出会议台账（Excel，带导出人水印，留痕）', querystring: MeetingQuerySchema },
    },
    async (req, reply) => sendFile(reply, '会议台账.xlsx', XLSX, await exportMeetings(ctx(req), req.query)),
  );
  r.post(
    '/api/v1/meetings',
    {
      config: { access: { roles: MEETING_CREATE_ROLES } },
      schema: {
        operationId: 'createMeeting',
        tags,
        summary: '登记会议（议程、出席/请假/列席）',
        body: MeetingCreateBodySchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (req) => createMeeting(ctx(req), req.body),
  );
  r.get(
    '/api/v1/meetings/:id',
    {
      config: object,
      schema: {
        operationId: 'getMeeting',
        tags,
        summary: '会议详情（议程、参会、纪要、议定事项）',
        params: IdParamsSchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (req) => getMeeting(ctx(req), req.params.id),
  );
  r.patch(
    '/api/v1/meetings/:id',
    {
      config: object,
      schema: {
        operationId: 'updateMeeting',
        tags,
        summary: '修改会议（纪要印发前）',
        params: IdParamsSchema,
        body: MeetingPatchBodySchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (req) => patchMeeting(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/meetings/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnMeeting',
        tags,
        summary: '会议流转（确认召开、印发纪要、取消）',
        params: IdParamsSchema,
        body: MeetingActionBodySchema,
        response: { 200: ActionResultSchema },
      },
    },
    async (req) => actOnMeeting(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/meetings/:id/minutes.docx',
    {
      config: object,
      schema: {
        operationId: 'meetingMinutesDocx',
        tags,
        summary: '会议纪要（DOCX，GB/T 9704 纪要格式，无发文字号；?copy=print 为打印用正式文本）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const doc = await renderMinutesDocx(ctx(req), req.params.id, req.query.copy);
      return sendFile(reply, doc.name, DOCX_MIME, doc.body);
    },
  );
  r.post(
    '/api/v1/meetings/:id/decisions',
    {
      config: object,
      schema: {
        operationId: 'addMeetingDecision',
        tags,
        summary: '交办议定事项（承办单位、办理时限）',
        params: IdParamsSchema,
        body: DecisionCreateBodySchema,
        response: { 200: DecisionDetailSchema },
      },
    },
    async (req) => addDecision(ctx(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/meeting-decisions',
    {
      config: collection,
      schema: {
        operationId: 'listMeetingDecisions',
        tags,
        summary: '议定事项督办台账（督办灯）',
        querystring: DecisionQuerySchema,
        response: { 200: DecisionPageSchema },
      },
    },
    async (req) => listDecisions(ctx(req), req.query),
  );
  r.get(
    '/api/v1/meeting-decisions/export.xlsx',
    { config: collection, schema: { operationId: 'exportMeetingDecisions', tags, summary: '导出议定事项督办台账（Excel）', querystring: DecisionQuerySchema } },
    async (req, reply) => sendFile(reply, '议定事项督办台账.xlsx', XLSX, await exportDecisions(ctx(req), req.query)),
  );
  r.get(
    '/api/v1/meeting-decisions/:id',
    {
      config: object,
      schema: { operationId: 'getMeetingDecision', tags, summary: '议定事项详情与进展', params: IdParamsSchema, response: { 200: DecisionDetailSchema } },
    },
    async (req) => getDecision(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/meeting-decisions/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnMeetingDecision',
        tags,
        summary: '议定事项办理（签收、报告进展、报告办结）',
        params: IdParamsSchema,
        body: DecisionActionBodySchema,
        response: { 200: ActionResultSchema },
      },
    },
    async (req) => actOnDecision(ctx(req), req.params.id, req.body),
  );
}
