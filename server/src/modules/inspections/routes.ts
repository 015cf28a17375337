import {
  CampaignIdParamsSchema,
  FindingCreateBodySchema,
  FindingHandOverBodySchema,
  FindingHandOverResultSchema,
  FindingPatchBodySchema,
  InspectionActionBodySchema,
  InspectionDetailSchema,
  InspectionKpisSchema,
  InspectionListSchema,
  InspectionPlanBodySchema,
} from '@liandong/domain/inspections/contracts';
import { UploadedAttachmentSchema } from '@liandong/domain/attachments/contracts';
import { IdParamsSchema, VersionSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { LARGE_JSON_BODY_LIMIT } from '../../platform/body-limits';
import { XLSX } from '../../platform/excel';
import { sendFile } from '../../platform/http';
import { exportInspections } from './excel';
import { handOverFinding } from './hand-over';
import { campaignKpis } from './service-kpis';
import { listInspectionStaff, planInspection } from './service-plan';
import { actOnInspection, addFinding, deleteFinding, patchFinding, uploadFindingPhoto } from './service-findings';
import { listInspections, readInspection } from './service-read';
import { INSPECTION_ROLES } from '../visibility';

const tags = ['inspections'];
const { collection, object } = routeAccess(INSPECTION_ROLES);
const Created = z.object({ id: z.string(), version: z.number() });

/** 联合抽查 / 明察暗访 (四不两直): a campaign's checks, their findings, photos and hand-over, KPIs, export. */
export async function inspectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(app, req);

  r.get(
    '/api/v1/campaigns/:id/inspections',
    {
      config: object,
      schema: {
        operationId: 'listInspections',
        tags,
        summary: '专项整治的检查（保密：检查日期前仅检查组和审批人可见）',
        params: CampaignIdParamsSchema,
        response: { 200: InspectionListSchema },
      },
    },
    async (req) => listInspections(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/campaigns/:id/inspections',
    {
      config: object,
      schema: {
        operationId: 'planInspection',
        tags,
        summary: '制定检查计划（牵头部门或专班组长）',
        params: CampaignIdParamsSchema,
        body: InspectionPlanBodySchema,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.code(201).send(await planInspection(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/campaigns/:id/inspections/kpis',
    {
      config: object,
      schema: {
        operationId: 'inspectionKpis',
        tags,
        summary: '检查工作指标（仅计入已到检查日期的检查）',
        params: CampaignIdParamsSchema,
        response: { 200: InspectionKpisSchema },
      },
    },
    async (req) => campaignKpis(ctx(req), req.params.id),
  );
  r.get(
    '/api/v1/campaigns/:id/inspections/export.xlsx',
    { config: object, schema: { operationId: 'exportInspections', tags, summary: '导出检查台账和发现问题（Excel，留痕）', params: CampaignIdParamsSchema } },
    async (req, reply) => sendFile(reply, '检查台账.xlsx', XLSX, await exportInspections(ctx(req), req.params.id)),
  );
  r.get(
    '/api/v1/inspections/:id',
    {
      config: object,
      schema: {
        operationId: 'getInspection',
        tags,
        summary: '检查详情（含检查组、发现问题、照片）',
        params: IdParamsSchema,
        response: { 200: InspectionDetailSchema },
      },
    },
    async (req) => readInspection(ctx(req), req.params.id),
  );
  r.post(
    '/api/v1/inspections/:id/actions',
    {
      config: object,
      bodyLimit: LARGE_JSON_BODY_LIMIT,
      schema: {
        operationId: 'actOnInspection',
        tags,
        summary: '审批、完成（检查报告）或取消（理由）检查',
        params: IdParamsSchema,
        body: InspectionActionBodySchema,
        response: { 200: InspectionDetailSchema },
      },
    },
    async (req) => actOnInspection(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/inspections/:id/findings',
    {
      config: object,
      schema: {
        operationId: 'addInspectionFinding',
        tags,
        summary: '记录发现问题',
        params: IdParamsSchema,
        body: FindingCreateBodySchema,
        response: { 201: InspectionDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addFinding(ctx(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/v1/inspection-findings/:id',
    {
      config: object,
      schema: {
        operationId: 'patchInspectionFinding',
        tags,
        summary: '修改发现问题（移交前）',
        params: IdParamsSchema,
        body: FindingPatchBodySchema,
        response: { 200: InspectionDetailSchema },
      },
    },
    async (req) => patchFinding(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/inspection-findings/:id',
    {
      config: object,
      schema: {
        operationId: 'deleteInspectionFinding',
        tags,
        summary: '删除发现问题及其照片（移交前）',
        params: IdParamsSchema,
        querystring: z.object({ version: z.coerce.number().pipe(VersionSchema) }),
        response: { 200: InspectionDetailSchema },
      },
    },
    async (req) => deleteFinding(ctx(req), req.params.id, req.query.version),
  );
  r.post(
    '/api/v1/inspection-findings/:id/photos',
    {
      config: object,
      schema: {
        operationId: 'uploadInspectionPhoto',
        tags,
        consumes: ['multipart/form-data'],
        summary: '上传现场照片（multipart: file；仅限图片，按内容识别）',
        params: IdParamsSchema,
        response: { 201: UploadedAttachmentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await uploadFindingPhoto(ctx(req), req.params.id, req)),
  );
  r.post(
    '/api/v1/inspection-findings/:id/hand-over',
    {
      config: object,
      schema: {
        operationId: 'handOverInspectionFinding',
        tags,
        summary: '一键移交发现问题：问题线索、整改任务或问责（只能一次）',
        params: IdParamsSchema,
        body: FindingHandOverBodySchema,
        response: { 201: FindingHandOverResultSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await handOverFinding(ctx(req), req.params.id, req.body)),
  );
  r.get(
    '/api/v1/inspection-staff',
    {
      config: collection,
      schema: {
        operationId: 'listInspectionStaff',
        tags,
        summary: '可编入检查组的人员（姓名、单位检索）',
        querystring: z.object({ q: z.string().trim().max(50, '不超过50个字符').optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })) }) },
      },
    },
    async (req) => listInspectionStaff(ctx(req), req.query.q),
  );
}
