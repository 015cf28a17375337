import type { SettingItem } from '@liandong/domain/settings/contracts';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { clearSettingsCache, SETTING_DEFAULTS, type SettingKey } from '../../platform/settings';
import { isSettingKey, SETTING_META } from './meta';

/** 系统配置: security keys for the security administrator, the others for the system administrator. */

function mayEdit(ctx: Ctx, key: SettingKey): boolean {
  return hasAnyRole(ctx.actor, [SETTING_META[key].security ? 'SEC_ADMIN' : 'SYS_ADMIN']);
}

export async function listSettings(ctx: Ctx): Promise<{ items: SettingItem[] }> {
  const rows = await ctx.db.selectFrom('setting').select(['key', 'value', 'version']).where('commission_id', '=', ctx.actor.commissionId).execute();
  const stored = new Map(rows.map((r) => [r.key, r]));
  const items = (Object.keys(SETTING_META) as SettingKey[]).map((key) => {
    const meta = SETTING_META[key];
    const row = stored.get(key);
    return {
      key,
      value: typeof row?.value === 'number' ? row.value : SETTING_DEFAULTS[key],
      default: SETTING_DEFAULTS[key],
      labelZh: meta.labelZh,
      labelEn: meta.labelEn,
      unit: meta.unit,
      min: meta.min,
      max: meta.max,
      editable: mayEdit(ctx, key),
      version: row?.version ?? 0,
    };
  });
  return { items };
}

/** PUT /settings/:key — validates the range, stores, clears the settings cache, audits. */
export async function setSetting(ctx: Ctx, key: string, value: number, version: number | undefined): Promise<SettingItem> {
  if (!isSettingKey(key)) throw notFound('配置项');
  const meta = SETTING_META[key];
  if (!mayEdit(ctx, key)) throw forbidden(meta.security ? '安全策略类配置只能由安全管理员修改' : '此配置只能由系统管理员修改');
  if (value < meta.min || value > meta.max) {
    const message = `取值范围为${meta.min}–${meta.max}${meta.unit}`;
    throw new AppError('VALIDATION', `输入有误：value ${message}`, { issues: [{ path: 'value', message }] });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('setting')
      .select(['value', 'version'])
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    if (version !== undefined && version !== (current?.version ?? 0)) throw staleVersion();
    await trx
      .insertInto('setting')
      .values({ commission_id: ctx.actor.commissionId, key, value: JSON.stringify(value) })
      .onConflict((oc) =>
        oc.columns(['commission_id', 'key']).doUpdateSet({ value: JSON.stringify(value), version: sql`setting.version + 1`, updated_at: sql`now()` }),
      )
      .execute();
    const from = typeof current?.value === 'number' ? current.value : SETTING_DEFAULTS[key];
    await audit(trx, ctx, { type: 'setting.changed', objectType: 'setting', objectId: key, payload: { key, from, to: value } });
  });
  clearSettingsCache();
  const { items } = await listSettings(ctx);
  return items.find((i) => i.key === key)!;
}
