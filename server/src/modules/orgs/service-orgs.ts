import type { OrgCreateBody, OrgListQuery, OrgPatchBody } from '@liandong/domain/org/contracts';
import { orgShapeIssues } from '@liandong/domain/org/rules';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import { AppError, businessRule, notFound, staleVersion, validation } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { canManageStructure, whyNotRetireOrg, whyNotUpdateOrg } from './policy';
import { buildTree, presentLink, presentOrg } from './present';
import { listLinks } from './repo-links';
import {
  ancestorsOf,
  containsPattern,
  dependentsOf,
  findOrg,
  findOrgByCode,
  hasMunicipalRoot,
  listOrgs,
  type OrgRow,
  orgFacts,
  type Q,
  treeRows,
} from './repo-orgs';
import { assertNoIssues, authorize, changesOf } from './shared';

/** GET /orgs */
export async function listOrgsPage(ctx: Ctx, query: OrgListQuery) {
  const { rows, total } = await listOrgs(ctx.db, ctx.actor, query);
  const manage = canManageStructure(ctx.actor);
  return { items: rows.map((r) => presentOrg(ctx.actor, r)), total, abilities: { create: manage, import: manage } };
}

/** GET /orgs/tree */
export async function orgTree(ctx: Ctx, includeRetired: boolean) {
  const { orgs, coverage } = await treeRows(ctx.db, ctx.actor, includeRetired);
  return { nodes: buildTree(orgs, coverage) };
}

/** GET /orgs/:id — outside the caller's scope it does not exist (404). */
export async function getOrgDetail(ctx: Ctx, id: string) {
  const row = await findOrg(ctx.db, ctx.actor, id);
  if (!row) throw notFound('组织');
  const links = await listLinks(ctx.db, ctx.actor, { orgId: id, includeEnded: false });
  return { ...presentOrg(ctx.actor, row), links: links.map((l) => presentLink(ctx.actor, l)) };
}

async function loadScoped(db: Q, ctx: Ctx, id: string): Promise<OrgRow> {
  const row = await findOrg(db, ctx.actor, id, { forUpdate: true });
  if (!row) throw notFound('组织');
  return row;
}

function duplicateCode(code: string): AppError {
  return new AppError('DUPLICATE', `编码“${code}”已被使用`, { issues: [{ path: 'code', message: '编码已存在' }] });
}

/**
 * Checks a parent for an org (new or moved): it exists in the commission, is not retired, is not
 * the org itself or one of its descendants (no cycles), and has a kind the org's kind accepts.
 */
async function parentIssues(
  db: Q,
  ctx: Ctx,
  o: { id?: string; kind: OrgRow['kind']; officeKind: OrgRow['office_kind']; ordinal: number | null; parentId: string | null },
) {
  const issues: FieldIssue[] = [];
  let parentKind: OrgRow['kind'] | null = null;
  if (o.parentId) {
    const parent = (await orgFacts(db, ctx.actor.commissionId, [o.parentId])).get(o.parentId);
    if (!parent) return [{ path: 'parentId', message: '上级组织不存在' }];
    if (parent.valid_to !== null) issues.push({ path: 'parentId', message: `上级组织“${parent.name_zh}”已撤销` });
    if (o.id && (o.parentId === o.id || (await ancestorsOf(db, [o.parentId])).get(o.parentId)?.includes(o.id))) {
      issues.push({ path: 'parentId', message: '不能把组织放到其自身或其下级组织之下（上下级关系不能成环）' });
    }
    parentKind = parent.kind;
  }
  issues.push(...orgShapeIssues({ kind: o.kind, officeKind: o.officeKind, ordinal: o.ordinal, parentKind }));
  if (o.kind === 'MUNICIPAL_COMMISSION' && (await hasMunicipalRoot(db, ctx.actor.commissionId, o.id))) {
    issues.push({ path: 'kind', message: '本委已有市纪委监委节点，不能再建' });
  }
  return issues;
}

/**
 * Checks a head (本单位负责人) for the org: an account of the same commission that belongs to the org itself and
 * is active. The head approves the org's work reports, so an account of another org — or a disabled one —
 * would hand that approval outside the org (400 on `headUserId`; the migration's trigger refuses it too).
 */
