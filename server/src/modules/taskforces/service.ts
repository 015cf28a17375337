import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { CoLeaderInput, TaskForceCreateBody, TaskForcePatchBody, TaskForceView } from '@liandong/domain/taskforces/contracts';
import { coLeaderIssues } from '@liandong/domain/taskforces/rules';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { findTaskForce, memberRows, type TaskForceRow } from './repo';
import { bumpVersion, coLeaderFacts, days, laterOf, managedTaskForce, noticeJoined, resolvePeople, rule, viewOf, visibleCampaign } from './shared';

/** GET /campaigns/:campaignId/task-force — the 专班 of a campaign the caller sees (404 otherwise). */
export async function getTaskForceView(ctx: Ctx, campaignId: string): Promise<TaskForceView> {
  return viewOf(ctx.db, await visibleCampaign(ctx, campaignId));
}

/** Checks the proposed pair (people, origin, 双组长); throws 422 with every issue. */
async function checkedCoLeaders(ctx: Ctx, coLeaders: readonly CoLeaderInput[], extra: FieldIssue[] = []) {
  const { resolved, issues } = await resolvePeople(ctx.db, ctx.actor.commissionId, coLeaders, 'coLeaders');
  const all = [...extra, ...issues];
  // The pair rule is only meaningful once both people resolved; otherwise their own issues say why.
  if (issues.length === 0) all.push(...coLeaderIssues(coLeaderFacts(resolved, coLeaders)));
  if (all.length) throw rule(all);
  return resolved.map((r) => r!);
}

/**
 * POST /campaigns/:campaignId/task-force — forms the campaign's 专班 with its two co-leaders (双组长), who
 * serve for the 专班's dates. One 专班 per campaign (409 when formed already).
 */
