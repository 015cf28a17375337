import {
  CampaignMemberParamsSchema,
  CampaignParamsSchema,
  MyTaskForcesSchema,
  TaskForceCandidatesQuerySchema,
  TaskForceCandidatesSchema,
  TaskForceCreateBodySchema,
  TaskForceMemberAddBodySchema,
  TaskForceMemberEndBodySchema,
  TaskForcePatchBodySchema,
  TaskForceViewSchema,
} from '@liandong/domain/taskforces/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayIso } from '../../platform/calendar';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { exportTaskForce } from './excel';
import { CAMPAIGN_READ_ROLES } from '../visibility';
import { createTaskForce, getTaskForceView, updateTaskForce } from './service';
import { addTaskForceMember, endTaskForceMember, myTaskForces, taskForceCandidates } from './service-members';

const tags = ['taskforces'];
const collection = { access: { roles: CAMPAIGN_READ_ROLES } };
const object = { access: { roles: CAMPAIGN_READ_ROLES, notFoundOnDeny: true } };

/** 工作专班 of a campaign: form it with its 双组长, change it, add and end members; and the caller's own memberships. */
export async function taskForceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/v1/campaigns/:campaignId/task-force';

  r.get(
    path,
    {
      config: object,
      schema: { operationId: 'getCampaignTaskForce', tags, summary: '专项整治工作专班', params: CampaignParamsSchema, response: { 200: TaskForceViewSchema } },
    },
    async (req) => getTaskForceView(ctxOf(app, req), req.params.campaignId),
  );

  r.get(
    `${path}/export.xlsx`,
    {
      config: object,
      schema: { operationId: 'exportCampaignTaskForce', tags, summary: '导出专班成员名册（Excel，带导出人水印，留痕）', params: CampaignParamsSchema },
    },
    async (req, reply) => sendFile(reply, '专班成员名册.xlsx', XLSX, await exportTaskForce(ctxOf(app, req), req.params.campaignId, todayIso())),
  );

  r.post(
    path,
    {
      config: object,
      schema: {
        operationId: 'createCampaignTaskForce',
        tags,
        summary: '组建工作专班（双组长）',
        params: CampaignParamsSchema,
        body: TaskForceCreateBodySchema,
        response: { 200: TaskForceViewSchema },
      },
    },
    async (req) => createTaskForce(ctxOf(app, req), req.params.campaignId, req.body),
  );

  r.patch(
    path,
    {
      config: object,
      schema: {
        operationId: 'updateCampaignTaskForce',
        tags,
        summary: '修改工作专班、更换组长',
        params: CampaignParamsSchema,
        body: TaskForcePatchBodySchema,
        response: { 200: TaskForceViewSchema },
      },
    },
    async (req) => updateTaskForce(ctxOf(app, req), req.params.campaignId, req.body),
  );

  r.post(
    `${path}/members`,
    {
      config: object,
      schema: {
        operationId: 'addCampaignTaskForceMember',
        tags,
        summary: '增加专班成员',
        params: CampaignParamsSchema,
        body: TaskForceMemberAddBodySchema,
        response: { 200: TaskForceViewSchema },
      },
    },
    async (req) => addTaskForceMember(ctxOf(app, req), req.params.campaignId, req.body),
  );

  r.post(
    `${path}/members/:memberId/end`,
    {
      config: object,
      schema: {
        operationId: 'endCampaignTaskForceMember',
        tags,
        summary: '结束专班成员任期',
        params: CampaignMemberParamsSchema,
        body: TaskForceMemberEndBodySchema,
        response: { 200: TaskForceViewSchema },
      },
    },
    async (req) => endTaskForceMember(ctxOf(app, req), req.params.campaignId, req.params.memberId, req.body),
  );

  r.get(
    '/api/v1/task-forces/mine',
    { config: collection, schema: { operationId: 'listMyTaskForces', tags, summary: '我的专班', response: { 200: MyTaskForcesSchema } } },
    async (req) => myTaskForces(ctxOf(app, req)),
  );

  r.get(
    '/api/v1/task-forces/candidates',
    {
      config: collection,
      schema: {
        operationId: 'listTaskForceCandidates',
        tags,
        summary: '可选专班成员',
        querystring: TaskForceCandidatesQuerySchema,
        response: { 200: TaskForceCandidatesSchema },
      },
    },
    async (req) => taskForceCandidates(ctxOf(app, req), req.query),
  );
}
