import type { DictionaryItem, SaveDictionaryItemBody } from '@liandong/domain/dictionaries/contracts';
import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { AppError, businessRule, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';

/** 数据字典 — read by everyone signed in; items saved by the system administrator. */

const canEdit = (ctx: Ctx) => hasAnyRole(ctx.actor, ['SYS_ADMIN']);

function presentItem(r: { code: string; label_zh: string; label_en: string; sort_order: number; active: boolean; version: number }): DictionaryItem {
  return { code: r.code, labelZh: r.label_zh, labelEn: r.label_en, sortOrder: r.sort_order, active: r.active, version: r.version };
}

export async function listDictionaries(ctx: Ctx) {
  const [dicts, items] = await Promise.all([
    ctx.db.selectFrom('dictionary').selectAll().where('commission_id', '=', ctx.actor.commissionId).orderBy('is_system', 'desc').orderBy('code').execute(),
    ctx.db.selectFrom('dictionary_item').selectAll().where('commission_id', '=', ctx.actor.commissionId).orderBy('sort_order').orderBy('code').execute(),
  ]);
  return {
    items: dicts.map((d) => ({
      code: d.code,
      nameZh: d.name_zh,
      nameEn: d.name_en,
      isSystem: d.is_system,
      items: items.filter((i) => i.dictionary_id === d.id).map(presentItem),
    })),
    abilities: { edit: canEdit(ctx) },
  };
}

/**
 * PUT /dictionaries/:code/items/:itemCode. An existing item is updated under its version. A missing item
 * is created in a business dictionary; system dictionaries mirror enums in code, so they get no new codes
 * and their items stay active (only labels and order change).
 */
export async function saveItem(ctx: Ctx, code: string, itemCode: string, body: SaveDictionaryItemBody): Promise<DictionaryItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const dict = await trx
      .selectFrom('dictionary')
      .select(['id', 'is_system', 'name_zh'])
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!dict) throw notFound('字典');
    const current = await trx
      .selectFrom('dictionary_item')
      .selectAll()
      .where('dictionary_id', '=', dict.id)
      .where('code', '=', itemCode)
      .forUpdate()
      .executeTakeFirst();
    if (dict.is_system && !body.active)
      throw businessRule(`“${dict.name_zh}”是系统字典，其字典项不能停用`, { issues: [{ path: 'active', message: '系统字典项不能停用' }] });
    let saved: DictionaryItem;
    if (current) {
      if (body.version === undefined)
        throw new AppError('VALIDATION', '输入有误：version 修改已有字典项时必须提供版本号', {
          issues: [{ path: 'version', message: '修改已有字典项时必须提供版本号' }],
        });
      if (body.version !== current.version) throw staleVersion();
      const row = await trx
        .updateTable('dictionary_item')
        .set({ label_zh: body.labelZh, label_en: body.labelEn, sort_order: body.sortOrder, active: body.active, version: sql`version + 1` })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      saved = presentItem(row);
    } else {
      if (dict.is_system)
        throw businessRule(`“${dict.name_zh}”是系统字典，不能新增编码（编码由系统定义，只能修改名称）`, {
          issues: [{ path: 'itemCode', message: '系统字典不能新增编码' }],
        });
      if (body.version !== undefined) throw staleVersion();
      const row = await trx
        .insertInto('dictionary_item')
        .values({
          commission_id: ctx.actor.commissionId,
          dictionary_id: dict.id,
          code: itemCode,
          label_zh: body.labelZh,
          label_en: body.labelEn,
          sort_order: body.sortOrder,
          active: body.active,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      saved = presentItem(row);
    }
    await audit(trx, ctx, {
      type: 'dictionary.item_saved',
      objectType: 'dictionary_item',
      objectId: `${code}/${itemCode}`,
      payload: {
        dictionary: code,
        code: itemCode,
        created: !current,
        before: current ? { labelZh: current.label_zh, labelEn: current.label_en, sortOrder: current.sort_order, active: current.active } : null,
        after: { labelZh: saved.labelZh, labelEn: saved.labelEn, sortOrder: saved.sortOrder, active: saved.active },
      },
    });
    return saved;
  });
}
