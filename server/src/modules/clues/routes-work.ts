import {
  ClueDecisionBodySchema,
  ClueInquirySchema,
  ClueMeetingCreateBodySchema,
  ClueMeetingListSchema,
  ClueMeetingQuerySchema,
  ClueMeetingSchema,
  ClueRequestListSchema,
  ClueRequestQuerySchema,
  ClueRequestSchema,
  ClueStaffQuerySchema,
  ClueStaffSchema,
  ClueVerificationSchema,
  InquiryPatchBodySchema,
  TeamMemberBodySchema,
  TeamMemberParamsSchema,
  VerificationPatchBodySchema,
} from '@liandong/domain/clues/contracts';
import { DocCopyQuerySchema, IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { CLUE_READ_ROLES, MEETING_ROLES, REQUEST_INBOX_ROLES, UNDERTAKING_ROLES } from './policy';
import { exportClueMeetingMinutes } from './minutes-docx';
import { createMeeting, getMeeting, listMeetings } from './service-meetings';
import { listClueStaff } from './service-staff';
import { decide, getRequest, listRequests } from './service-requests';
import { addTeamMember, patchInquiry, patchVerification, removeTeamMember, signReport } from './service-work';

const tags = ['clues'];
const object = (roles: typeof CLUE_READ_ROLES) => ({ access: { roles, notFoundOnDeny: true } });

/** Approval inbox and decisions, 谈话函询 and 初核 records, 核查组, signatures, 集体排查 meetings. */
export async function clueWorkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/clue-staff',
    {
      config: { access: { roles: CLUE_READ_ROLES } },
      schema: {
        operationId: 'listClueStaff',
        tags,
        summary: '可选办案人员（核查组、排查会）',
        querystring: ClueStaffQuerySchema,
        response: { 200: ClueStaffSchema },
      },
    },
    async (req) => listClueStaff(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/clue-requests',
    {
      config: { access: { roles: REQUEST_INBOX_ROLES } },
      schema: {
        operationId: 'listClueRequests',
        tags,
        summary: '问题线索审批事项',
        querystring: ClueRequestQuerySchema,
        response: { 200: ClueRequestListSchema },
      },
    },
    async (req) => listRequests(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/clue-requests/:id',
    {
      config: object(CLUE_READ_ROLES),
      schema: { operationId: 'getClueRequest', tags, summary: '审批事项', params: IdParamsSchema, response: { 200: ClueRequestSchema } },
    },
    async (req) => getRequest(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/clue-requests/:id/decisions',
    {
      config: object(REQUEST_INBOX_ROLES),
      schema: {
        operationId: 'decideClueRequest',
        tags,
        summary: '审批',
        params: IdParamsSchema,
        body: ClueDecisionBodySchema,
        response: { 200: ClueRequestSchema },
      },
    },
    async (req) => decide(ctxOf(app, req), req.params.id, req.body),
  );

  r.patch(
    '/api/v1/clue-inquiries/:id',
    {
      config: object(UNDERTAKING_ROLES),
      schema: {
        operationId: 'updateClueInquiry',
        tags,
        summary: '登记谈话函询情况',
        params: IdParamsSchema,
        body: InquiryPatchBodySchema,
        response: { 200: ClueInquirySchema },
      },
    },
    async (req) => patchInquiry(ctxOf(app, req), req.params.id, req.body),
  );

  r.patch(
    '/api/v1/clue-verifications/:id',
    {
      config: object(CLUE_READ_ROLES),
      schema: {
        operationId: 'updateClueVerification',
        tags,
        summary: '登记初步核实情况',
        params: IdParamsSchema,
        body: VerificationPatchBodySchema,
        response: { 200: ClueVerificationSchema },
      },
    },
    async (req) => patchVerification(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/clue-verifications/:id/team',
    {
      config: object(UNDERTAKING_ROLES),
      schema: {
        operationId: 'addClueTeamMember',
        tags,
        summary: '增加核查组成员',
        params: IdParamsSchema,
        body: TeamMemberBodySchema,
        response: { 200: ClueVerificationSchema },
      },
    },
    async (req) => addTeamMember(ctxOf(app, req), req.params.id, req.body),
  );

  r.delete(
    '/api/v1/clue-verifications/:id/team/:userId',
    {
      config: object(UNDERTAKING_ROLES),
      schema: {
        operationId: 'removeClueTeamMember',
        tags,
        summary: '核查组成员退出',
        params: TeamMemberParamsSchema,
        response: { 200: ClueVerificationSchema },
      },
    },
    async (req) => removeTeamMember(ctxOf(app, req), req.params.id, req.params.userId),
  );

  r.post(
    '/api/v1/clue-verifications/:id/sign',
    {
      config: object(CLUE_READ_ROLES),
      schema: { operationId: 'signClueReport', tags, summary: '核查组成员签署初核报告', params: IdParamsSchema, response: { 200: ClueVerificationSchema } },
    },
    async (req) => signReport(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/clue-meetings',
    {
      config: { access: { roles: MEETING_ROLES } },
      schema: {
        operationId: 'listClueMeetings',
        tags,
        summary: '线索集体排查会',
        querystring: ClueMeetingQuerySchema,
        response: { 200: ClueMeetingListSchema },
      },
    },
    async (req) => listMeetings(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/clue-meetings',
    {
      config: { access: { roles: MEETING_ROLES } },
      schema: {
        operationId: 'createClueMeeting',
        tags,
        summary: '记录线索集体排查会',
        body: ClueMeetingCreateBodySchema,
        response: { 200: ClueMeetingSchema },
      },
    },
    async (req) => createMeeting(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/clue-meetings/:id',
    {
      config: object(MEETING_ROLES),
      schema: { operationId: 'getClueMeeting', tags, summary: '集体排查会详情', params: IdParamsSchema, response: { 200: ClueMeetingSchema } },
    },
    async (req) => getMeeting(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/clue-meetings/:id/minutes.docx',
    {
      config: object(MEETING_ROLES),
      schema: {
        operationId: 'clueMeetingMinutesDocx',
        tags,
        summary: '集体排查会纪要（DOCX，GB/T 9704 纪要格式；?copy=print 为打印用正式文本；留痕）',
        params: IdParamsSchema,
        querystring: DocCopyQuerySchema,
      },
    },
    async (req, reply) => {
      const { filename, body } = await exportClueMeetingMinutes(ctxOf(app, req), req.params.id, req.query.copy);
      return sendFile(reply, filename, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body);
    },
  );
}
