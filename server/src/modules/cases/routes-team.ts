import {
  CaseDetailSchema,
  MeasureCreateBodySchema,
  MeasurePatchBodySchema,
  MeasureSchema,
  TeamCandidatesQuerySchema,
  TeamCandidatesSchema,
  TeamMemberBodySchema,
  TeamMemberParamsSchema,
} from '@liandong/domain/cases/contracts';
import { IdParamsSchema, OkSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { createMeasure, patchMeasure } from './measures';
import { getCase } from './service-detail';
import { addTeamMember, removeTeamMember, teamCandidates } from './team';
import { CASE_READ_ROLES } from '../visibility';

const tags = ['cases'];
const object = { access: { roles: CASE_READ_ROLES, notFoundOnDeny: true } };

/** 室组联合办案 teams and 审查调查措施. */
export async function caseTeamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/cases/:id/team-candidates',
    {
      config: object,
      schema: {
        operationId: 'listCaseTeamCandidates',
        tags,
        summary: '可加入办案组的人员（已排除审查与审理分离禁止的人员）',
        params: IdParamsSchema,
        querystring: TeamCandidatesQuerySchema,
        response: { 200: TeamCandidatesSchema },
      },
    },
    async (req) => ({ items: await teamCandidates(ctxOf(app, req), req.params.id, req.query) }),
  );

  r.post(
    '/api/v1/cases/:id/team',
    {
      config: object,
      schema: {
        operationId: 'addCaseTeamMember',
        tags,
        summary: '增加办案组成员（曾在审查调查组的人员不得进入审理组：422 TRIAL_TEAM_CONFLICT）',
        params: IdParamsSchema,
        body: TeamMemberBodySchema,
        response: { 200: CaseDetailSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(app, req);
      await addTeamMember(ctx, req.params.id, req.body);
      return getCase(ctx, req.params.id);
    },
  );

  r.delete(
    '/api/v1/cases/:id/team/:memberId',
    {
      config: object,
      schema: { operationId: 'removeCaseTeamMember', tags, summary: '办案组成员离组（保留记录）', params: TeamMemberParamsSchema, response: { 200: OkSchema } },
    },
    async (req) => {
      await removeTeamMember(ctxOf(app, req), req.params.id, req.params.memberId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/cases/:id/measures',
    {
      config: object,
      schema: {
        operationId: 'createCaseMeasure',
        tags,
        summary: '登记审查调查措施（按法定期限计算到期日）',
        params: IdParamsSchema,
        body: MeasureCreateBodySchema,
        response: { 200: MeasureSchema },
      },
    },
    async (req) => createMeasure(ctxOf(app, req), req.params.id, req.body),
  );

  r.patch(
    '/api/v1/case-measures/:id',
    {
      config: object,
      schema: {
        operationId: 'updateCaseMeasure',
        tags,
        summary: '延长（限一次；留置须上一级批准）、结束审查调查措施',
        params: IdParamsSchema,
        body: MeasurePatchBodySchema,
        response: { 200: MeasureSchema },
      },
    },
    async (req) => patchMeasure(ctxOf(app, req), req.params.id, req.body),
  );
}
