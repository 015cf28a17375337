import type { ClueMeeting, ClueMeetingCreateBody, ClueMeetingList, ClueMeetingQuery, ClueMeetingSummary } from '@liandong/domain/clues/contracts';
import { ClueMeetingCreateBodySchema } from '@liandong/domain/clues/contracts';
import type { ClueState } from '@liandong/domain/clues/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole, inOrgScope } from '../../platform/access';
import { AppError, forbidden, notFound, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { MEETING_CREATE_ROLES, MEETING_ROLES } from './policy';
import { lockClue } from './repo';
import { transition } from '../../platform/workflow';
import { clueWorkflow } from './workflow';
import { CLUE_BOOK_ROLES, clueVisible } from '../visibility';
import { resolveCampaignLink } from '../campaign-links';

/*
 * 集体排查 / 线索专题会: a screening meeting of a department with a decision per clue. An item with a
 * method on an UNDER_ANALYSIS clue records the disposition proposal (`propose`) through the workflow kernel
 * in the meeting's transaction. A meeting is seen by the clue-book roles and by whoever has its org in
 * scope; its items show only the clues the reader sees.
 */

function meetingVisible(ctx: Ctx): RawBuilder<boolean> {
  return clueMeetingVisible(ctx.actor);
}

/**
 * SQL predicate over a `clue_meeting` row aliased `m`: who may open a screening meeting (the meeting
 * calendar of issue 11 lists them through it, together with the route's own MEETING_ROLES).
 */
export function clueMeetingVisible(actor: Actor, m = 'm'): RawBuilder<boolean> {
  if (!hasAnyRole(actor, MEETING_ROLES)) return sql<boolean>`false`;
  const r = (c: string) => sql.ref(`${m}.${c}`);
  if (hasAnyRole(actor, CLUE_BOOK_ROLES)) return sql<boolean>`${r('commission_id')} = ${actor.commissionId}::uuid`;
  return sql<boolean>`(${r('commission_id')} = ${actor.commissionId}::uuid AND (${inOrgScope(actor, r('org_id'))} OR ${r('created_by')} = ${actor.userId}::uuid
    OR ${actor.userId}::uuid = ANY(${r('participant_user_ids')})))`;
}

interface SummaryRow {
  id: string;
  org_id: string;
  org_name: string;
  title: string;
  held_on: string;
  place: string | null;
  chair_id: string | null;
  chair_name: string | null;
  item_count: number;
  campaign_id: string | null;
  campaign_name: string | null;
  version: number;
  total: number;
}

const SUMMARY = sql`m.id, m.org_id, o.name_zh AS org_name, m.title, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.place,
  m.chair_user_id AS chair_id, cu.display_name AS chair_name,
  (SELECT count(*)::int FROM clue_meeting_item i WHERE i.meeting_id = m.id) AS item_count,
  m.campaign_id, (SELECT cp.name FROM campaign cp WHERE cp.id = m.campaign_id) AS campaign_name, m.version`;

function presentSummary(r: SummaryRow): ClueMeetingSummary {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    heldOn: r.held_on,
    place: r.place,
    chair: r.chair_id ? { id: r.chair_id, name: r.chair_name ?? '' } : null,
    itemCount: r.item_count,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    version: r.version,
  };
}

