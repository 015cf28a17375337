import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  TaskActionBodySchema,
  TaskActionResultSchema,
  TaskCreateBodySchema,
  TaskDetailSchema,
  TaskPageSchema,
  TaskQuerySchema,
} from '@liandong/domain/reform/contracts-reform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { XLSX } from '../../platform/excel';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportTasks } from './excel';
import { REFORM_CREATE_ROLES } from './policy';
import { actOnTask, createTask } from './service-tasks';
import { getTask, listTasks } from './service-tasks-read';
import { REFORM_READ_ROLES } from '../visibility';

const tags = ['reform'];
const { collection, object } = routeAccess(REFORM_READ_ROLES);

/** 整改任务: the board with lights, export, create, detail and the one door for actions. */
export async function taskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/rectification-tasks',
    {
      config: collection,
      schema: {
        operationId: 'listRectificationTasks',
        tags,
        summary: '整改督办台账（督办灯）',
        querystring: TaskQuerySchema,
        response: { 200: TaskPageSchema },
      },
    },
    async (req) => listTasks(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/rectification-tasks/export.xlsx',
    {
      config: collection,
      schema: { operationId: 'exportRectificationTasks', tags, summary: '导出整改督办台账（Excel，带导出人水印，留痕）', querystring: TaskQuerySchema },
    },
    async (req, reply) => sendFile(reply, '整改督办台账.xlsx', XLSX, await exportTasks(ctxOf(app, req), req.query)),
  );

  r.post(
    '/api/v1/rectification-tasks',
    {
      config: { access: { roles: REFORM_CREATE_ROLES } },
      schema: {
        operationId: 'createRectificationTask',
        tags,
        summary: '交办整改任务（手工或由监督发现问题移交）',
        body: TaskCreateBodySchema,
        response: { 200: TaskDetailSchema },
      },
    },
    async (req) => createTask(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/rectification-tasks/:id',
    {
      config: object,
      schema: {
        operationId: 'getRectificationTask',
        tags,
        summary: '整改任务详情（方案、进展、核验、督办）',
        params: IdParamsSchema,
        response: { 200: TaskDetailSchema },
      },
    },
    async (req) => getTask(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/rectification-tasks/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'actOnRectificationTask',
        tags,
        summary: '整改任务流转（报送方案、报告进展和完成；认可、退回、核验、销号、升级督办）',
        params: IdParamsSchema,
        body: TaskActionBodySchema,
        response: { 200: TaskActionResultSchema },
      },
    },
    async (req) => actOnTask(ctxOf(app, req), req.params.id, req.body),
  );
}