export async function createTaskForce(ctx: Ctx, campaignId: string, body: TaskForceCreateBody): Promise<TaskForceView> {
  const campaign = await visibleCampaign(ctx, campaignId);
  if (!campaign.manage) throw forbidden('只有牵头部门干部、书记和分管牵头部门的委领导可以组建工作专班');
  if (await findTaskForce(ctx.db, campaignId)) throw new AppError('CONFLICT', '该专项整治已组建工作专班');
  const { yesterday } = days();
  const dateIssues: FieldIssue[] = [];
  if (body.validTo < body.validFrom) dateIssues.push({ path: 'validTo', message: '结束日期不得早于成立日期' });
  else if (body.validTo < yesterday) dateIssues.push({ path: 'validTo', message: '不能组建已经结束的专班' });
  const leaders = await checkedCoLeaders(ctx, body.coLeaders, dateIssues);

  await ctx.db.transaction().execute(async (trx) => {
    const tf = await trx
      .insertInto('task_force')
      .values({
        commission_id: ctx.actor.commissionId,
        campaign_id: campaignId,
        purpose: 'CAMPAIGN',
        name_zh: body.name,
        note: body.note,
        valid_from: body.validFrom,
        valid_to: body.validTo,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('task_force_member')
      .values(
        leaders.map((l) => ({
          commission_id: ctx.actor.commissionId,
          task_force_id: tf.id,
          user_id: l.staff.id,
          role: 'CO_LEADER',
          from_org_id: l.fromOrgId,
          valid_from: body.validFrom,
          valid_to: body.validTo,
          added_by: ctx.actor.userId,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      type: 'taskforce.created',
      objectType: 'task_force',
      objectId: tf.id,
      payload: refs({
        campaignId,
        validFrom: body.validFrom,
        validTo: body.validTo,
        coLeaders: leaders.map((l) => ({ userId: l.staff.id, fromOrgId: l.fromOrgId })),
      }),
    });
    await noticeJoined(
      trx,
      ctx,
      campaign,
      body.name,
      leaders.map((l) => l.staff.id),
    );
  });
  return viewOf(ctx.db, campaign);
}

/**
 * PATCH /campaigns/:campaignId/task-force — name, note, dates and the co-leader pair (optimistic lock).
 * Dates: the start may not move past a membership's start (history stays true); a new end clips later
 * memberships and carries along those that ran to the old end. New co-leaders replace the current pair:
 * a co-leader leaving ends their membership yesterday; one arriving serves from today to the end.
 */
export async function updateTaskForce(ctx: Ctx, campaignId: string, body: TaskForcePatchBody): Promise<TaskForceView> {
  const { campaign, tf } = await managedTaskForce(ctx, campaignId);
  const { today, yesterday } = days();
  const members = await memberRows(ctx.db, tf.id);
  const next = { validFrom: body.validFrom ?? tf.valid_from, validTo: body.validTo ?? tf.valid_to ?? tf.valid_from };
  const issues: FieldIssue[] = [];
  if (next.validTo < next.validFrom) issues.push({ path: 'validTo', message: '结束日期不得早于成立日期' });
  if (body.validTo !== undefined && body.validTo !== tf.valid_to && body.validTo < yesterday) {
    issues.push({ path: 'validTo', message: '结束日期不得早于昨天（不改写已经发生的任职历史）' });
  }
  if (body.validFrom !== undefined && members.some((m) => m.valid_from < next.validFrom)) {
    issues.push({ path: 'validFrom', message: '已有成员的任职起始日期早于新的成立日期' });
  }
  if (members.some((m) => m.valid_from > next.validTo)) {
    issues.push({ path: 'validTo', message: '有成员的任职起始日期晚于新的结束日期，请先结束其任期' });
  }
  // The pair in office: co-leaders not ended who serve today or served to the 专班's end (an expired 专班 keeps its pair).
  const current = members.filter((m) => m.role === 'CO_LEADER' && m.ended_at === null && (m.valid_to >= today || m.valid_to === tf.valid_to));
  let arriving: Awaited<ReturnType<typeof checkedCoLeaders>> = [];
  let leaving: typeof current = [];
  if (body.coLeaders) {
    const pair = await checkedCoLeaders(ctx, body.coLeaders, issues);
    const same = (m: (typeof current)[number], p: (typeof pair)[number]) => m.user_id === p.staff.id && m.from_org_id === p.fromOrgId;
    leaving = current.filter((m) => !pair.some((p) => same(m, p)));
    arriving = pair.filter((p) => !current.some((m) => same(m, p)));
    if (arriving.length && laterOf(next.validFrom, today) > next.validTo) {
      throw rule([{ path: 'coLeaders', message: '专班已经结束，不能更换组长' }]);
    }
  } else if (issues.length) throw rule(issues);

  const changed = Object.keys(body).filter((k) => k !== 'version');
  await ctx.db.transaction().execute(async (trx) => {
    await bumpVersion(trx, tf.id, body.version);
    await trx
      .updateTable('task_force')
      .set({ name_zh: body.name ?? tf.name_zh, note: body.note ?? tf.note, valid_from: next.validFrom, valid_to: next.validTo })
      .where('id', '=', tf.id)
      .execute();
    if (tf.valid_to && next.validTo !== tf.valid_to) await moveEnd(trx, tf, next.validTo);
    const start = laterOf(next.validFrom, today);
    const arrivingIds = arriving.map((a) => a.staff.id);
    // Whoever leaves the pair, and an arriving co-leader's own running membership as a plain member, ends yesterday.
    const toEnd = [...leaving, ...members.filter((m) => m.role === 'MEMBER' && m.ended_at === null && m.valid_to >= today && arrivingIds.includes(m.user_id))];
    for (const m of toEnd) await endMembership(trx, ctx.actor.userId, m.id, laterOf(m.valid_from, yesterday));
    if (arriving.length) {
      await trx
        .insertInto('task_force_member')
        .values(
          arriving.map((l) => ({
            commission_id: ctx.actor.commissionId,
            task_force_id: tf.id,
            user_id: l.staff.id,
            role: 'CO_LEADER',
            from_org_id: l.fromOrgId,
            valid_from: start,
            valid_to: next.validTo,
            added_by: ctx.actor.userId,
          })),
        )
        .execute();
    }
    await audit(trx, ctx, {
      type: 'taskforce.updated',
      objectType: 'task_force',
      objectId: tf.id,
      payload: refs({ campaignId, fields: changed, validFrom: next.validFrom, validTo: next.validTo }),
    });
    if (leaving.length || arriving.length) {
      await audit(trx, ctx, {
        type: 'taskforce.co_leaders_changed',
        objectType: 'task_force',
        objectId: tf.id,
        payload: refs({ left: leaving.map((m) => m.user_id), joined: arriving.map((a) => ({ userId: a.staff.id, fromOrgId: a.fromOrgId })) }),
      });
      await noticeJoined(trx, ctx, campaign, body.name ?? tf.name_zh, arrivingIds);
    }
  });
  return viewOf(ctx.db, campaign);
}

/**
 * A new end date of the 专班: every membership running past it ends with it (ended ones too, so that no one
 * keeps the campaign's objects after the 专班 is over); those not ended that ran to the old end follow a later one.
 */
async function moveEnd(trx: Transaction<DB>, tf: TaskForceRow, validTo: string): Promise<void> {
  await trx.updateTable('task_force_member').set({ valid_to: validTo }).where('task_force_id', '=', tf.id).where('valid_to', '>', validTo).execute();
  if (tf.valid_to && validTo > tf.valid_to) {
    await trx
      .updateTable('task_force_member')
      .set({ valid_to: validTo })
      .where('task_force_id', '=', tf.id)
      .where('ended_at', 'is', null)
      .where('valid_to', '=', tf.valid_to)
      .execute();
  }
}

/** Ends a membership on `validTo` (its last day), recording who ended it and when. */
export async function endMembership(trx: Transaction<DB>, byUserId: string, memberId: string, validTo: string): Promise<void> {
  await trx.updateTable('task_force_member').set({ valid_to: validTo, ended_by: byUserId, ended_at: new Date() }).where('id', '=', memberId).execute();
}
