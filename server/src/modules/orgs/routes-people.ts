import {
  IdParamsSchema,
  PeopleListQuerySchema,
  PeopleListSchema,
  PersonSchema,
  RevealIdNumberSchema,
  SetIdNumberBodySchema,
} from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { ID_NUMBER_ROLES, PEOPLE_READ_ROLES } from './policy';
import { getPerson, listPeople, revealIdNumber, setIdNumber } from './service-people';

const tags = ['people'];

/** 人员信息 (business content: the 三员 get 403 on the list and 404 on a person). */
export async function peopleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/people',
    {
      config: { access: { roles: PEOPLE_READ_ROLES } },
      schema: {
        operationId: 'listPeople',
        tags,
        summary: '人员信息（按知悉范围，身份证号仅显示掩码）',
        querystring: PeopleListQuerySchema,
        response: { 200: PeopleListSchema },
      },
    },
    async (req) => listPeople(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/people/:id',
    {
      config: { access: { roles: PEOPLE_READ_ROLES, notFoundOnDeny: true } },
      schema: { operationId: 'getPerson', tags, summary: '人员详情', params: IdParamsSchema, response: { 200: PersonSchema } },
    },
    async (req) => getPerson(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/people/:id/reveal-id-number',
    {
      config: { access: { roles: ID_NUMBER_ROLES } },
      schema: {
        operationId: 'revealIdNumber',
        tags,
        summary: '查看完整身份证号码（记录审计）',
        params: IdParamsSchema,
        response: { 200: RevealIdNumberSchema },
      },
    },
    async (req) => revealIdNumber(ctxOf(app, req), req.params.id),
  );

  r.put(
    '/api/v1/people/:id/id-number',
    {
      config: { access: { roles: ID_NUMBER_ROLES } },
      schema: {
        operationId: 'setIdNumber',
        tags,
        summary: '登记身份证号码（国密SM4加密存储）',
        params: IdParamsSchema,
        body: SetIdNumberBodySchema,
        response: { 200: PersonSchema },
      },
    },
    async (req) => setIdNumber(ctxOf(app, req), req.params.id, req.body),
  );
}