async function headIssues(db: Q, ctx: Ctx, orgId: string, headUserId: string): Promise<FieldIssue[]> {
  const u = await db
    .selectFrom('app_user')
    .select(['org_id', 'status', 'display_name'])
    .where('id', '=', headUserId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirst();
  if (!u) return [{ path: 'headUserId', message: '负责人账号不存在' }];
  if (u.org_id !== orgId) return [{ path: 'headUserId', message: `“${u.display_name}”不是本单位人员，负责人须为本单位在职人员` }];
  if (u.status !== 'ACTIVE') return [{ path: 'headUserId', message: `“${u.display_name}”的账号已停用或锁定，不能设为负责人` }];
  return [];
}

/**
 * GET /orgs/:id/staff — the org's active accounts, the choices for its head (本单位负责人). Only for who may edit
 * the org (the route's roles); 404 outside the caller's scope like the org itself.
 */
export async function orgStaff(ctx: Ctx, id: string, q?: string) {
  const org = await findOrg(ctx.db, ctx.actor, id);
  if (!org) throw notFound('组织');
  let query = ctx.db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name as name'])
    .where('u.org_id', '=', id)
    .where('u.commission_id', '=', ctx.actor.commissionId)
    .where('u.status', '=', 'ACTIVE');
  if (q) query = query.where((eb) => eb.or([eb('u.display_name', 'ilike', containsPattern(q)), eb('u.username', 'ilike', containsPattern(q))]));
  const rows = await query.orderBy('u.display_name').limit(50).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgName: org.name_zh })) };
}

/** POST /orgs (system administrator). */
export async function createOrg(ctx: Ctx, body: OrgCreateBody) {
  return ctx.db.transaction().execute(async (trx) => {
    if (await findOrgByCode(trx, ctx.actor.commissionId, body.code)) throw duplicateCode(body.code);
    const o = { kind: body.kind, officeKind: body.officeKind ?? null, ordinal: body.ordinal ?? null, parentId: body.parentId ?? null };
    assertNoIssues(await parentIssues(trx, ctx, o), '组织信息不符合规则');
    const row = await trx
      .insertInto('org')
      .values({
        commission_id: ctx.actor.commissionId,
        code: body.code,
        name_zh: body.nameZh,
        short_name: body.shortName,
        kind: body.kind,
        office_kind: o.officeKind,
        ordinal: o.ordinal,
        parent_id: o.parentId,
        region_code: body.regionCode ?? null,
        doc_code: body.docCode ?? null,
        sort_order: body.sortOrder ?? 0,
        ...(body.validFrom ? { valid_from: body.validFrom } : {}),
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'org.created',
      objectType: 'org',
      objectId: row.id,
      payload: { code: body.code, nameZh: body.nameZh, kind: body.kind, parentId: o.parentId },
    });
    return presentOrg(ctx.actor, (await findOrg(trx, ctx.actor, row.id))!);
  });
}

/**
 * Takes the table lock every row write of `org` needs (ROW EXCLUSIVE) before the row's FOR UPDATE. An import
 * (组织导入, 被监督单位导入) holds SHARE ROW EXCLUSIVE on the table from its start and then updates rows: an edit that
 * locked its row first and asked for the table's write lock only at its UPDATE waited for the import while the import
 * waited for its row — a deadlock, one of the two refused (40P01). Asking first, an edit waits for the whole import
 * (or the import for the edit) and both are written.
 */
async function lockForOrgWrite(trx: Q): Promise<void> {
  await sql`LOCK TABLE org IN ROW EXCLUSIVE MODE`.execute(trx);
}

