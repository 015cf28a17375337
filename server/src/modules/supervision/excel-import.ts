import type { Labelled } from '@liandong/domain/labels';
import type { ImportError } from '@liandong/domain/org/contracts';
import {
  BASIS_LABELS,
  type Basis,
  FREQUENCY_LABELS,
  type Frequency,
  METHOD_LABELS,
  type Method,
  SIDE_LABELS,
  type Side,
} from '@liandong/domain/supervision/enums';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { cellAt, readXlsxSafely, sheetNamed } from '../../platform/xlsx-safe';
import { parseDate, resolveEnum } from '../orgs';
import { ITEM_COLUMNS, ITEM_SHEET, SEPARATOR } from './excel';
import { listSides, whyNotAddItem } from './policy';
import { findList, loadActorFacts, type Q } from './repo';
import { partyIssues } from './validate';

/*
 * POST /supervision/lists/:id/import — validated, all-or-nothing import of items into a list that is
 * still being drafted. Every row is checked (labels or codes for enums, org codes against the list's
 * group / liaison office / counties, dates, host units within the list's, duplicates); any error →
 * 422 with { errors: [{ sheet, row, column, message }] } and nothing written. Otherwise all items are
 * inserted as DRAFT in one transaction, each with its audit event.
 */

const MAX_ROWS = 500;
const MAX_ERRORS = 200;

interface Parsed {
  row: number;
  matter: string;
  bases: Basis[];
  leadSide: Side;
  leadOrgId: string;
  assistSide: Side | null;
  assistOrgId: string | null;
  methods: Method[];
  frequency: Frequency | null;
  dueDate: string | null;
  hostUnitIds: string[];
}

const PATH_COLUMN: Record<string, string> = {
  leadSide: '牵头方',
  leadOrgId: '牵头单位编码',
  assistSide: '协助方',
  assistOrgId: '协助单位编码',
};

