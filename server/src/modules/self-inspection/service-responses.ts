import type { AnswerBody, PortalRound, ResponseActionBody, SelfResponse } from '@liandong/domain/self-inspection/contracts';
import { nextResponseStatus, type ResponseStatus, selfLightOf } from '@liandong/domain/self-inspection/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { fileOwnVisible, ownedAttachmentIds } from '../../platform/attachments/evidence';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { AppError, businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { isLiaisonOnly, loadCampaign, responseVisible, reviewArm } from './access';

/*
 * A unit's answers (自查反馈): the unit contact saves a draft and submits each aspect; the 专班 returns it
 * with a comment or accepts it. Every status change goes through `act` below (lock, version, state table,
 * who, audit, notice in one transaction); the table itself is RESPONSE_MACHINE in the domain.
 */

interface Row {
  id: string;
  commission_id: string;
  campaign_id: string;
  round_id: string;
  round_title: string;
  unit_id: string;
  unit_name: string;
  aspect_id: string;
  aspect_code: string;
  aspect_title: string;
  aspect_guidance: string;
  aspect_order: number;
  due_on: string;
  status: ResponseStatus;
  problems_text: string;
  problems_count: number;
  corrected_count: number;
  corrected_text: string;
  plan: string;
  evidence_ids: string[];
  submitted_at: Date | null;
  reviewed_at: Date | null;
  reviewer: string | null;
  review_comment: string | null;
  overdue_marked_at: Date | null;
  version: number;
  reviewer_ok: boolean;
}

type Q = Ctx['db'] | Transaction<DB>;

async function selectResponses(db: Q, ctx: Ctx, where: ReturnType<typeof sql>): Promise<Row[]> {
  const { rows } = await sql<Row>`
    SELECT r.id, r.commission_id, r.campaign_id, r.round_id, rd.title AS round_title, r.unit_id, o.name_zh AS unit_name,
           r.aspect_id, a.code AS aspect_code, a.title AS aspect_title, a.guidance AS aspect_guidance, a.sort_order AS aspect_order,
           to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.status, r.problems_text, r.problems_count, r.corrected_count, r.corrected_text,
           r.plan, r.evidence_ids, r.submitted_at, r.reviewed_at, ru.display_name AS reviewer, r.review_comment, r.overdue_marked_at, r.version,
           ${reviewArm(ctx.actor, sql`r.campaign_id`)} AS reviewer_ok
      FROM self_inspection_response r
      JOIN self_inspection_round rd ON rd.id = r.round_id
      JOIN self_inspection_aspect a ON a.id = r.aspect_id
      JOIN org o ON o.id = r.unit_id
      LEFT JOIN app_user ru ON ru.id = r.reviewed_by
     WHERE ${where} AND ${responseVisible(ctx.actor, 'r')}
     ORDER BY o.name_zh, r.unit_id, a.sort_order`.execute(db);
  return rows;
}

async function present(db: Q, ctx: Ctx, rows: Row[]): Promise<SelfResponse[]> {
  const ids = [...new Set(rows.flatMap((r) => r.evidence_ids))];
  const files = ids.length
    ? await db
        .selectFrom('attachment as a')
        .select(['a.id', 'a.filename', 'a.owner_id'])
        .where('a.id', 'in', ids)
        .where('a.owner_type', '=', 'self_inspection_response')
        .where(fileOwnVisible(ctx.actor))
        .execute()
    : [];
  const today = todayIso();
  const liaison = isLiaisonOnly(ctx.actor);
  return rows.map((r) => {
    const mine = liaison && r.unit_id === ctx.actor.orgId;
    return {
      id: r.id,
      campaignId: r.campaign_id,
      roundId: r.round_id,
      roundTitle: r.round_title,
      unitId: r.unit_id,
      unitName: r.unit_name,
      aspect: { id: r.aspect_id, code: r.aspect_code, title: r.aspect_title, guidance: r.aspect_guidance, order: r.aspect_order },
      dueOn: r.due_on,
      status: r.status,
      light: selfLightOf(r.status, r.due_on, today, r.overdue_marked_at !== null),
      problemsText: r.problems_text,
      problemsCount: r.problems_count,
      correctedCount: r.corrected_count,
      correctedText: r.corrected_text,
      plan: r.plan,
      evidence: r.evidence_ids.flatMap((id) => files.filter((f) => f.id === id && f.owner_id === r.id).map((f) => ({ id: f.id, filename: f.filename }))),
      submittedAt: r.submitted_at?.toISOString() ?? null,
      reviewedAt: r.reviewed_at?.toISOString() ?? null,
      reviewedBy: r.reviewer,
      reviewComment: r.review_comment,
      overdueMarkedAt: r.overdue_marked_at?.toISOString() ?? null,
      version: r.version,
      abilities: {
        answer: mine && nextResponseStatus(r.status, 'save') !== null,
        submit: mine && nextResponseStatus(r.status, 'submit') !== null,
        review: !liaison && r.reviewer_ok && r.status === 'SUBMITTED',
      },
    };
  });
}

