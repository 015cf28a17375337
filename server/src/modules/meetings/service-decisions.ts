import type { DecisionActionBody, DecisionCreateBody, DecisionDetail, DecisionPage, DecisionQuery } from '@liandong/domain/meetings/contracts';
import { type RawBuilder, sql } from 'kysely';
import { audit, auditRead, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import { type Ctx, inTx } from '../../platform/context';
import { businessRule, forbidden, notFound, validation } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { lockRow, openTo, transition } from '../../platform/workflow';
import { decisionVisible } from '../visibility';
import { presentDecision, selectDecisions } from './decision-rows';
import { decisionLightDates, decisionLightIs, decisionLightSql } from './light';
import { meetingRoles } from './policy';
import { short, staffOf } from './repo';
import { decisionWorkflow, meetingWorkflow } from './workflow';

/*
 * Decisions (议定事项 → 督办, issue 11; f.5 "follow-up tasks (auto-created)"): the chair or registrar of a
 * HELD meeting assigns each decision to an owner org with a deadline; the owner org's staff hear of it and
 * report through the kernel; the chair follows all of them on the board with lights.
 */

/** POST /meetings/:id/decisions */
export async function addDecision(ctx: Ctx, meetingId: string, b: DecisionCreateBody): Promise<DecisionDetail> {
  if (b.deadline < todayIso()) throw validation([{ path: 'deadline', message: '办理期限不能早于今天' }]);
  const owner = await ctx.db
    .selectFrom('org')
    .select(['id', 'kind'])
    .where('id', '=', b.ownerOrgId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirst();
  if (!owner || ['HOST_UNIT', 'PARTY_COMMITTEE', 'EXTERNAL_AGENCY'].includes(owner.kind)) {
    throw validation([{ path: 'ownerOrgId', message: '承办单位须为本机关的内设机构、派驻纪检监察组或县区纪委监委' }]);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const m = await lockRow(inTx(ctx, trx), meetingWorkflow, meetingId);
    if (!m) throw notFound('会议');
    if (meetingRoles(ctx.actor, m).length === 0) throw forbidden('只有会议主持人或登记人可以交办议定事项');
    if (m.state !== 'HELD') throw businessRule('只有已召开、纪要尚未印发的会议可以交办议定事项');
    const seq = (
      await trx
        .selectFrom('meeting_decision')
        .select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).n;
    const d = await trx
      .insertInto('meeting_decision')
      .values({
        commission_id: ctx.actor.commissionId,
        meeting_id: meetingId,
        seq,
        content: b.content,
        owner_org_id: b.ownerOrgId,
        deadline: b.deadline,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('meeting_decision_event')
      .values({ commission_id: ctx.actor.commissionId, decision_id: d.id, action: 'assign', to_state: 'ASSIGNED', actor_id: ctx.actor.userId })
      .execute();
    await audit(trx, ctx, {
      type: 'meeting.decision_created',
      objectType: 'meeting_decision',
      objectId: d.id,
      payload: refs({ meetingId, ownerOrgId: b.ownerOrgId, deadline: b.deadline }),
    });
    // The owner org hears of the assignment — through the decision's predicate, so only who may open it.
    for (const userId of await whoMayOpen(trx, await staffOf(trx, b.ownerOrgId), openTo(decisionWorkflow, d.id))) {
      if (userId === ctx.actor.userId) continue;
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'meeting.decision_assigned',
        title: `会议交办：${short(b.content)}`,
        body: `“${short(m.title)}”议定事项交由你单位办理，期限${b.deadline}。`,
        link: `/meetings/decisions/${d.id}`,
      });
    }
    return d.id;
  });
  return getDecision(ctx, id, { audit: false });
}

/** The board's filter (also the export's): visible decisions, by view, light, state, meeting. */
export function decisionFilter(ctx: Ctx, q: Omit<DecisionQuery, 'page' | 'pageSize' | 'light'>): RawBuilder<boolean>[] {
  const where = [decisionVisible(ctx.actor, 'd')];
  if (q.view === 'chaired') where.push(sql<boolean>`dm.chair_user_id = ${ctx.actor.userId}::uuid`);
  if (q.view === 'owned') where.push(sql<boolean>`d.owner_org_id = ${ctx.actor.orgId}::uuid`);
  if (q.state) where.push(sql<boolean>`d.state = ${q.state}`);
  if (q.meetingId) where.push(sql<boolean>`d.meeting_id = ${q.meetingId}::uuid`);
  return where;
}

/** GET /meeting-decisions — the board with its light counts. */
export async function listDecisions(ctx: Ctx, q: DecisionQuery): Promise<DecisionPage> {
  const dates = await decisionLightDates(ctx.db, ctx.actor.commissionId);
  const where = decisionFilter(ctx, q);
  const { rows: counts } = await sql<{ light: string; n: number }>`SELECT l.light, count(*)::int AS n FROM (
      SELECT ${decisionLightSql(dates)} AS light
      FROM meeting_decision d JOIN meeting dm ON dm.id = d.meeting_id WHERE ${sql.join(where, sql` AND `)}) l GROUP BY l.light`.execute(ctx.db);
  const byLight = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0 } as DecisionPage['counts'];
  for (const c of counts) if (c.light in byLight) byLight[c.light as keyof typeof byLight] = c.n;
  if (q.light) {
    where.push(decisionLightIs(dates, q.light));
  }
  const rows = await selectDecisions(ctx.db, dates, where, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => presentDecision(ctx.actor, r)), total: rows[0]?.total ?? 0, counts: byLight };
}

/** GET /meeting-decisions/:id — 404 outside decisionVisible; never the meeting's other items. */
export async function getDecision(ctx: Ctx, id: string, opts: { audit?: boolean } = { audit: true }): Promise<DecisionDetail> {
  const dates = await decisionLightDates(ctx.db, ctx.actor.commissionId);
  const [row] = await selectDecisions(ctx.db, dates, [sql<boolean>`d.id = ${id}::uuid`, decisionVisible(ctx.actor, 'd')]);
  if (!row) throw notFound('议定事项');
  const { rows } = await sql<{ action: string; from_state: string | null; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`
    SELECT e.action, e.from_state, e.to_state, e.comment, u.display_name AS actor, e.at
      FROM meeting_decision_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.decision_id = ${id}::uuid ORDER BY e.at, e.id`.execute(ctx.db);
  // A decision of a 常委会 or of a classified meeting carries that meeting's sensitivity: its read is recorded.
  if (opts.audit && (row.meeting_type === 'STANDING_COMMITTEE' || row.meeting_classification !== 'PUBLIC')) {
    await auditRead(ctx, {
      type: 'meeting.decision_read',
      objectType: 'meeting_decision',
      objectId: id,
      payload: { meetingId: row.meeting_id, meetingType: row.meeting_type, classification: row.meeting_classification },
    });
  }
  return {
    ...presentDecision(ctx.actor, row),
    timeline: rows.map((e) => ({ action: e.action, fromState: e.from_state, toState: e.to_state, comment: e.comment, actor: e.actor, at: e.at.toISOString() })),
  };
}

/** POST /meeting-decisions/:id/actions — accept, report progress, report done (the owner org). */
export async function actOnDecision(ctx: Ctx, id: string, b: DecisionActionBody) {
  const r = await ctx.db
    .transaction()
    .execute((trx) => transition(inTx(ctx, trx), decisionWorkflow, id, { action: b.action, version: b.version, comment: b.comment }));
  return { from: r.from, to: r.to, version: r.version };
}
