import type { RequestActionBody, RequestCreateBody, RequestListQuery, RequestRow } from '@liandong/domain/integrity-files/contracts';
import { MAX_READ_DAYS } from '@liandong/domain/integrity-files/enums';
import { FILE_REQUEST_MACHINE } from '@liandong/domain/integrity-files/machine';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { businessRule, notFound, validation } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { transition } from '../../platform/workflow';
import { commissionCustodian, custodianOrgOf, decidesArm, type Q, requestRoles, requestVisible } from './access';
import { plusDays, requestWorkflow } from './workflow';

/*
 * 查阅申请 (domain.md b.6: approval by the 分管领导 for every consultation): anyone of the commission's staff asks
 * to read named sections of a cadre's file, with a reason; the leader overseeing the 干部监督室 decides (the
 * kernel, workflow.ts). A request names a cadre, not a file: asking reveals nothing about whether a file
 * exists. Recusal: nobody asks to read their own file.
 */

const NOUN = '廉政档案查阅申请';

interface RequestDbRow {
  id: string;
  person_id: string;
  person_name: string;
  unit_name: string | null;
  requester_id: string;
  requester_name: string;
  requester_org_id: string;
  requester_org_name: string;
  custodian_org_id: string;
  reason: string;
  sections: RequestRow['sections'];
  state: RequestRow['state'];
  valid_until: string | null;
  live: boolean;
  expired: boolean;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  created_at: Date;
  file_id: string | null;
  version: number;
  overseen: boolean;
  total: number;
}

function selectRequests(ctx: Ctx, where: ReturnType<typeof sql>, page?: { limit: number; offset: number }) {
  const a = ctx.actor;
  const live = sql`(r.state = 'APPROVED' AND r.valid_until >= current_date)`;
  return sql<RequestDbRow>`SELECT r.id, p.id AS person_id, p.name_zh AS person_name, po.name_zh AS unit_name,
      r.requester_id, u.display_name AS requester_name, r.requester_org_id, ro.name_zh AS requester_org_name, r.custodian_org_id,
      r.reason, r.sections, r.state, to_char(r.valid_until, 'YYYY-MM-DD') AS valid_until, ${live} AS live,
      (r.state = 'APPROVED' AND r.valid_until < current_date) AS expired,
      r.decided_by, du.display_name AS decided_by_name, r.decided_at, r.decision_comment, r.created_at,
      CASE WHEN ${live} AND r.requester_id = ${a.userId}::uuid
        THEN (SELECT f.id FROM integrity_file f WHERE f.commission_id = r.commission_id AND f.person_id = r.person_id) END AS file_id,
      r.version, ${decidesArm(a, 'r')} AS overseen, count(*) OVER ()::int AS total
    FROM integrity_file_request r JOIN person p ON p.id = r.person_id LEFT JOIN org po ON po.id = p.unit_id
    JOIN app_user u ON u.id = r.requester_id JOIN org ro ON ro.id = r.requester_org_id LEFT JOIN app_user du ON du.id = r.decided_by
    WHERE ${requestVisible(a, 'r')} AND ${where}
    ORDER BY (r.state = 'PENDING') DESC, r.created_at DESC, r.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`;
}

function present(ctx: Ctx, r: RequestDbRow): RequestRow {
  return {
    id: r.id,
    person: { id: r.person_id, name: r.person_name, unitName: r.unit_name },
    requester: { id: r.requester_id, name: r.requester_name },
    requesterOrg: { id: r.requester_org_id, name: r.requester_org_name },
    reason: r.reason,
    sections: r.sections,
    state: r.state,
    validUntil: r.valid_until,
    live: r.live,
    expired: r.expired,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decisionComment: r.decision_comment,
    createdAt: r.created_at.toISOString(),
    fileId: r.file_id,
    version: r.version,
    abilities: { actions: FILE_REQUEST_MACHINE.abilities(r.state, requestRoles(ctx.actor, r)) },
  };
}

/**
 * The filter of each view (the approvals card counts `toApprove` + PENDING, the very query of the list); `all` is
 * the custodian's overview: every request addressed to its 干部监督室 (`custodian` is that office's id).
 */
function viewFilter(ctx: Ctx, q: Pick<RequestListQuery, 'view' | 'state'>, custodian: string | null) {
  const a = ctx.actor;
  const view =
    q.view === 'mine'
      ? sql`r.requester_id = ${a.userId}::uuid`
      : q.view === 'toApprove'
        ? sql`r.state = 'PENDING' AND r.requester_id <> ${a.userId}::uuid AND ${decidesArm(a, 'r')}`
        : sql`r.custodian_org_id = ${custodian}::uuid`;
  return sql`${view} ${q.state ? sql`AND r.state = ${q.state}` : sql``}`;
}

