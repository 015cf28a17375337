import {
  CampaignBulletinDraftResultSchema,
  CampaignBulletinListSchema,
  CampaignKpisSchema,
  CampaignLinksSchema,
  CampaignRuleCreateBodySchema,
  CampaignRuleListSchema,
  CampaignRuleSchema,
  KpiSeriesQuerySchema,
  KpiSeriesSchema,
} from '@liandong/domain/campaigns/contracts-kpis';
import { IdParamsSchema, OkSchema, VersionSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { CAMPAIGN_READ_ROLES } from '../visibility';
import { exportCampaignKpis, exportCampaignRules } from './excel';
import { createCampaignRule, listCampaignRules, removeCampaignRule } from './rules';
import { draftCampaignBulletinNow, getCampaignLinks, listCampaignBulletins, readCampaignKpis, readCampaignSeries } from './service';

const tags = ['campaign-kpis'];
/** Every route names one campaign: 404 to anyone who may not see it (never confirms it exists). */
const object = { access: { roles: CAMPAIGN_READ_ROLES, notFoundOnDeny: true } };
const RuleParamsSchema = z.object({ id: z.uuid('编号格式不正确'), ruleId: z.uuid('编号格式不正确') });
const VersionQuerySchema = z.object({ version: z.coerce.number('版本号须为整数').pipe(VersionSchema) });

/** 专项整治成效: figures, monthly series, linked objects, 建章立制 register, periodic bulletins. */
export async function campaignKpiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/campaigns/:id/kpis',
    {
      config: object,
      schema: {
        operationId: 'getCampaignKpis',
        tags,
        summary: '专项整治成效指标（由关联数据计算）',
        params: IdParamsSchema,
        response: { 200: CampaignKpisSchema },
      },
    },
    async (req) => readCampaignKpis(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/campaigns/:id/kpis/series',
    {
      config: object,
      schema: {
        operationId: 'getCampaignKpiSeries',
        tags,
        summary: '专项整治成效指标按月新增',
        params: IdParamsSchema,
        querystring: KpiSeriesQuerySchema,
        response: { 200: KpiSeriesSchema },
      },
    },
    async (req) => readCampaignSeries(ctxOf(app, req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/campaigns/:id/kpis/export.xlsx',
    { config: object, schema: { operationId: 'exportCampaignKpis', tags, summary: '导出成效指标（Excel，带导出人水印，留痕）', params: IdParamsSchema } },
    async (req, reply) => sendFile(reply, '专项整治成效指标.xlsx', XLSX, await exportCampaignKpis(ctxOf(app, req), req.params.id)),
  );

  r.get(
    '/api/v1/campaigns/:id/links',
    {
      config: object,
      schema: {
        operationId: 'getCampaignLinks',
        tags,
        summary: '专项整治关联的线索、案件、整改任务（本人可见的）',
        params: IdParamsSchema,
        response: { 200: CampaignLinksSchema },
      },
    },
    async (req) => getCampaignLinks(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/campaigns/:id/rules',
    {
      config: object,
      schema: { operationId: 'listCampaignRules', tags, summary: '建章立制台账', params: IdParamsSchema, response: { 200: CampaignRuleListSchema } },
    },
    async (req) => listCampaignRules(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/campaigns/:id/rules/export.xlsx',
    { config: object, schema: { operationId: 'exportCampaignRules', tags, summary: '导出建章立制台账（Excel）', params: IdParamsSchema } },
    async (req, reply) => sendFile(reply, '建章立制台账.xlsx', XLSX, await exportCampaignRules(ctxOf(app, req), req.params.id)),
  );

  r.post(
    '/api/v1/campaigns/:id/rules',
    {
      config: object,
      schema: {
        operationId: 'createCampaignRule',
        tags,
        summary: '登记建章立制成果',
        params: IdParamsSchema,
        body: CampaignRuleCreateBodySchema,
        response: { 200: CampaignRuleSchema },
      },
    },
    async (req) => createCampaignRule(ctxOf(app, req), req.params.id, req.body),
  );

  r.delete(
    '/api/v1/campaigns/:id/rules/:ruleId',
    {
      config: object,
      schema: {
        operationId: 'removeCampaignRule',
        tags,
        summary: '删除建章立制成果（登记人或书记）',
        params: RuleParamsSchema,
        querystring: VersionQuerySchema,
        response: { 200: OkSchema },
      },
    },
    async (req) => {
      await removeCampaignRule(ctxOf(app, req), req.params.id, req.params.ruleId, req.query.version);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/campaigns/:id/bulletins',
    {
      config: object,
      schema: { operationId: 'listCampaignBulletins', tags, summary: '专项整治的通报', params: IdParamsSchema, response: { 200: CampaignBulletinListSchema } },
    },
    async (req) => listCampaignBulletins(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/campaigns/:id/bulletins/draft',
    {
      config: object,
      schema: {
        operationId: 'draftCampaignBulletin',
        tags,
        summary: '生成本期进展通报草稿（每期一份，重复调用返回已有草稿）',
        params: IdParamsSchema,
        response: { 200: CampaignBulletinDraftResultSchema },
      },
    },
    async (req) => draftCampaignBulletinNow(ctxOf(app, req), req.params.id),
  );
}