export async function importItems(ctx: Ctx, listId: string, file: Buffer, dryRun: boolean) {
  const list = await findList(ctx.db, ctx.actor, listId);
  if (!list) throw new AppError('NOT_FOUND', '监督清单不存在或无权访问');
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  const denial = whyNotAddItem(listSides(facts, { ownerGroupId: list.owner_group_id, liaisonOfficeId: list.liaison_office_id }), { hasApprovedItems: false });
  if (denial) throw new AppError(denial.code, denial.message);
  if (await agreedItem(ctx.db, listId)) throw notDraft();
  const wb = await readXlsxSafely(file);
  const ws = sheetNamed(wb, ITEM_SHEET) ?? wb.sheets[0];
  const errors: ImportError[] = [];
  const sheet = ws?.name ?? ITEM_SHEET;
  const err = (row: number, column: string, message: string) => errors.push({ sheet, row, column, message });
  if (!ws) throw new AppError('BUSINESS_RULE', `缺少工作表“${ITEM_SHEET}”，请使用导入模板`, { errors: [{ sheet, row: 0, column: '', message: '缺少工作表' }] });

  // Header row: the first of rows 1–5 naming the required columns.
  const index = new Map<string, number>();
  let headerRow = 0;
  for (const candidate of ws.rows.filter((r) => r.row <= 5)) {
    if (headerRow) break;
    const found = new Map<string, number>();
    candidate.cells.forEach((cell, i) => {
      const text = cell.replace(/\*/g, '').replace(/\s+/g, '');
      const c = ITEM_COLUMNS.find((x) => x.header === text);
      if (c && !found.has(c.key)) found.set(c.key, i + 1);
    });
    if (ITEM_COLUMNS.filter((c) => c.required).every((c) => found.has(c.key))) {
      headerRow = candidate.row;
      for (const [k, v] of found) index.set(k, v);
    }
  }
  if (!headerRow) {
    err(
      1,
      '',
      `未找到表头（应包含：${ITEM_COLUMNS.filter((c) => c.required)
        .map((c) => c.header)
        .join('、')}）`,
    );
    throw reject(errors);
  }

  // Org codes of the commission, and the existing matters of the list (duplicates).
  const orgs = await ctx.db.selectFrom('org').select(['id', 'code']).where('commission_id', '=', ctx.actor.commissionId).execute();
  const orgByCode = new Map(orgs.map((o) => [o.code.toUpperCase(), o.id]));
  const existing = await ctx.db.selectFrom('supervision_item').select(['matter', 'state']).where('list_id', '=', listId).execute();
  const existingMatters = new Set(existing.filter((e) => e.state !== 'CANCELLED').map((e) => e.matter));
  const seenMatters = new Map<string, number>();
  const items: Parsed[] = [];
  const header = (key: string) => ITEM_COLUMNS.find((c) => c.key === key)!.header;

  for (const row of ws.rows) {
    const r = row.row;
    if (r <= headerRow) continue;
    const get = (key: string) => {
      const col = index.get(key);
      return col ? cellAt(row, col) : '';
    };
    if (ITEM_COLUMNS.every((c) => get(c.key) === '')) continue;
    if (items.length + 1 > MAX_ROWS) {
      err(r, '', `数据行超过${MAX_ROWS}行，请分批导入`);
      break;
    }
    const before = errors.length;
    const e = (key: string, message: string) => err(r, header(key), message);
    const matter = get('matter').replace(/\s+/g, ' ');
    if (!matter) e('matter', '必填');
    else if (matter.length > 500) e('matter', '不超过500个字符');
    else if (existingMatters.has(matter)) e('matter', '清单中已有相同的监督事项');
    else if (seenMatters.has(matter)) e('matter', `与第${seenMatters.get(matter)}行重复`);
    else seenMatters.set(matter, r);
    const many = <T extends string>(key: string, labels: Labelled<T>): T[] => {
      const out: T[] = [];
      for (const part of get(key).split(SEPARATOR).filter(Boolean)) {
        const v = resolveEnum(labels, part);
        if (!v) e(key, `“${part}”不是有效的取值`);
        else if (!out.includes(v)) out.push(v);
      }
      return out;
    };
    const bases = many<Basis>('bases', BASIS_LABELS);
    const methods = many<Method>('methods', METHOD_LABELS);
    if (!get('methods')) e('methods', '必填');
    const side = (key: string, required: boolean): Side | null => {
      const text = get(key);
      if (!text) {
        if (required) e(key, '必填');
        return null;
      }
      const v = resolveEnum(SIDE_LABELS, text);
      if (!v)
        e(
          key,
          `“${text}”不是有效的取值（${Object.values(SIDE_LABELS)
            .map((l) => l.zh)
            .join('、')}）`,
        );
      return v;
    };
    const org = (key: string, required: boolean): string | null => {
      const code = get(key);
      if (!code) {
        if (required) e(key, '必填');
        return null;
      }
      const id = orgByCode.get(code.toUpperCase());
      if (!id) e(key, `编码“${code}”不存在`);
      return id ?? null;
    };
    const leadSide = side('leadSide', true);
    const leadOrgId = org('leadOrgCode', true);
    const assistSide = side('assistSide', false);
    const assistOrgId = org('assistOrgCode', false);
    const freqText = get('frequency');
    const frequency = freqText ? resolveEnum(FREQUENCY_LABELS, freqText) : null;
    if (freqText && !frequency) e('frequency', `“${freqText}”不是有效的取值`);
    const dueText = get('dueDate');
    const dueDate = dueText ? parseDate(dueText) : null;
    if (dueText && !dueDate) e('dueDate', `“${dueText}”不是有效日期（YYYY-MM-DD）`);
    const hostUnitIds: string[] = [];
    for (const code of get('hostUnitCodes').split(SEPARATOR).filter(Boolean)) {
      const id = orgByCode.get(code.toUpperCase());
      if (!id) e('hostUnitCodes', `编码“${code}”不存在`);
      else if (!list.host_unit_ids.includes(id)) e('hostUnitCodes', `“${code}”不是本清单的驻在（综合监督）单位`);
      else if (!hostUnitIds.includes(id)) hostUnitIds.push(id);
    }
    const assistPaired = !get('assistSide') === !get('assistOrgCode');
    if (!assistPaired) e('assistSide', '协助方与协助单位编码须同时填写或同时为空');
    // Parties are checked against the list once every part of them could be read (other problems are already reported).
    if (!leadSide || !leadOrgId || !assistPaired || (get('assistSide') && (!assistSide || !assistOrgId))) continue;
    const issues = await partyIssues(
      ctx.db,
      ctx.actor.commissionId,
      { type: list.type, ownerGroupId: list.owner_group_id, liaisonOfficeId: list.liaison_office_id, hostUnitIds: list.host_unit_ids },
      { leadSide, leadOrgId, assistSide, assistOrgId },
    );
    for (const i of issues) err(r, PATH_COLUMN[i.path] ?? '', i.message);
    if (errors.length > before) continue;
    items.push({ row: r, matter, bases, leadSide, leadOrgId, assistSide, assistOrgId, methods, frequency, dueDate, hostUnitIds });
  }
  if (!errors.length && !items.length) err(headerRow, '', '没有可导入的数据行');
  if (errors.length) throw reject(errors);
  if (dryRun) return { ok: true as const, created: items.length, updated: 0, unchanged: 0, dryRun };

  await ctx.db.transaction().execute(async (trx) => {
    // Serialises imports and item edits of the list; re-checks the state under the lock.
    await sql`SELECT id FROM supervision_list WHERE id = ${listId}::uuid FOR UPDATE`.execute(trx);
    if (await agreedItem(trx, listId)) throw notDraft();
    const max = await trx
      .selectFrom('supervision_item')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('list_id', '=', listId)
      .executeTakeFirst();
    let seq = Number(max?.m ?? 0);
    const rows = await trx
      .insertInto('supervision_item')
      .values(
        items.map((i) => ({
          commission_id: ctx.actor.commissionId,
          list_id: listId,
          seq: ++seq,
          matter: i.matter,
          bases: i.bases,
          lead_side: i.leadSide,
          lead_org_id: i.leadOrgId,
          assist_side: i.assistSide,
          assist_org_id: i.assistOrgId,
          host_unit_ids: i.hostUnitIds,
          methods: i.methods,
          frequency: i.frequency,
          due_date: i.dueDate,
          state: 'DRAFT',
          created_by: ctx.actor.userId,
        })),
      )
      .returning(['id', 'matter', 'lead_org_id', 'assist_org_id', 'due_date'])
      .execute();
    for (const r of rows) {
      await audit(trx, ctx, {
        type: 'supervision.item_created',
        objectType: 'supervision_item',
        objectId: r.id,
        payload: refs({ listId, matter: r.matter, leadOrgId: r.lead_org_id, assistOrgId: r.assist_org_id, dueDate: r.due_date, source: 'import' }),
      });
    }
    await audit(trx, ctx, { type: 'supervision.list_imported', objectType: 'supervision_list', objectId: listId, payload: refs({ created: rows.length }) });
  });
  return { ok: true as const, created: items.length, updated: 0, unchanged: 0, dryRun };
}

/** An item of the list beyond CONSULTED (the list is agreed: no bulk import). */
async function agreedItem(db: Q, listId: string) {
  return db.selectFrom('supervision_item').select('id').where('list_id', '=', listId).where('state', 'not in', ['DRAFT', 'CONSULTED']).executeTakeFirst();
}

const notDraft = () => new AppError('ILLEGAL_TRANSITION', '清单已有审定或推进中的事项，不能批量导入；年中新增事项请由分管领导点题派单');

function reject(all: ImportError[]): AppError {
  const errors = all.slice(0, MAX_ERRORS);
  const more = all.length > MAX_ERRORS ? `（仅列出前${MAX_ERRORS}条）` : '';
  return new AppError(
    'BUSINESS_RULE',
    `导入文件有${all.length}处错误${more}，未写入任何数据：${errors
      .slice(0, 3)
      .map((e) => `第${e.row}行${e.column ? `“${e.column}”` : ''}${e.message}`)
      .join('；')}${all.length > 3 ? '…' : ''}`,
    { errors },
  );
}
