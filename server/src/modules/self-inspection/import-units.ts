import type { UnitImportError, UnitImportResult } from '@liandong/domain/self-inspection/contracts';
import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { creditCodeProblem, normaliseCreditCode } from '@liandong/domain/org/credit-code';
import { cellAt, type PlainSheet, readXlsxSafely } from '../../platform/xlsx-safe';
import { hashPassword } from '../auth';
import { loadCampaign } from './access';
import { newWorkbook } from '../../platform/excel';

/*
 * 自查单位批量导入 (issue 10): one sheet with the columns 单位名称, 统一社会信用代码, 上级单位代码, 联系人姓名, 手机,
 * 账号. Each row names a target unit (a HOST_UNIT org under the given parent) and its contact's account. The
 * unit is found by its 统一社会信用代码 when the row gives one (GB 32100 check character verified: a mistyped
 * code is a row error, not a second unit), else by its name under the parent; it is created when neither
 * finds it, and an existing unit of that name without a code receives the row's code. The code column may
 * be absent (older templates) and a cell may be empty (units without a code of their own). Each row also names
 * its contact's account (UNIT_LIAISON, clearance PUBLIC, a random initial
 * password that must be changed at first sign-in). Every row is checked first; any error → 422 with the
 * row, column and a zh-CN message for each, and nothing is written. dryRun only checks.
 */

export const UNIT_SHEET = '自查单位';
const COLUMNS = [
  { key: 'unitName', header: '单位名称' },
  { key: 'creditCode', header: '统一社会信用代码', optional: true, aliases: ['单位代码'] },
  { key: 'parentCode', header: '上级单位代码' },
  { key: 'contactName', header: '联系人姓名' },
  { key: 'phone', header: '手机' },
  { key: 'username', header: '账号' },
] as const;
type Key = (typeof COLUMNS)[number]['key'];
type Column = { key: Key; header: string; optional?: boolean; aliases?: readonly string[] };
const CREDIT = '统一社会信用代码';
const MAX_ROWS = 2000;
const MAX_ERRORS = 200;

interface UnitRow {
  row: number;
  unitName: string;
  /** Normalised (upper case, no spaces); '' when the row gives none. */
  creditCode: string;
  parentCode: string;
  contactName: string;
  phone: string;
  username: string;
}

/** The import template: the header row and one example line (fictional). */
export async function unitTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(UNIT_SHEET);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 22 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    unitName: '榆中县示例小学',
    creditCode: '12620123MB00000024',
    parentCode: 'LZ-YZ-HU-JYJ',
    contactName: '张示例',
    phone: '13800000000',
    username: 'yz.school.demo',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const headerKey = (text: string) => text.replace(/\*/g, '').replace(/\s+/g, '');

function readRows(sheet: PlainSheet | undefined, errors: UnitImportError[]): UnitRow[] {
  const err = (row: number, column: string, message: string) => errors.push({ sheet: UNIT_SHEET, row, column, message });
  if (!sheet) {
    err(1, '', `未找到工作表（应为“${UNIT_SHEET}”或第一个工作表）`);
    return [];
  }
  const header = sheet.rows.find((r) => r.row <= 5 && r.cells.some((c) => headerKey(c) === '单位名称'));
  if (!header) {
    err(1, '', `未找到表头（应包含：${COLUMNS.map((c) => c.header).join('、')}）`);
    return [];
  }
  const index = new Map<Key, number>();
  let missing = false;
  for (const c of COLUMNS as readonly Column[]) {
    const names = [c.header, ...(c.aliases ?? [])];
    const i = header.cells.findIndex((h) => names.includes(headerKey(h)));
    if (i >= 0) index.set(c.key, i + 1);
    else if (!c.optional) {
      err(header.row, c.header, '缺少此列');
      missing = true;
    }
  }
  if (missing) return [];
  const data = sheet.rows.filter((r) => r.row > header.row);
  if (data.length > MAX_ROWS) {
    err(data[MAX_ROWS]!.row, '', `数据行不超过${MAX_ROWS}行`);
    return [];
  }
  return data.map((r) => {
    const get = (k: Key) => (index.has(k) ? cellAt(r, index.get(k)!).trim() : '');
    return {
      row: r.row,
      unitName: get('unitName'),
      creditCode: normaliseCreditCode(get('creditCode')),
      parentCode: get('parentCode'),
      contactName: get('contactName'),
      phone: get('phone'),
      username: get('username'),
    };
  });
}

interface Plan {
  /** orgId: the existing unit the row names; setCode: that unit has no code yet and takes the row's. */
  rows: (UnitRow & { parentId: string; orgId: string | null; setCode: boolean; unit: string })[];
  errors: UnitImportError[];
}

