import type { ImportError, ImportResult } from '@liandong/domain/org/contracts';
import type { OfficeKind, OrgKind } from '@liandong/domain/org/enums';
import { codesOnCycles, linkEndIssues, orgShapeIssues } from '@liandong/domain/org/rules';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { readXlsxSafely } from '../../platform/xlsx-safe';
import { DISPATCH_COLUMNS, LIAISON_COLUMNS, ORG_COLUMNS, SHEET } from './excel-sheets';
import { type LinkInput, type OrgInput, parseWorkbook } from './excel-import';
import { insertLink, today } from './repo-links';
import type { Q } from './repo-orgs';

/*
 * POST /orgs/import — all or nothing. The whole workbook is checked first (cells, references by
 * code to stored or same-file orgs, kind rules, cycles, duplicates); one bad row means 422 with every
 * problem listed and nothing written. Otherwise new codes are created, changed orgs updated (each
 * with its audit event) and missing 联系/派驻 links created, in one transaction that holds a
 * SHARE ROW EXCLUSIVE lock on `org` so the checked structure cannot change underneath.
 */

const MAX_ERRORS = 500;

interface StoredOrg {
  id: string;
  code: string;
  name_zh: string;
  short_name: string;
  kind: OrgKind;
  office_kind: OfficeKind | null;
  ordinal: number | null;
  parent_code: string | null;
  region_code: string | null;
  doc_code: string | null;
  sort_order: number;
  valid_from: string;
  valid_to: string | null;
}

/** The merged picture of an org: the file row when the file has it, the stored row otherwise. */
interface Node {
  kind: OrgKind;
  officeKind: OfficeKind | null;
  parentCode: string | null;
  retired: boolean;
}

interface Plan {
  errors: ImportError[];
  creates: OrgInput[];
  updates: { input: OrgInput; stored: StoredOrg; changes: Record<string, [unknown, unknown]> }[];
  links: LinkInput[];
  unchanged: number;
}

const ORG_PATH_COLUMN: Record<string, string> = { kind: '类型', officeKind: '内设机构类别', ordinal: '序号', parentId: '上级编码' };
const col = (columns: typeof ORG_COLUMNS, key: string) => columns.find((c) => c.key === key)!.header;

