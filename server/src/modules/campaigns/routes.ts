import {
  CampaignActionBodySchema,
  CampaignCreateBodySchema,
  CampaignDetailSchema,
  CampaignOrgParamsSchema,
  CampaignPageSchema,
  CampaignPatchBodySchema,
  CampaignQuerySchema,
  ParticipantPutBodySchema,
  VersionQuerySchema,
} from '@liandong/domain/campaigns/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { CAMPAIGN_READ_ROLES } from '../visibility';
import { exportCampaigns } from './excel';
import { listCampaigns, readCampaign } from './read';
import { actOnCampaign, createCampaign, patchCampaign, putParticipant, removeParticipant } from './service';

const tags = ['campaigns'];
const { collection, object } = routeAccess(CAMPAIGN_READ_ROLES);

/**
 * 专项整治 register (domain.md b.5, c.4): ledger and Excel, detail, create, PATCH while PLANNED,
 * participants with their 分工, and the machine's actions (plan approval, phases, close).
 */
export async function campaignRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/campaigns',
    {
      config: collection,
      schema: {
        operationId: 'listCampaigns',
        tags,
        summary: '专项整治台账（年度、领域、阶段、关键词；各模块的专项整治选择器读取本接口）',
        querystring: CampaignQuerySchema,
        response: { 200: CampaignPageSchema },
      },
    },
    async (req) => listCampaigns(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/campaigns/export.xlsx',
    {
      config: collection,
      schema: {
        operationId: 'exportCampaigns',
        tags,
        summary: '导出专项整治台账与参与单位分工（Excel，带导出人水印，留痕）',
        querystring: CampaignQuerySchema,
      },
    },
    async (req, reply) => sendFile(reply, '专项整治台账.xlsx', XLSX, await exportCampaigns(ctxOf(app, req), req.query)),
  );

  r.post(
    '/api/v1/campaigns',
    {
      config: collection,
      schema: {
        operationId: 'createCampaign',
        tags,
        summary: '登记专项整治（牵头部门默认党风政风监督室）',
        body: CampaignCreateBodySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => createCampaign(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/campaigns/:id',
    {
      config: object,
      schema: {
        operationId: 'getCampaign',
        tags,
        summary: '专项整治详情（参与单位与分工、工作方案及审批、专班组长、时间线、可执行操作）',
        params: IdParamsSchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => readCampaign(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/campaigns/:id',
    {
      config: object,
      schema: {
        operationId: 'updateCampaign',
        tags,
        summary: '修改专项整治（仅方案制定阶段；修改方案须重新审批）',
        params: IdParamsSchema,
        body: CampaignPatchBodySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => patchCampaign(ctxOf(app, req), req.params.id, req.body),
  );

  r.put(
    '/api/v1/campaigns/:id/participants/:orgId',
    {
      config: object,
      schema: {
        operationId: 'putCampaignParticipant',
        tags,
        summary: '增加参与单位或修改其类别与分工',
        params: CampaignOrgParamsSchema,
        body: ParticipantPutBodySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => putParticipant(ctxOf(app, req), req.params.id, req.params.orgId, req.body),
  );

  r.delete(
    '/api/v1/campaigns/:id/participants/:orgId',
    {
      config: object,
      schema: {
        operationId: 'removeCampaignParticipant',
        tags,
        summary: '移除参与单位',
        params: CampaignOrgParamsSchema,
        querystring: VersionQuerySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => removeParticipant(ctxOf(app, req), req.params.id, req.params.orgId, req.query.version),
  );

  r.post(
    '/api/v1/campaigns/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnCampaign',
        tags,
        summary: '专项整治流转（审批工作方案、动员部署、各阶段、总结评估、结束或转入常态化监督）',
        params: IdParamsSchema,
        body: CampaignActionBodySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (req) => actOnCampaign(ctxOf(app, req), req.params.id, req.body),
  );
}
