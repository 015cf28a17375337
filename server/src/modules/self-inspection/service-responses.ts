import type { AnswerBody, PortalRound, ResponseActionBody, SelfResponse } from '@liandong/domain/self-inspection/contracts';
import { selfLightOf } from '@liandong/domain/self-inspection/enums';
import { responseAbilities, saveActionOf } from '@liandong/domain/self-inspection/machine';
import { sql } from 'kysely';
import { fileOwnVisible } from '../../platform/attachments/evidence';
import { todayIso } from '../../platform/calendar';
import { type Ctx, inTx, type TxCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { abilitiesOf, lockRow, transition } from '../../platform/workflow';
import { isLiaisonOnly, responseVisible, reviewArm } from './access';
import { type LockedResponse, responseWorkflow } from './workflow';

/*
 * A unit's answers (自查反馈): the unit contact saves a draft and submits each aspect; the 专班 returns it
 * with a comment or accepts it. Every state change goes through the workflow kernel with
 * `responseWorkflow` (lock, version, state table, who, guard, timeline, audit, notices in one
 * transaction); the table itself is RESPONSE_MACHINE in the domain, and so are the answer's abilities.
 */

interface Row extends LockedResponse {
  aspect_id: string;
  aspect_code: string;
  aspect_guidance: string;
  aspect_order: number;
  due_on: string;
  corrected_text: string;
  evidence_ids: string[];
  submitted_at: Date | null;
  reviewed_at: Date | null;
  reviewer: string | null;
  review_comment: string | null;
  overdue_marked_at: Date | null;
}

async function selectResponses(tx: TxCtx, where: ReturnType<typeof sql>): Promise<Row[]> {
  const { rows } = await sql<Row>`
    SELECT r.id, r.commission_id, r.campaign_id, c.lead_org_id, r.round_id, rd.title AS round_title, r.unit_id, o.name_zh AS unit_name,
           r.aspect_id, a.code AS aspect_code, a.title AS aspect_title, a.guidance AS aspect_guidance, a.sort_order AS aspect_order,
           to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.state, r.problems_text, r.problems_count, r.corrected_count, r.corrected_text,
           r.plan, r.evidence_ids, r.submitted_at, r.reviewed_at, ru.display_name AS reviewer, r.review_comment, r.overdue_marked_at, r.version,
           ${reviewArm(tx.actor, sql`r.campaign_id`)} AS reviewer_ok
      FROM self_inspection_response r
      JOIN campaign c ON c.id = r.campaign_id
      JOIN self_inspection_round rd ON rd.id = r.round_id
      JOIN self_inspection_aspect a ON a.id = r.aspect_id
      JOIN org o ON o.id = r.unit_id
      LEFT JOIN app_user ru ON ru.id = r.reviewed_by
     WHERE ${where} AND ${responseVisible(tx.actor, 'r')}
     ORDER BY o.name_zh, r.unit_id, a.sort_order`.execute(tx.trx);
  return rows;
}

async function present(tx: TxCtx, rows: Row[]): Promise<SelfResponse[]> {
  const ids = [...new Set(rows.flatMap((r) => r.evidence_ids))];
  const files = ids.length
    ? await tx.trx
        .selectFrom('attachment as a')
        .select(['a.id', 'a.filename', 'a.owner_id'])
        .where('a.id', 'in', ids)
        .where('a.owner_type', '=', 'self_inspection_response')
        .where(fileOwnVisible(tx.actor))
        .execute()
    : [];
  const today = todayIso();
  const out: SelfResponse[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      campaignId: r.campaign_id,
      roundId: r.round_id,
      roundTitle: r.round_title,
      unitId: r.unit_id,
      unitName: r.unit_name,
      aspect: { id: r.aspect_id, code: r.aspect_code, title: r.aspect_title, guidance: r.aspect_guidance, order: r.aspect_order },
      dueOn: r.due_on,
      status: r.state,
      light: selfLightOf(r.state, r.due_on, today, r.overdue_marked_at !== null),
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
      // What the kernel would accept from this caller, from the machine: the unit's contact answers and
      // submits its own unit's answer; the campaign's reviewers return or accept a submitted one.
      abilities: responseAbilities(await abilitiesOf(tx, responseWorkflow, r)),
    });
  }
  return out;
}

async function readOne(tx: TxCtx, id: string): Promise<SelfResponse> {
  const [row] = await selectResponses(tx, sql`r.id = ${id}::uuid`);
  if (!row) throw notFound('自查反馈');
  return (await present(tx, [row]))[0]!;
}

/** GET /self-inspection/responses/:id */
export async function getResponse(ctx: Ctx, id: string): Promise<SelfResponse> {
  return ctx.db.transaction().execute((trx) => readOne(inTx(ctx, trx), id));
}

/** GET /self-inspection/responses?roundId&unitId — a round's answers (a unit's, for the drill-down). */
export async function listResponses(ctx: Ctx, roundId: string, unitId?: string): Promise<{ items: SelfResponse[] }> {
  const where = unitId ? sql`r.round_id = ${roundId}::uuid AND r.unit_id = ${unitId}::uuid` : sql`r.round_id = ${roundId}::uuid`;
  return ctx.db.transaction().execute(async (trx) => {
    const tx = inTx(ctx, trx);
    const rows = await selectResponses(tx, where);
    if (!rows.length) throw notFound('自查批次');
    return { items: await present(tx, rows) };
  });
}

/**
 * PUT /self-inspection/responses/:id — the unit contact saves the answer of one aspect: the first save
 * starts it (PENDING → DRAFT), later ones keep its state (a returned answer stays RETURNED until resubmitted).
 */
export async function saveAnswer(ctx: Ctx, id: string, body: AnswerBody): Promise<SelfResponse> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = inTx(ctx, trx);
    const row = await lockRow(tx, responseWorkflow, id);
    if (!row) throw notFound('自查反馈');
    const { version, ...answer } = body;
    await transition(tx, responseWorkflow, id, { action: saveActionOf(row.state), version, answer });
    return readOne(tx, id);
  });
}

/**
 * POST /self-inspection/responses/:id/actions — submit (the unit's contact; problems described, a plan for
 * what is not yet corrected), return (专班, comment required) or accept (专班).
 */
export async function actOnResponse(ctx: Ctx, id: string, body: ResponseActionBody): Promise<SelfResponse> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = inTx(ctx, trx);
    await transition(tx, responseWorkflow, id, { action: body.action, version: body.version, comment: body.action === 'submit' ? null : body.comment });
    return readOne(tx, id);
  });
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
           count(*) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED'))::int AS reported,
           count(*) FILTER (WHERE r.state IN ('PENDING','DRAFT','RETURNED'))::int AS to_answer,
           count(*) FILTER (WHERE r.state = 'RETURNED')::int AS returned,
           count(*) FILTER (WHERE r.state IN ('PENDING','DRAFT','RETURNED') AND (r.overdue_marked_at IS NOT NULL OR r.due_on < ${today}::date))::int AS late
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