/** GET /self-inspection/responses/:id */
export async function getResponse(ctx: Ctx, id: string): Promise<SelfResponse> {
  const [row] = await selectResponses(ctx.db, ctx, sql`r.id = ${id}::uuid`);
  if (!row) throw notFound('自查反馈');
  return (await present(ctx.db, ctx, [row]))[0]!;
}

/** GET /self-inspection/responses?roundId&unitId — a round's answers (a unit's, for the drill-down). */
export async function listResponses(ctx: Ctx, roundId: string, unitId?: string): Promise<{ items: SelfResponse[] }> {
  const where = unitId ? sql`r.round_id = ${roundId}::uuid AND r.unit_id = ${unitId}::uuid` : sql`r.round_id = ${roundId}::uuid`;
  const rows = await selectResponses(ctx.db, ctx, where);
  if (!rows.length) throw notFound('自查批次');
  return { items: await present(ctx.db, ctx, rows) };
}

/** Locks the answer the actor may see; 404 otherwise; 409 on a stale version. */
async function lockVisible(trx: Transaction<DB>, ctx: Ctx, id: string, version: number) {
  const { rows } = await sql<{
    id: string;
    campaign_id: string;
    round_id: string;
    unit_id: string;
    status: ResponseStatus;
    version: number;
    problems_count: number;
    corrected_count: number;
    problems_text: string;
    plan: string;
  }>`
    SELECT r.id, r.campaign_id, r.round_id, r.unit_id, r.status, r.version, r.problems_count, r.corrected_count, r.problems_text, r.plan
      FROM self_inspection_response r WHERE r.id = ${id}::uuid AND ${responseVisible(ctx.actor, 'r')} FOR UPDATE`.execute(trx);
  const r = rows[0];
  if (!r) throw notFound('自查反馈');
  if (r.version !== version) throw staleVersion();
  return r;
}

const illegal = (status: ResponseStatus) => new AppError('ILLEGAL_TRANSITION', `当前状态（${status}）不允许此操作`);

/** PUT /self-inspection/responses/:id — the unit contact saves the answer of one aspect as a draft. */
export async function saveAnswer(ctx: Ctx, id: string, body: AnswerBody): Promise<SelfResponse> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockVisible(trx, ctx, id, body.version);
    if (!isLiaisonOnly(ctx.actor) || r.unit_id !== ctx.actor.orgId) throw forbidden('只有本单位联络人可以填报自查情况');
    const next = nextResponseStatus(r.status, 'save');
    if (!next) throw illegal(r.status);
    const owned = await ownedAttachmentIds(trx, ctx.actor, { type: 'self_inspection_response', id }, body.evidenceIds);
    const stray = body.evidenceIds.findIndex((e) => !owned.has(e));
    if (stray >= 0) throw validation([{ path: `evidenceIds.${stray}`, message: '佐证材料须为本条反馈上传的文件' }], '佐证材料不属于本条自查反馈');
    await trx
      .updateTable('self_inspection_response')
      .set({
        status: next,
        problems_text: body.problemsText,
        problems_count: body.problemsCount,
        corrected_count: body.correctedCount,
        corrected_text: body.correctedText,
        plan: body.plan,
        evidence_ids: [...new Set(body.evidenceIds)],
        answered_by: ctx.actor.userId,
        answered_at: sql`now()`,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      type: 'self_inspection.response_saved',
      objectType: 'self_inspection_response',
      objectId: id,
      payload: refs({ from: r.status, to: next, problemsCount: body.problemsCount, correctedCount: body.correctedCount, evidence: body.evidenceIds.length }),
    });
  });
  return getResponse(ctx, id);
}

/**
 * POST /self-inspection/responses/:id/actions — submit (the unit's contact; problems described, a plan for
 * what is not yet corrected), return (专班, comment required) or accept (专班).
 */