/** GET /clue-meetings */
export async function listMeetings(ctx: Ctx, q: ClueMeetingQuery): Promise<ClueMeetingList> {
  const where = [meetingVisible(ctx)];
  if (q.year) where.push(sql<boolean>`extract(year FROM m.held_on) = ${q.year}`);
  if (q.orgId) where.push(sql<boolean>`m.org_id = ${q.orgId}::uuid`);
  if (q.campaignId) where.push(sql<boolean>`m.campaign_id = ${q.campaignId}::uuid`);
  const { rows } = await sql<SummaryRow>`SELECT ${SUMMARY}, count(*) OVER ()::int AS total
    FROM clue_meeting m JOIN org o ON o.id = m.org_id LEFT JOIN app_user cu ON cu.id = m.chair_user_id
    WHERE ${sql.join(where, sql` AND `)} ORDER BY m.held_on DESC, m.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  return { items: rows.map(presentSummary), total: rows[0]?.total ?? 0, abilities: { create: hasAnyRole(ctx.actor, MEETING_CREATE_ROLES) } };
}

/** GET /clue-meetings/:id */
export async function getMeeting(ctx: Ctx, id: string): Promise<ClueMeeting> {
  const { rows } = await sql<
    SummaryRow & {
      participant_user_ids: string[];
      participants_text: string;
      minutes: string;
      created_by_id: string | null;
      created_by_name: string | null;
      created_at: Date;
    }
  >`SELECT ${SUMMARY}, m.participant_user_ids, m.participants_text, m.minutes, m.created_by AS created_by_id, cb.display_name AS created_by_name, m.created_at
    FROM clue_meeting m JOIN org o ON o.id = m.org_id LEFT JOIN app_user cu ON cu.id = m.chair_user_id LEFT JOIN app_user cb ON cb.id = m.created_by
    WHERE m.id = ${id}::uuid AND ${meetingVisible(ctx)}`.execute(ctx.db);
  const m = rows[0];
  if (!m) throw notFound('集体排查会');
  const [participants, items] = await Promise.all([
    m.participant_user_ids.length
      ? ctx.db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', m.participant_user_ids).execute()
      : Promise.resolve([]),
    sql<{
      clue_id: string;
      clue_no: string | null;
      title: string;
      subject_name: string;
      state: ClueState;
      method: ClueMeeting['items'][number]['method'];
      decision: string;
    }>`
      SELECT i.clue_id, c.clue_no, c.title, c.subject_name, c.state, i.method, i.decision
        FROM clue_meeting_item i JOIN clue c ON c.id = i.clue_id
       WHERE i.meeting_id = ${id}::uuid AND ${clueVisible(ctx.actor, 'c')} ORDER BY c.received_on, c.id`.execute(ctx.db),
  ]);
  const names = new Map(participants.map((p) => [p.id, p.display_name]));
  return {
    ...presentSummary(m),
    participants: m.participant_user_ids.filter((u) => names.has(u)).map((u) => ({ id: u, name: names.get(u)! })),
    participantsText: m.participants_text,
    minutes: m.minutes,
    items: items.rows.map((i) => ({
      clueId: i.clue_id,
      clueNo: i.clue_no,
      title: i.title,
      subjectName: i.subject_name,
      state: i.state,
      method: i.method,
      decision: i.decision,
    })),
    createdBy: m.created_by_id ? { id: m.created_by_id, name: m.created_by_name ?? '' } : null,
    createdAt: m.created_at.toISOString(),
  };
}

/** POST /clue-meetings */
export async function createMeeting(ctx: Ctx, input: ClueMeetingCreateBody): Promise<ClueMeeting> {
  const b = ClueMeetingCreateBodySchema.parse(input);
  if (!hasAnyRole(ctx.actor, MEETING_CREATE_ROLES)) throw forbidden('由承办部门或案管室组织集体排查');
  const orgId = b.orgId ?? ctx.actor.orgId;
  if (orgId !== ctx.actor.orgId && !hasAnyRole(ctx.actor, ['CASE_MANAGER'])) throw validation([{ path: 'orgId', message: '只能以本部门名义记录集体排查会' }]);
  const clueIds = b.items.map((i) => i.clueId);
  const dup = clueIds.findIndex((c, i) => clueIds.indexOf(c) !== i);
  if (dup >= 0) throw validation([{ path: `items.${dup}.clueId`, message: '同一线索不能重复列入' }]);
  const users = [...new Set([...(b.chairUserId ? [b.chairUserId] : []), ...b.participantUserIds])];
  if (users.length) {
    const found = await ctx.db.selectFrom('app_user').select('id').where('id', 'in', users).where('commission_id', '=', ctx.actor.commissionId).execute();
    if (found.length !== users.length) throw validation([{ path: 'participantUserIds', message: '参会人员须为本机关账号' }]);
  }
  const org = await ctx.db.selectFrom('org').select('id').where('id', '=', orgId).where('commission_id', '=', ctx.actor.commissionId).executeTakeFirst();
  if (!org) throw validation([{ path: 'orgId', message: '单位不存在' }]);
  const campaignId = await resolveCampaignLink(ctx.db, ctx.actor, b.campaignId, { required: false });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto('clue_meeting')
      .values({
        commission_id: ctx.actor.commissionId,
        org_id: orgId,
        title: b.title,
        held_on: b.heldOn,
        place: b.place ?? null,
        chair_user_id: b.chairUserId ?? null,
        participant_user_ids: b.participantUserIds,
        participants_text: b.participantsText,
        minutes: b.minutes,
        campaign_id: campaignId,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [n, item] of b.items.entries()) {
      const clue = await lockClue(trx, ctx.actor, item.clueId).catch((e) => {
        if (e instanceof AppError && e.code === 'NOT_FOUND') throw validation([{ path: `items.${n}.clueId`, message: '线索不存在或无权访问' }]);
        throw e;
      });
      await trx
        .insertInto('clue_meeting_item')
        .values({ meeting_id: m.id, clue_id: clue.id, method: item.method ?? null, decision: item.decision })
        .execute();
      if (item.method && clue.state === 'UNDER_ANALYSIS') {
        await transition(inTx(ctx, trx), clueWorkflow, clue.id, {
          action: 'propose',
          comment: `集体排查：${item.decision}`,
          payload: { method: item.method, meetingId: m.id },
        });
      }
    }
    await audit(trx, ctx, { type: 'clue.meeting_recorded', objectType: 'clue_meeting', objectId: m.id, payload: refs({ clueIds, orgId, campaignId }) });
    return m.id;
  });
  return getMeeting(ctx, id);
}
