import { InterferenceCreateBodySchema, InterferenceListSchema, InterferenceQuerySchema, InterferenceRecordSchema } from '@liandong/domain/cases/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { INTERFERENCE_ROLES, listInterference, recordInterference } from './interference';

const tags = ['cases'];
const access = { access: { roles: INTERFERENCE_ROLES } };

/** 打听案情、说情干预登记. */
export async function interferenceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/interference-records',
    {
      config: access,
      schema: {
        operationId: 'listInterferenceRecords',
        tags,
        summary: '打听案情、说情干预登记（干部监督室查阅全部并留痕，其他人员查阅本人登记）',
        querystring: InterferenceQuerySchema,
        response: { 200: InterferenceListSchema },
      },
    },
    async (req) => listInterference(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/interference-records',
    {
      config: access,
      schema: {
        operationId: 'recordInterference',
        tags,
        summary: '登记打听案情、说情干预',
        body: InterferenceCreateBodySchema,
        response: { 200: InterferenceRecordSchema },
      },
    },
    async (req) => recordInterference(ctxOf(app, req), req.body),
  );
}