async function plan(trx: Transaction<DB>, commissionId: string, rows: UnitRow[], errors: UnitImportError[]): Promise<Plan> {
  const err = (row: number, column: string, message: string) => errors.push({ sheet: UNIT_SHEET, row, column, message });
  const orgs = await trx
    .selectFrom('org')
    .select(['id', 'code', 'credit_code', 'name_zh', 'parent_id', 'kind'])
    .where('commission_id', '=', commissionId)
    .execute();
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const byCredit = new Map(orgs.filter((o) => o.credit_code).map((o) => [o.credit_code!, o]));
  // Within the sheet one code names one unit and one unit has one code (first row that said so).
  const codeRow = new Map<string, { row: number; unit: string }>();
  const unitCode = new Map<string, { row: number; code: string }>();
  const taken = new Set(
    (
      await trx
        .selectFrom('app_user')
        .select('username')
        .where('username', 'in', rows.map((r) => r.username.toLowerCase()).concat(['']))
        .execute()
    ).map((u) => u.username),
  );
  const seen = new Map<string, number>();
  const out: Plan['rows'] = [];
  for (const r of rows) {
    const before = errors.length;
    if (!r.unitName) err(r.row, '单位名称', '不能为空');
    else if (r.unitName.length > 60) err(r.row, '单位名称', '不超过60个字符');
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (!r.parentCode) err(r.row, '上级单位代码', '不能为空');
    else if (!parent) err(r.row, '上级单位代码', `单位代码“${r.parentCode}”不存在`);
    if (!r.contactName) err(r.row, '联系人姓名', '不能为空');
    else if (r.contactName.length > 20) err(r.row, '联系人姓名', '不超过20个字符');
    if (!/^1[3-9]\d{9}$/.test(r.phone)) err(r.row, '手机', '须为11位手机号码');
    if (!/^[a-z0-9_.-]{3,40}$/.test(r.username)) err(r.row, '账号', '须为3—40位小写字母、数字或 . _ -');
    else if (taken.has(r.username)) err(r.row, '账号', `账号“${r.username}”已被使用`);
    else if (seen.has(r.username)) err(r.row, '账号', `与第${seen.get(r.username)}行的账号重复`);
    seen.set(r.username, seen.get(r.username) ?? r.row);
    const codeProblem = r.creditCode ? creditCodeProblem(r.creditCode) : null;
    if (codeProblem) err(r.row, CREDIT, `“${r.creditCode}”${codeProblem}`);
    const code = codeProblem ? '' : r.creditCode;
    let orgId: string | null = null;
    let setCode = false;
    let unit = '';
    if (parent && r.unitName) {
      const known = code ? byCredit.get(code) : undefined;
      const same = known ? undefined : orgs.find((o) => o.parent_id === parent.id && o.name_zh === r.unitName);
      // The unit the row names: the org its code or its name finds, else a new one of that name.
      unit = known ? `org:${known.id}` : same ? `org:${same.id}` : `new:${parent.id}|${r.unitName}`;
      if (code && codeRow.has(code) && codeRow.get(code)!.unit !== unit)
        err(r.row, CREDIT, `与第${codeRow.get(code)!.row}行的统一社会信用代码相同，但单位不同`);
      else if (code && unitCode.has(unit) && unitCode.get(unit)!.code !== code)
        err(r.row, CREDIT, `与第${unitCode.get(unit)!.row}行是同一单位，但统一社会信用代码不同`);
      if (code) {
        if (!codeRow.has(code)) codeRow.set(code, { row: r.row, unit });
        if (!unitCode.has(unit)) unitCode.set(unit, { row: r.row, code });
      }
      if (known) {
        // The code names the unit: reuse it whatever name the sheet spells it with.
        if (known.kind !== 'HOST_UNIT') err(r.row, CREDIT, `该代码已登记为“${known.name_zh}”，不是被监督单位`);
        orgId = known.id;
      } else {
        if (same && same.kind !== 'HOST_UNIT') err(r.row, '单位名称', `“${r.unitName}”已存在且不是被监督单位`);
        else if (same && code && same.credit_code && same.credit_code !== code)
          err(r.row, CREDIT, `“${r.unitName}”已登记统一社会信用代码“${same.credit_code}”，与本行不一致`);
        orgId = same?.id ?? null;
        setCode = Boolean(same && code && !same.credit_code);
      }
    }
    if (errors.length === before && parent) out.push({ ...r, creditCode: code, parentId: parent.id, orgId, setCode, unit });
  }
  // A row without a code names the same unit as a row of that name that gives one: it takes that code (and
  // the unit the code already names), so the two rows never make two units.
  const byId = new Map(orgs.map((o) => [o.id, o]));
  for (const o of out) {
    const bound = o.creditCode ? undefined : unitCode.get(o.unit);
    if (!bound) continue;
    o.creditCode = bound.code;
    const known = byCredit.get(bound.code);
    if (known) o.orgId = known.id;
    o.setCode = !known && Boolean(o.orgId && !byId.get(o.orgId)?.credit_code);
  }
  if (!rows.length && !errors.length) err(2, '', '没有数据行');
  return { rows: out, errors };
}

