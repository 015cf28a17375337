import { SetSettingBodySchema, SettingItemSchema, SettingListSchema, SettingParamsSchema } from '@liandong/domain/settings/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { listSettings, setSetting } from './service';

const ADMINS = ['SEC_ADMIN', 'SYS_ADMIN'] as const;

/** 系统配置 (password policy, lockout, timeouts, upload cap, reminders). */
export async function settingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/settings',
    {
      config: { access: { roles: ADMINS } },
      schema: { operationId: 'listSettings', tags: ['settings'], summary: '系统配置项', response: { 200: SettingListSchema } },
    },
    async (req) => listSettings(ctxOf(app, req)),
  );

  r.put(
    '/api/v1/settings/:key',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        operationId: 'setSetting',
        tags: ['settings'],
        summary: '修改配置项（安全类由安全管理员，其余由系统管理员）',
        params: SettingParamsSchema,
        body: SetSettingBodySchema,
        response: { 200: SettingItemSchema },
      },
    },
    async (req) => setSetting(ctxOf(app, req), req.params.key, req.body.value, req.body.version),
  );
}