/** PATCH /orgs/:id — optimistic locking on `version`; only the fields sent change. */
export async function updateOrg(ctx: Ctx, id: string, body: OrgPatchBody) {
  return ctx.db.transaction().execute(async (trx) => {
    await lockForOrgWrite(trx);
    const cur = await loadScoped(trx, ctx, id);
    if (cur.version !== body.version) throw staleVersion();
    authorize(whyNotUpdateOrg(ctx.actor, { validTo: cur.valid_to }));
    if (body.kind && body.kind !== cur.kind)
      throw businessRule('组织类型创建后不可修改', { issues: [{ path: 'kind', message: '组织类型不可修改，请撤销后新建' }] });
    const next = {
      code: body.code ?? cur.code,
      name_zh: body.nameZh ?? cur.name_zh,
      short_name: body.shortName ?? cur.short_name,
      office_kind: body.officeKind !== undefined ? body.officeKind : cur.office_kind,
      ordinal: body.ordinal !== undefined ? body.ordinal : cur.ordinal,
      parent_id: body.parentId !== undefined ? body.parentId : cur.parent_id,
      region_code: body.regionCode !== undefined ? body.regionCode : cur.region_code,
      doc_code: body.docCode !== undefined ? body.docCode : cur.doc_code,
      sort_order: body.sortOrder ?? cur.sort_order,
      valid_from: body.validFrom ?? cur.valid_from,
      head_user_id: body.headUserId !== undefined ? body.headUserId : cur.head_user_id,
    };
    const changes = changesOf(cur as unknown as Record<string, unknown>, next);
    if (!Object.keys(changes).length) return presentOrg(ctx.actor, cur);
    if (changes.head_user_id && next.head_user_id) {
      const issues = await headIssues(trx, ctx, id, next.head_user_id);
      if (issues.length) throw validation(issues, '负责人不符合要求');
    }
    if (changes.code && (await findOrgByCode(trx, ctx.actor.commissionId, next.code))) throw duplicateCode(next.code);
    if (changes.parent_id || changes.office_kind || changes.ordinal) {
      assertNoIssues(
        await parentIssues(trx, ctx, { id, kind: cur.kind, officeKind: next.office_kind, ordinal: next.ordinal, parentId: next.parent_id }),
        '组织信息不符合规则',
      );
    }
    await trx
      .updateTable('org')
      .set({ ...next, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const saved = (await findOrg(trx, ctx.actor, id))!;
    // A change of head names both accounts, so the audit trail reads without looking the ids up.
    const head = changes.head_user_id ? { from: cur.head_name, to: saved.head_name } : undefined;
    await audit(trx, ctx, { type: 'org.updated', objectType: 'org', objectId: id, payload: { code: next.code, changes, ...(head ? { head } : {}) } });
    return presentOrg(ctx.actor, saved);
  });
}

/**
 * POST /orgs/:id/retire (撤销). Refused while anything still depends on the org after validTo:
 * children not retired by then, links still in force, accounts not disabled, zones, leaders.
 */
export async function retireOrg(ctx: Ctx, id: string, body: { version: number; validTo: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    await lockForOrgWrite(trx);
    const cur = await loadScoped(trx, ctx, id);
    if (cur.version !== body.version) throw staleVersion();
    authorize(whyNotRetireOrg(ctx.actor, { validTo: cur.valid_to }));
    if (body.validTo < cur.valid_from) {
      throw businessRule(`撤销日期不能早于成立日期（${cur.valid_from}）`, { issues: [{ path: 'validTo', message: '撤销日期早于成立日期' }] });
    }
    const deps = await dependentsOf(trx, id, body.validTo);
    const parts = [
      deps.children.length && `下级机构${deps.children.length}个`,
      deps.links.length && `有效关联${deps.links.length}条`,
      deps.accounts.length && `在用账号${deps.accounts.length}个`,
      deps.zones.length && `片区${deps.zones.length}个`,
      deps.leaders.length && `委领导${deps.leaders.length}名`,
    ].filter(Boolean);
    if (parts.length) throw businessRule(`“${cur.name_zh}”仍有${parts.join('、')}，请先处理后再撤销`, { dependents: deps });
    await trx.updateTable('org').set({ valid_to: body.validTo, version: sql`version + 1`, updated_at: new Date() }).where('id', '=', id).execute();
    await audit(trx, ctx, { type: 'org.retired', objectType: 'org', objectId: id, payload: { code: cur.code, nameZh: cur.name_zh, validTo: body.validTo } });
    return presentOrg(ctx.actor, (await findOrg(trx, ctx.actor, id))!);
  });
}