async function planImport(db: Q, commissionId: string, orgs: OrgInput[], links: LinkInput[], errors: ImportError[]): Promise<Plan> {
  const plan: Plan = { errors, creates: [], updates: [], links: [], unchanged: 0 };
  const stored = (await db
    .selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .select([
      'o.id',
      'o.code',
      'o.name_zh',
      'o.short_name',
      'o.kind',
      'o.office_kind',
      'o.ordinal',
      'p.code as parent_code',
      'o.region_code',
      'o.doc_code',
      'o.sort_order',
      'o.valid_from',
      'o.valid_to',
    ])
    .where('o.commission_id', '=', commissionId)
    .execute()) as StoredOrg[];
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const merged = new Map<string, Node>(
    stored.map((s) => [s.code, { kind: s.kind, officeKind: s.office_kind, parentCode: s.parent_code, retired: s.valid_to !== null }]),
  );
  const fileRow = new Map<string, OrgInput>();
  const orgErr = (r: OrgInput, key: string, message: string) => errors.push({ sheet: SHEET.orgs, row: r.row, column: col(ORG_COLUMNS, key), message });

  for (const r of orgs) {
    const first = fileRow.get(r.code);
    if (first) {
      orgErr(r, 'code', `编码与第${first.row}行重复`);
      continue;
    }
    fileRow.set(r.code, r);
    const s = byCode.get(r.code);
    merged.set(r.code, { kind: r.kind, officeKind: r.officeKind, parentCode: r.parentCode, retired: (r.validTo ?? s?.valid_to ?? null) !== null });
  }
  const cycles = codesOnCycles(new Map([...merged].map(([code, n]) => [code, n.parentCode])));
  let municipal = [...merged.values()].filter((n) => n.kind === 'MUNICIPAL_COMMISSION' && !n.retired).length;

  for (const r of fileRow.values()) {
    const s = byCode.get(r.code);
    if (s && s.kind !== r.kind) orgErr(r, 'kind', '组织类型创建后不可修改');
    if (s && (r.validTo ?? null) !== s.valid_to) orgErr(r, 'validTo', '失效日期不能通过导入修改，请在系统中使用“撤销”功能');
    if (!s && r.validTo) orgErr(r, 'validTo', '新建组织不能填写失效日期');
    if (!s && r.kind === 'MUNICIPAL_COMMISSION' && municipal-- > 1) orgErr(r, 'kind', '本委已有市纪委监委节点，不能再建');
    let parentKind: OrgKind | null = null;
    if (r.parentCode) {
      const parent = merged.get(r.parentCode);
      if (!parent) orgErr(r, 'parentCode', `上级编码“${r.parentCode}”在系统和本文件中都不存在`);
      else {
        parentKind = parent.kind;
        if (parent.retired && !r.validTo) orgErr(r, 'parentCode', `上级“${r.parentCode}”已撤销`);
      }
    }
    if (cycles.has(r.code)) orgErr(r, 'parentCode', '上下级关系成环');
    if (!r.parentCode || merged.has(r.parentCode)) {
      for (const issue of orgShapeIssues({ kind: r.kind, officeKind: r.officeKind, ordinal: r.ordinal, parentKind })) {
        errors.push({ sheet: SHEET.orgs, row: r.row, column: ORG_PATH_COLUMN[issue.path] ?? '', message: issue.message });
      }
    }
    if (!s) {
      plan.creates.push(r);
      continue;
    }
    const next = {
      name_zh: r.nameZh,
      short_name: r.shortName,
      office_kind: r.officeKind,
      ordinal: r.ordinal,
      parent_code: r.parentCode,
      region_code: r.regionCode,
      doc_code: r.docCode,
      sort_order: r.sortOrder ?? s.sort_order,
      valid_from: r.validFrom ?? s.valid_from,
    };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(next))
      if ((s as unknown as Record<string, unknown>)[k] !== v) changes[k] = [(s as unknown as Record<string, unknown>)[k], v];
    if (!Object.keys(changes).length) plan.unchanged++;
    else if (s.valid_to) orgErr(r, 'code', '该组织已撤销，不能修改');
    else plan.updates.push({ input: r, stored: s, changes });
  }

  const open = await openLinkKeys(db, commissionId);
  const seen = new Map<string, number>();
  for (const l of links) {
    const columns = l.type === 'LIAISON' ? LIAISON_COLUMNS : DISPATCH_COLUMNS;
    const err = (key: string, message: string) => errors.push({ sheet: l.sheet, row: l.row, column: col(columns, key), message });
    if (l.validTo) {
      plan.unchanged++; // ended links are history: listed by the export, never re-created
      continue;
    }
    const from = merged.get(l.fromCode);
    const to = merged.get(l.toCode);
    if (!from) err('fromCode', `编码“${l.fromCode}”在系统和本文件中都不存在`);
    else if (from.retired) err('fromCode', `“${l.fromCode}”已撤销`);
    if (!to) err('toCode', `编码“${l.toCode}”在系统和本文件中都不存在`);
    else if (to.retired) err('toCode', `“${l.toCode}”已撤销`);
    if (from && to) {
      for (const issue of linkEndIssues(l.type, { kind: from.kind, officeKind: from.officeKind }, { kind: to.kind, officeKind: to.officeKind })) {
        err(issue.path === 'fromId' ? 'fromCode' : 'toCode', issue.message);
      }
    }
    const key = `${l.type}|${l.fromCode}|${l.toCode}`;
    const dup = seen.get(key);
    if (dup) err('toCode', `与第${dup}行重复`);
    else seen.set(key, l.row);
    if (open.has(key)) plan.unchanged++;
    else if (!dup) plan.links.push(l);
  }
  return plan;
}