/** POST /campaigns/:id/self-inspection/units/import */
export async function importUnits(ctx: Ctx, campaignId: string, file: { buffer: Buffer; filename: string }, dryRun: boolean): Promise<UnitImportResult> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  if (!c.manage) throw forbidden('只有牵头部门或专班组长可以导入自查单位');
  const wb = await readXlsxSafely(file.buffer);
  const errors: UnitImportError[] = [];
  const rows = readRows(wb.sheets.find((s) => s.name === UNIT_SHEET) ?? wb.sheets[0], errors);
  const passwords = dryRun ? [] : rows.map(() => `${randomBytes(9).toString('base64url')}#A1`);
  const hashes = dryRun ? [] : await Promise.all(passwords.map((p) => hashPassword(p)));
  return ctx.db.transaction().execute(async (trx) => {
    if (!dryRun) await sql`LOCK TABLE org IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const p = await plan(trx, ctx.actor.commissionId, rows, errors);
    if (p.errors.length) {
      const shown = p.errors.sort((a, b) => a.row - b.row).slice(0, MAX_ERRORS);
      throw new AppError(
        'BUSINESS_RULE',
        `导入文件有${p.errors.length}处错误，未写入任何数据：${shown
          .slice(0, 3)
          .map((e) => `第${e.row}行${e.column ? `“${e.column}”` : ''}${e.message}`)
          .join('；')}${p.errors.length > 3 ? '…' : ''}`,
        { errors: shown },
      );
    }
    const fresh = new Map<string, string>();
    const key = (r: { parentId: string; unitName: string }) => `${r.parentId}|${r.unitName}`;
    const newUnits = new Set(p.rows.filter((r) => !r.orgId).map(key));
    const result: UnitImportResult = {
      ok: true,
      dryRun,
      unitsCreated: newUnits.size,
      unitsReused: new Set(p.rows.map((r) => r.orgId).filter(Boolean)).size,
      accountsCreated: p.rows.length,
      accounts: p.rows.map((r) => ({ row: r.row, unitName: r.unitName, username: r.username, initialPassword: null })),
    };
    if (dryRun) return result;
    const coded = new Set<string>();
    for (const [i, r] of p.rows.entries()) {
      if (r.orgId && r.setCode && !coded.has(r.orgId)) {
        coded.add(r.orgId);
        await trx.updateTable('org').set({ credit_code: r.creditCode, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', r.orgId).execute();
        await audit(trx, ctx, {
          type: 'org.updated',
          objectType: 'org',
          objectId: r.orgId,
          payload: { changes: ['creditCode'], source: 'self_inspection_import', row: r.row },
        });
      }
      let orgId = r.orgId ?? fresh.get(key(r)) ?? null;
      if (!orgId) {
        const parentCode = r.parentCode;
        const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM org WHERE commission_id = ${ctx.actor.commissionId}::uuid
          AND code LIKE ${`${parentCode}-S%`}`.execute(trx);
        const org = await trx
          .insertInto('org')
          .values({
            commission_id: ctx.actor.commissionId,
            code: `${parentCode}-S${String(n.rows[0]!.n + 1).padStart(3, '0')}`,
            name_zh: r.unitName,
            short_name: r.unitName,
            credit_code: r.creditCode || null,
            kind: 'HOST_UNIT',
            parent_id: r.parentId,
            created_by: ctx.actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        orgId = org.id;
        fresh.set(key(r), orgId);
        await audit(trx, ctx, {
          type: 'org.created',
          objectType: 'org',
          objectId: orgId,
          payload: { name: r.unitName, kind: 'HOST_UNIT', via: 'self_inspection' },
        });
      }
      const person = await trx
        .insertInto('person')
        .values({ commission_id: ctx.actor.commissionId, name_zh: r.contactName, unit_id: orgId, position: '自查自纠联络人', party_member: false })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto('app_user')
        .values({
          commission_id: ctx.actor.commissionId,
          username: r.username,
          person_id: person.id,
          org_id: orgId,
          display_name: r.contactName,
          clearance: 'PUBLIC',
          password_hash: hashes[rows.indexOf(rows.find((x) => x.row === r.row)!)]!,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_role').values({ user_id: user.id, role: 'UNIT_LIAISON' }).execute();
      await audit(trx, ctx, {
        type: 'user.created',
        objectType: 'user',
        objectId: user.id,
        payload: { username: r.username, orgId, roles: ['UNIT_LIAISON'], via: 'self_inspection' },
      });
      await trx
        .insertInto('self_inspection_unit')
        .values({
          campaign_id: c.id,
          org_id: orgId,
          commission_id: ctx.actor.commissionId,
          contact_name: r.contactName,
          contact_phone: r.phone,
          added_by: ctx.actor.userId,
        })
        .onConflict((oc) => oc.columns(['campaign_id', 'org_id']).doUpdateSet({ contact_name: r.contactName, contact_phone: r.phone }))
        .execute();
      result.accounts[i]!.initialPassword = passwords[rows.findIndex((x) => x.row === r.row)]!;
    }
    await audit(trx, ctx, {
      type: 'self_inspection.units_imported',
      objectType: 'campaign',
      objectId: c.id,
      payload: { filename: true, unitsCreated: result.unitsCreated, unitsReused: result.unitsReused, accountsCreated: result.accountsCreated },
    });
    return result;
  });
}