/** GET /integrity-file-requests — `view=all` is the custodian's alone (404 for anyone else: the list does not exist for them). */
export async function listRequests(ctx: Ctx, q: RequestListQuery): Promise<{ items: RequestRow[]; total: number }> {
  const custodian = q.view === 'all' ? await custodianOrgOf(ctx.db, ctx.actor) : null;
  if (q.view === 'all' && !custodian) throw notFound('廉政档案查阅申请总览');
  const { rows } = await selectRequests(ctx, viewFilter(ctx, q, custodian), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }).execute(ctx.db);
  return { items: rows.map((r) => present(ctx, r)), total: rows[0]?.total ?? 0 };
}

async function findRequest(db: Q, ctx: Ctx, id: string): Promise<RequestRow> {
  const { rows } = await selectRequests(ctx, sql`r.id = ${id}::uuid`).execute(db);
  if (!rows[0]) throw notFound(NOUN);
  return present(ctx, rows[0]);
}

/** GET /integrity-file-requests/:id */
export const getRequest = (ctx: Ctx, id: string) => findRequest(ctx.db, ctx, id);

/** POST /integrity-file-requests — files the request and tells the leaders overseeing the custodian. */
export async function createRequest(ctx: Ctx, b: RequestCreateBody): Promise<RequestRow> {
  const today = todayIso();
  if (b.validUntil && b.validUntil < today) throw validation([{ path: 'validUntil', message: '查阅截止日期不能早于今天' }]);
  if (b.validUntil && b.validUntil > plusDays(today, MAX_READ_DAYS)) throw validation([{ path: 'validUntil', message: `查阅期限不超过${MAX_READ_DAYS}天` }]);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('person')
      .select(['id', 'name_zh'])
      .where('id', '=', b.personId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (!p) throw validation([{ path: 'personId', message: '人员不存在' }]);
    if (p.id === ctx.actor.personId) throw businessRule('回避：不能申请查阅本人的廉政档案');
    const custodian = await commissionCustodian(trx, ctx.actor.commissionId);
    if (!custodian) throw businessRule('本委未设干部监督室，无法受理查阅申请');
    const dup = await trx
      .selectFrom('integrity_file_request')
      .select('id')
      .where('requester_id', '=', ctx.actor.userId)
      .where('person_id', '=', p.id)
      .where('state', '=', 'PENDING')
      .executeTakeFirst();
    if (dup) throw businessRule('已有待审批的查阅申请，请勿重复提交', { requestId: dup.id });
    const r = await trx
      .insertInto('integrity_file_request')
      .values({
        commission_id: ctx.actor.commissionId,
        person_id: p.id,
        requester_id: ctx.actor.userId,
        requester_org_id: ctx.actor.orgId,
        custodian_org_id: custodian,
        reason: b.reason,
        sections: b.sections,
        valid_until: b.validUntil ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'integrityfile.requested',
      objectType: 'integrity_file_request',
      objectId: r.id,
      payload: refs({ personId: p.id, sections: b.sections, validUntil: b.validUntil ?? null }),
    });
    // the bell of whoever may decide: the leaders overseeing the custodian today, or the 书记 standing in, as the
    // request's own predicate admits them
    const leaders = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u WHERE u.commission_id = ${ctx.actor.commissionId}::uuid
      AND u.status = 'ACTIVE' AND (EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id
          WHERE lm.person_id = u.person_id AND ov.office_id = ${custodian}::uuid
            AND ov.valid_from <= current_date AND (ov.valid_to IS NULL OR ov.valid_to >= current_date))
        OR EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.role = 'SECRETARY'))`.execute(trx);
    const open = (a: Parameters<typeof requestVisible>[0]) =>
      sql`SELECT 1 FROM integrity_file_request r WHERE r.id = ${r.id}::uuid AND ${requestVisible(a, 'r')}`;
    for (const userId of await whoMayOpen(
      trx,
      leaders.rows.map((l) => l.id),
      open,
    )) {
      if (userId === ctx.actor.userId) continue;
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'integrity-file',
        title: `廉政档案查阅申请待审批（${p.name_zh}）`,
        body: `申请人：${ctx.actor.displayName}`,
        link: '/integrity-files/approvals',
      });
    }
    return r.id;
  });
  return findRequest(ctx.db, ctx, id);
}

/** POST /integrity-file-requests/:id/actions — through the kernel. */
export async function actOnRequest(ctx: Ctx, id: string, b: RequestActionBody): Promise<RequestRow> {
  await ctx.db.transaction().execute((trx) => transition({ ...ctx, trx }, requestWorkflow, id, b));
  return findRequest(ctx.db, ctx, id);
}