/** Keys TYPE|fromCode|toCode of the 联系/派驻 links that have not ended. */
async function openLinkKeys(db: Q, commissionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('org_link as l')
    .innerJoin('org as f', 'f.id', 'l.from_id')
    .innerJoin('org as t', 't.id', 'l.to_id')
    .select(['l.type', 'f.code as from_code', 't.code as to_code'])
    .where('l.commission_id', '=', commissionId)
    .where('l.type', 'in', ['LIAISON', 'DISPATCH'])
    .where((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>=', sql<string>`current_date`)]))
    .execute();
  return new Set(rows.map((r) => `${r.type}|${r.from_code}|${r.to_code}`));
}

async function applyPlan(trx: Transaction<DB>, ctx: Ctx, plan: Plan): Promise<void> {
  const cid = ctx.actor.commissionId;
  const ids = new Map((await trx.selectFrom('org').select(['id', 'code']).where('commission_id', '=', cid).execute()).map((r) => [r.code, r.id]));
  const todayDate = await today(trx);
  let pending = plan.creates;
  while (pending.length) {
    const ready = pending.filter((r) => !r.parentCode || ids.has(r.parentCode));
    if (!ready.length) throw new AppError('INTERNAL', 'import ordering failed'); // unreachable: cycles and dangling parents were refused
    for (const r of ready) {
      const row = await trx
        .insertInto('org')
        .values({
          commission_id: cid,
          code: r.code,
          name_zh: r.nameZh,
          short_name: r.shortName,
          kind: r.kind,
          office_kind: r.officeKind,
          ordinal: r.ordinal,
          parent_id: r.parentCode ? ids.get(r.parentCode)! : null,
          region_code: r.regionCode,
          doc_code: r.docCode,
          sort_order: r.sortOrder ?? 0,
          valid_from: r.validFrom ?? todayDate,
          created_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(r.code, row.id);
      await audit(trx, ctx, {
        type: 'org.created',
        objectType: 'org',
        objectId: row.id,
        payload: { code: r.code, nameZh: r.nameZh, kind: r.kind, source: 'import', row: r.row },
      });
    }
    pending = pending.filter((r) => !ids.has(r.code));
  }
  for (const u of plan.updates) {
    const r = u.input;
    await trx
      .updateTable('org')
      .set({
        name_zh: r.nameZh,
        short_name: r.shortName,
        office_kind: r.officeKind,
        ordinal: r.ordinal,
        parent_id: r.parentCode ? ids.get(r.parentCode)! : null,
        region_code: r.regionCode,
        doc_code: r.docCode,
        sort_order: r.sortOrder ?? u.stored.sort_order,
        valid_from: r.validFrom ?? u.stored.valid_from,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', u.stored.id)
      .execute();
    await audit(trx, ctx, {
      type: 'org.updated',
      objectType: 'org',
      objectId: u.stored.id,
      payload: { code: r.code, changes: u.changes, source: 'import', row: r.row },
    });
  }
  for (const l of plan.links) {
    const link = { type: l.type, fromId: ids.get(l.fromCode)!, toId: ids.get(l.toCode)!, role: l.role, validFrom: l.validFrom ?? todayDate };
    const id = await insertLink(trx, cid, link);
    await audit(trx, ctx, {
      type: 'link.created',
      objectType: 'link',
      objectId: id,
      payload: { linkType: l.type, fromId: link.fromId, toId: link.toId, role: l.role, validFrom: link.validFrom, source: 'import' },
    });
  }
}

/** Parses, checks and (unless dryRun) applies an uploaded structure workbook. */
export async function importStructure(ctx: Ctx, file: { buffer: Buffer; filename: string }, dryRun: boolean): Promise<ImportResult> {
  const parsed = parseWorkbook(await readXlsxSafely(file.buffer));
  return ctx.db.transaction().execute(async (trx) => {
    if (!dryRun) await sql`LOCK TABLE org IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const plan = await planImport(trx, ctx.actor.commissionId, parsed.orgs, parsed.links, parsed.errors);
    if (plan.errors.length) {
      const order: string[] = [SHEET.orgs, SHEET.liaison, SHEET.dispatch];
      const errors = plan.errors.sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row).slice(0, MAX_ERRORS);
      const more = plan.errors.length > MAX_ERRORS ? `（仅列出前${MAX_ERRORS}条）` : '';
      throw new AppError(
        'BUSINESS_RULE',
        `导入文件有${plan.errors.length}处错误${more}，未写入任何数据：${errors
          .slice(0, 3)
          .map((e) => `${e.sheet}第${e.row}行${e.column ? `“${e.column}”` : ''}${e.message}`)
          .join('；')}${plan.errors.length > 3 ? '…' : ''}`,
        { errors },
      );
    }
    const created = plan.creates.length + plan.links.length;
    const result: ImportResult = { ok: true, created, updated: plan.updates.length, unchanged: plan.unchanged, dryRun };
    if (dryRun) return result;
    await applyPlan(trx, ctx, plan);
    await audit(trx, ctx, {
      type: 'org.imported',
      objectType: 'commission',
      objectId: ctx.actor.commissionId,
      payload: {
        filename: file.filename,
        orgsCreated: plan.creates.length,
        orgsUpdated: plan.updates.length,
        linksCreated: plan.links.length,
        unchanged: plan.unchanged,
      },
    });
    return result;
  });
}
