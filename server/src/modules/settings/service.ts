import type { SettingItem } from '@liandong/domain/settings/contracts';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { clearSettingsCache, SETTING_DEFAULTS, type SettingKey } from '../../platform/settings';
import { isSettingKey, SETTING_META, type SettingMeta } from './meta';

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
    const m: SettingMeta = meta;
    return {
      key,
      value: typeof row?.value === typeof SETTING_DEFAULTS[key] ? (row!.value as number | string) : SETTING_DEFAULTS[key],
      default: SETTING_DEFAULTS[key],
      kind: m.kind ?? 'number',
      ...(m.options ? { options: m.options.map((o) => ({ ...o })) } : {}),
      ...(m.hintZh ? { hintZh: m.hintZh, hintEn: m.hintEn } : {}),
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

const invalid = (message: string) => new AppError('VALIDATION', `输入有误：value ${message}`, { issues: [{ path: 'value', message }] });

/** An organ's name as printed: Chinese characters, Latin letters, digits, （）·and no spaces or line breaks. */
const ORGAN_NAME = /^[\p{Script=Han}A-Za-z0-9（）()·]+$/u;

/** The value checked against the key's kind and bounds (a text is trimmed); throws a 400 with the path `value`. */
function checkedValue(meta: SettingMeta, value: number | string): number | string {
  const kind = meta.kind ?? 'number';
  if (kind === 'number') {
    if (typeof value !== 'number') throw invalid('须为整数');
    if (value < meta.min || value > meta.max) throw invalid(`取值范围为${meta.min}–${meta.max}${meta.unit}`);
    return value;
  }
  if (typeof value !== 'string') throw invalid(kind === 'choice' ? '须为可选值之一' : '须为文本');
  if (kind === 'choice') {
    if (!meta.options?.some((o) => o.value === value)) throw invalid(`须为以下之一：${meta.options?.map((o) => o.labelZh).join('、')}`);
    return value;
  }
  const text = value.trim();
  if (text.length > meta.max) throw invalid(`不超过${meta.max}个字`);
  if (text !== '' && !ORGAN_NAME.test(text)) throw invalid('只能包含汉字、字母、数字和括号，不含空格或换行');
  return text;
}

/** PUT /settings/:key — validates the value by kind and range, stores, clears the settings cache, audits. */
export async function setSetting(ctx: Ctx, key: string, raw: number | string, version: number | undefined): Promise<SettingItem> {
  if (!isSettingKey(key)) throw notFound('配置项');
  const meta: SettingMeta = SETTING_META[key];
  if (!mayEdit(ctx, key)) throw forbidden(meta.security ? '安全策略类配置只能由安全管理员修改' : '此配置只能由系统管理员修改');
  const value = checkedValue(meta, raw);
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
    const from = typeof current?.value === typeof SETTING_DEFAULTS[key] ? current!.value : SETTING_DEFAULTS[key];
    await audit(trx, ctx, { type: 'setting.changed', objectType: 'setting', objectId: key, payload: { key, from, to: value } });
  });
  clearSettingsCache();
  const { items } = await listSettings(ctx);
  return items.find((i) => i.key === key)!;
}
