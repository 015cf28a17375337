import {
  type Accountability,
  type AccountabilityCreateBody,
  type AccountabilityPatchBody,
  type AccountabilityQuery,
  type AccountabilityStats,
  methodAllowed,
  methodMessage,
} from '@liandong/domain/reform/contracts-reform';
import {
  ACCOUNTABILITY_METHOD_LABELS,
  ACCOUNTABILITY_TARGET_LABELS,
  type AccountabilityMethod,
  type AccountabilityTarget,
} from '@liandong/domain/reform/enums';
import { type RawBuilder, sql } from 'kysely';
import { forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { checkLinks, defaultProcedureDue, insertAccountability } from './accountability-store';
import { canCreate, canEditAccountability } from './policy';
import type { Q } from './repo';
import { escapeLike } from './service-tasks-read';
import { resolveCampaignLink } from '../campaign-links';
import type { Actor } from '../../platform/access';
import { caseVisible, accountabilityVisible, letterVisible, taskVisible } from '../visibility';

/** 追责问责 records (问责条例): ledger, detail, create, change, counts for the dashboards. */

export interface AccountabilityRow {
  id: string;
  target_kind: AccountabilityTarget;
  target_name: string;
  target_org_id: string | null;
  target_org_name: string | null;
  target_position: string | null;
  method: AccountabilityMethod;
  basis: string;
  facts: string;
  deciding_body: string;
  decided_on: string;
  procedure_due: string | null;
  case_id: string | null;
  case_no: string | null;
  case_title: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  rectification_task_id: string | null;
  task_issue: string | null;
  letter_id: string | null;
  rec_title: string | null;
  rec_doc_no: string | null;
  owner_org_id: string;
  owner_name: string;
  created_by: string | null;
  creator: string | null;
  created_at: Date;
  version: number;
}

/**
 * The row with its links; each linked case, task or letter only when the caller sees it through that
 * object's own predicate (else the link is omitted: no id, number or title leaks through the record).
 */
export const accountabilitySelect = (actor: Actor) => {
  const caseOk = caseVisible(actor, 'c');
  const taskOk = taskVisible(actor, 't');
  const recOk = letterVisible(actor, 'r');
  return sql`SELECT a.id, a.target_kind, a.target_name, a.target_org_id, tor.name_zh AS target_org_name, a.target_position,
    a.method, a.basis, a.facts, a.deciding_body, to_char(a.decided_on, 'YYYY-MM-DD') AS decided_on, to_char(a.procedure_due, 'YYYY-MM-DD') AS procedure_due,
    CASE WHEN ${caseOk} THEN a.case_id END AS case_id, CASE WHEN ${caseOk} THEN c.case_no END AS case_no,
    CASE WHEN ${caseOk} THEN c.title END AS case_title, a.campaign_id, cp.name AS campaign_name,
    CASE WHEN ${taskOk} THEN a.rectification_task_id END AS rectification_task_id, CASE WHEN ${taskOk} THEN t.issue END AS task_issue,
    CASE WHEN ${recOk} THEN a.letter_id END AS letter_id, CASE WHEN ${recOk} THEN r.title END AS rec_title,
    CASE WHEN ${recOk} THEN r.doc_no END AS rec_doc_no, a.owner_org_id, oo.name_zh AS owner_name,
    a.created_by, cu.display_name AS creator, a.created_at, a.version
  FROM accountability a
  JOIN org oo ON oo.id = a.owner_org_id
  LEFT JOIN org tor ON tor.id = a.target_org_id
  LEFT JOIN case_file c ON c.id = a.case_id
  LEFT JOIN campaign cp ON cp.id = a.campaign_id
  LEFT JOIN rectification_task t ON t.id = a.rectification_task_id
  LEFT JOIN letter r ON r.id = a.letter_id
  LEFT JOIN app_user cu ON cu.id = a.created_by`;
};

export function presentAccountability(ctx: Ctx, a: AccountabilityRow): Accountability {
  return {
    id: a.id,
    targetKind: a.target_kind,
    targetName: a.target_name,
    targetOrg: a.target_org_id ? { id: a.target_org_id, name: a.target_org_name ?? '' } : null,
    targetPosition: a.target_position,
    method: a.method,
    basis: a.basis,
    facts: a.facts,
    decidingBody: a.deciding_body,
    decidedOn: a.decided_on,
    procedureDue: a.procedure_due,
    case: a.case_id ? { id: a.case_id, caseNo: a.case_no, title: a.case_title ?? '' } : null,
    campaignId: a.campaign_id,
    campaignName: a.campaign_name,
    rectificationTask: a.rectification_task_id ? { id: a.rectification_task_id, issue: a.task_issue ?? '' } : null,
    letter: a.letter_id ? { id: a.letter_id, title: a.rec_title ?? '', docNo: a.rec_doc_no } : null,
    ownerOrg: { id: a.owner_org_id, name: a.owner_name },
    createdBy: a.created_by ? { id: a.created_by, name: a.creator ?? '' } : null,
    createdAt: new Date(a.created_at).toISOString(),
    version: a.version,
    abilities: { update: canEditAccountability(ctx.actor, a) },
  };
}

export function accountabilityFilters(ctx: Ctx, q: Partial<AccountabilityQuery>): RawBuilder<boolean>[] {
  const w: RawBuilder<boolean>[] = [accountabilityVisible(ctx.actor, 'a')];
  if (q.targetKind) w.push(sql<boolean>`a.target_kind = ${q.targetKind}`);
  if (q.method) w.push(sql<boolean>`a.method = ${q.method}`);
  if (q.ownerOrgId) w.push(sql<boolean>`a.owner_org_id = ${q.ownerOrgId}::uuid`);
  if (q.caseId) w.push(sql<boolean>`a.case_id = ${q.caseId}::uuid`);
  if (q.rectificationTaskId) w.push(sql<boolean>`a.rectification_task_id = ${q.rectificationTaskId}::uuid`);
  if (q.letterId) w.push(sql<boolean>`a.letter_id = ${q.letterId}::uuid`);
  if (q.campaignId) w.push(sql<boolean>`a.campaign_id = ${q.campaignId}::uuid`);
  if (q.year) w.push(sql<boolean>`a.decided_on >= make_date(${q.year}::int, 1, 1) AND a.decided_on < make_date(${q.year}::int + 1, 1, 1)`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    w.push(sql<boolean>`(a.target_name ILIKE ${like} OR a.deciding_body ILIKE ${like} OR a.basis ILIKE ${like}
      OR EXISTS (SELECT 1 FROM campaign qc WHERE qc.id = a.campaign_id AND qc.name ILIKE ${like}))`);
  }
  return w;
}

export async function queryAccountabilities(ctx: Ctx, q: Partial<AccountabilityQuery>, limit: number, offset: number): Promise<AccountabilityRow[]> {
  const { rows } = await sql<AccountabilityRow>`${accountabilitySelect(ctx.actor)} WHERE ${sql.join(accountabilityFilters(ctx, q), sql` AND `)}
    ORDER BY a.decided_on DESC, a.created_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`.execute(ctx.db);
  return rows;
}

/** GET /accountabilities */
export async function listAccountabilities(ctx: Ctx, q: AccountabilityQuery) {
  const [rows, total] = await Promise.all([
    queryAccountabilities(ctx, q, q.pageSize, (q.page - 1) * q.pageSize),
    sql<{ n: string }>`SELECT count(*) AS n FROM accountability a WHERE ${sql.join(accountabilityFilters(ctx, q), sql` AND `)}`.execute(ctx.db),
  ]);
  return {
    items: rows.map((r) => presentAccountability(ctx, r)),
    total: Number(total.rows[0]?.n ?? 0),
    abilities: { create: canCreate(ctx.actor), export: canCreate(ctx.actor) },
  };
}

/** GET /accountabilities/:id */
export async function getAccountability(ctx: Ctx, id: string, db: Q = ctx.db): Promise<Accountability> {
  const { rows } =
    await sql<AccountabilityRow>`${accountabilitySelect(ctx.actor)} WHERE a.id = ${id}::uuid AND ${accountabilityVisible(ctx.actor, 'a')}`.execute(db);
  if (!rows[0]) throw notFound('问责记录');
  return presentAccountability(ctx, rows[0]);
}

/** POST /accountabilities */
export async function createAccountability(ctx: Ctx, b: AccountabilityCreateBody): Promise<Accountability> {
  if (!canCreate(ctx.actor)) throw forbidden('无权登记问责');
  return ctx.db.transaction().execute(async (trx) => {
    await checkLinks(trx, ctx, b);
    const campaignId = await resolveCampaignLink(trx, ctx.actor, b.campaignId, { required: false });
    if (b.procedureDue && b.procedureDue < b.decidedOn) throw validation([{ path: 'procedureDue', message: '程序办结期限不能早于决定日期' }]);
    const id = await insertAccountability(
      trx,
      ctx,
      {
        targetKind: b.targetKind,
        targetName: b.targetName,
        targetOrgId: b.targetOrgId ?? null,
        targetPosition: b.targetPosition ?? null,
        method: b.method,
        basis: b.basis,
        facts: b.facts ?? '',
        decidingBody: b.decidingBody,
        decidedOn: b.decidedOn,
        procedureDue: b.procedureDue ?? null,
        caseId: b.caseId ?? null,
        campaignId,
        rectificationTaskId: b.rectificationTaskId ?? null,
        letterId: b.letterId ?? null,
        ownerOrgId: b.ownerOrgId ?? ctx.actor.orgId,
      },
      'manual',
    );
    return getAccountability(ctx, id, trx);
  });
}

const PATCH_COLUMNS: Record<string, string> = {
  targetKind: 'target_kind',
  targetName: 'target_name',
  targetOrgId: 'target_org_id',
  targetPosition: 'target_position',
  method: 'method',
  basis: 'basis',
  facts: 'facts',
  decidingBody: 'deciding_body',
  decidedOn: 'decided_on',
  procedureDue: 'procedure_due',
  caseId: 'case_id',
  campaignId: 'campaign_id',
  rectificationTaskId: 'rectification_task_id',
  letterId: 'letter_id',
};

/** PATCH /accountabilities/:id — the method rule and the links are checked on the result. */
export async function patchAccountability(ctx: Ctx, id: string, b: AccountabilityPatchBody): Promise<Accountability> {
  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      owner_org_id: string;
      target_kind: AccountabilityTarget;
      method: AccountabilityMethod;
      decided_on: string;
      procedure_due: string | null;
      version: number;
      hidden_case: boolean;
      hidden_task: boolean;
      hidden_rec: boolean;
    }>`SELECT a.owner_org_id, a.target_kind, a.method, to_char(a.decided_on, 'YYYY-MM-DD') AS decided_on,
        to_char(a.procedure_due, 'YYYY-MM-DD') AS procedure_due, a.version,
        (a.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = a.case_id AND ${caseVisible(ctx.actor, 'c')})) AS hidden_case,
        (a.rectification_task_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rectification_task t
          WHERE t.id = a.rectification_task_id AND ${taskVisible(ctx.actor, 't')})) AS hidden_task,
        (a.letter_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM letter r
          WHERE r.id = a.letter_id AND ${letterVisible(ctx.actor, 'r')})) AS hidden_rec
      FROM accountability a WHERE a.id = ${id}::uuid AND ${accountabilityVisible(ctx.actor, 'a')} FOR UPDATE OF a`.execute(trx);
    const a = rows[0];
    if (!a) throw notFound('问责记录');
    if (!canEditAccountability(ctx.actor, a)) throw forbidden('只有承办部门可以修改问责记录');
    if (a.version !== b.version) throw staleVersion();
    const targetKind = b.targetKind ?? a.target_kind;
    const method = b.method ?? a.method;
    if (!methodAllowed({ targetKind, method })) throw validation([{ path: 'method', message: methodMessage(targetKind, method) }], '问责方式不符合规定');
    await checkLinks(trx, ctx, {
      caseId: b.caseId,
      rectificationTaskId: b.rectificationTaskId,
      letterId: b.letterId,
      targetOrgId: b.targetOrgId,
    });
    if (b.campaignId) await resolveCampaignLink(trx, ctx.actor, b.campaignId, { required: false });
    const set: Record<string, unknown> = {};
    // A link the caller cannot see was shown to them as absent: their "none" leaves it as it is.
    const keep = new Set([a.hidden_case && 'caseId', a.hidden_task && 'rectificationTaskId', a.hidden_rec && 'letterId']);
    for (const [key, col] of Object.entries(PATCH_COLUMNS)) {
      const v = (b as Record<string, unknown>)[key];
      if (v === null && keep.has(key)) continue;
      if (v !== undefined) set[col] = v;
    }
    const decidedOn = b.decidedOn ?? a.decided_on;
    // A changed method or decision date recomputes the default 组织调整 deadline unless one is given.
    if (b.procedureDue === undefined && (b.method !== undefined || b.decidedOn !== undefined))
      set.procedure_due = defaultProcedureDue(method, decidedOn) ?? a.procedure_due;
    const due = (set.procedure_due as string | null | undefined) ?? a.procedure_due;
    if (due && due < decidedOn) throw validation([{ path: 'procedureDue', message: '程序办结期限不能早于决定日期' }]);
    if (Object.keys(set).length > 0) {
      await trx
        .updateTable('accountability')
        .set({ ...set, version: a.version + 1 })
        .where('id', '=', id)
        .execute();
      await audit(trx, ctx, { type: 'accountability.updated', objectType: 'accountability', objectId: id, payload: refs({ changed: Object.keys(set) }) });
    }
    return getAccountability(ctx, id, trx);
  });
}

/** GET /accountabilities/stats — counts by method and target over what the caller sees. */
export async function accountabilityStats(ctx: Ctx, q: { year?: number }): Promise<AccountabilityStats> {
  const { rows } = await sql<{ target_kind: AccountabilityTarget; method: AccountabilityMethod; n: string }>`SELECT a.target_kind, a.method, count(*) AS n
    FROM accountability a WHERE ${sql.join(accountabilityFilters(ctx, { year: q.year }), sql` AND `)} GROUP BY 1, 2 ORDER BY 1, 2`.execute(ctx.db);
  const byMethod = Object.fromEntries(Object.keys(ACCOUNTABILITY_METHOD_LABELS).map((m) => [m, 0])) as Record<AccountabilityMethod, number>;
  const byTarget = Object.fromEntries(Object.keys(ACCOUNTABILITY_TARGET_LABELS).map((m) => [m, 0])) as Record<AccountabilityTarget, number>;
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    byMethod[r.method] += n;
    byTarget[r.target_kind] += n;
    total += n;
  }
  return { total, byMethod, byTarget, byTargetMethod: rows.map((r) => ({ targetKind: r.target_kind, method: r.method, count: Number(r.n) })) };
}