export async function actOnResponse(ctx: Ctx, id: string, body: ResponseActionBody): Promise<SelfResponse> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockVisible(trx, ctx, id, body.version);
    const next = nextResponseStatus(r.status, body.action);
    if (body.action === 'submit') {
      if (!isLiaisonOnly(ctx.actor) || r.unit_id !== ctx.actor.orgId) throw forbidden('只有本单位联络人可以报送自查情况');
      if (!next) throw illegal(r.status);
      if (r.problems_count > 0 && !r.problems_text) throw businessRule('发现问题的，请填写问题描述后再报送');
      if (r.corrected_count < r.problems_count && !r.plan) throw businessRule('尚有问题未整改的，请填写整改计划后再报送');
    } else {
      if (isLiaisonOnly(ctx.actor)) throw forbidden('只有专班成员可以审核自查情况');
      const c = await loadCampaign(trx, ctx.actor, r.campaign_id);
      if (!c.review) throw forbidden('只有专班成员可以审核自查情况');
      if (!next) throw illegal(r.status);
    }
    const comment = body.action === 'submit' ? null : (body.comment ?? null);
    await trx
      .updateTable('self_inspection_response')
      .set({
        status: next!,
        ...(body.action === 'submit' ? { submitted_at: sql`now()` } : { reviewed_by: ctx.actor.userId, reviewed_at: sql`now()`, review_comment: comment }),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      type: 'self_inspection.response_transitioned',
      objectType: 'self_inspection_response',
      objectId: id,
      payload: { action: body.action, from: r.status, to: next, comment: comment !== null && comment.length > 0 },
    });
    if (body.action === 'return') {
      const liaisons = await trx
        .selectFrom('app_user as a')
        .innerJoin('user_role as ur', (j) => j.onRef('ur.user_id', '=', 'a.id').on('ur.role', '=', 'UNIT_LIAISON'))
        .select('a.id')
        .where('a.org_id', '=', r.unit_id)
        .where('a.status', '=', 'ACTIVE')
        .execute();
      for (const l of liaisons) {
        await notify(trx, {
          commissionId: ctx.actor.commissionId,
          userId: l.id,
          kind: 'self_inspection.returned',
          title: '自查情况被退回，请补充后重新报送',
          body: body.comment,
          link: `/portal/self-inspection/${r.round_id}`,
        });
      }
    }
  });
  return getResponse(ctx, id);
}

/** GET /portal/self-inspection — the unit contact's rounds, newest first, with what is left to answer. */
export async function listPortalRounds(ctx: Ctx): Promise<{ items: PortalRound[] }> {
  if (!isLiaisonOnly(ctx.actor)) return { items: [] };
  const today = todayIso();
  const { rows } = await sql<{
    id: string;
    seq: number;
    title: string;
    due_on: string;
    sent_at: Date;
    campaign_id: string;
    campaign_name: string;
    unit_name: string;
    responses: number;
    reported: number;
    to_answer: number;
    returned: number;
    late: number;
  }>`
    SELECT rd.id, rd.seq, rd.title, to_char(rd.due_on, 'YYYY-MM-DD') AS due_on, rd.sent_at, c.id AS campaign_id, c.name AS campaign_name,
           o.name_zh AS unit_name, count(*)::int AS responses,
           count(*) FILTER (WHERE r.status IN ('SUBMITTED','ACCEPTED'))::int AS reported,
           count(*) FILTER (WHERE r.status IN ('PENDING','DRAFT','RETURNED'))::int AS to_answer,
           count(*) FILTER (WHERE r.status = 'RETURNED')::int AS returned,
           count(*) FILTER (WHERE r.status IN ('PENDING','DRAFT','RETURNED') AND (r.overdue_marked_at IS NOT NULL OR r.due_on < ${today}::date))::int AS late
      FROM self_inspection_response r
      JOIN self_inspection_round rd ON rd.id = r.round_id
      JOIN campaign c ON c.id = r.campaign_id
      JOIN org o ON o.id = r.unit_id
     WHERE r.unit_id = ${ctx.actor.orgId}::uuid AND r.commission_id = ${ctx.actor.commissionId}::uuid
     GROUP BY rd.id, c.id, o.name_zh
     ORDER BY rd.sent_at DESC`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      title: r.title,
      dueOn: r.due_on,
      sentAt: r.sent_at.toISOString(),
      units: 1,
      reported: r.reported,
      responses: r.responses,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      unitName: r.unit_name,
      toAnswer: r.to_answer,
      returned: r.returned,
      overdue: r.late > 0,
    })),
  };
}
