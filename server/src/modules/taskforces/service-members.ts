import type { OrgKind } from '@liandong/domain/org/enums';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { MyTaskForces, TaskForceCandidates, TaskForceMemberAddBody, TaskForceMemberEndBody, TaskForceView } from '@liandong/domain/taskforces/contracts';
import type { TaskForcePurpose, TaskForceRole } from '@liandong/domain/taskforces/enums';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { MEMBER_EXCLUDED_ROLES, memberRows } from './repo';
import { endMembership } from './service';
import { bumpVersion, days, laterOf, managedTaskForce, noticeJoined, resolvePeople, rule, viewOf } from './shared';

/**
 * POST /campaigns/:campaignId/task-force/members — adds a member for dates within the 专班's (default: from
 * today, or the 专班's start if later, to its end). The same person may not hold two overlapping memberships.
 */
export async function addTaskForceMember(ctx: Ctx, campaignId: string, body: TaskForceMemberAddBody): Promise<TaskForceView> {
  const { campaign, tf } = await managedTaskForce(ctx, campaignId);
  const { today } = days();
  const tfEnd = tf.valid_to ?? '9999-12-31';
  const validFrom = body.validFrom ?? laterOf(tf.valid_from, today);
  const validTo = body.validTo ?? tfEnd;
  const issues: FieldIssue[] = [];
  if (validFrom < tf.valid_from) issues.push({ path: 'validFrom', message: `任职起始日期不得早于专班成立日期（${tf.valid_from}）` });
  if (validTo > tfEnd) issues.push({ path: 'validTo', message: `任职结束日期不得晚于专班结束日期（${tfEnd}）` });
  if (validTo < validFrom) issues.push({ path: 'validTo', message: '结束日期不得早于起始日期' });
  else if (validTo < today) issues.push({ path: 'validTo', message: '不能补记已经结束的任职' });
  const { resolved, issues: who } = await resolvePeople(ctx.db, ctx.actor.commissionId, [body], null);
  issues.push(...who);
  const person = resolved[0];
  if (person) {
    const overlapping = (await memberRows(ctx.db, tf.id)).some((m) => m.user_id === person.staff.id && m.valid_from <= validTo && m.valid_to >= validFrom);
    if (overlapping) issues.push({ path: 'userId', message: '该干部在所选期间已是专班成员' });
  }
  if (issues.length || !person) throw rule(issues);

  await ctx.db.transaction().execute(async (trx) => {
    await bumpVersion(trx, tf.id, body.version);
    const m = await trx
      .insertInto('task_force_member')
      .values({
        commission_id: ctx.actor.commissionId,
        task_force_id: tf.id,
        user_id: person.staff.id,
        role: 'MEMBER',
        from_org_id: person.fromOrgId,
        valid_from: validFrom,
        valid_to: validTo,
        added_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'taskforce.member_added',
      objectType: 'task_force',
      objectId: tf.id,
      payload: refs({ campaignId, memberId: m.id, userId: person.staff.id, fromOrgId: person.fromOrgId, validFrom, validTo }),
    });
    await noticeJoined(trx, ctx, campaign, tf.name_zh, [person.staff.id]);
  });
  return viewOf(ctx.db, campaign);
}

/**
 * POST …/members/:memberId/end — ends a membership on the given last day (yesterday at the earliest: the
 * record of who served when is never rewritten, and the row is never deleted). Access to the campaign's
 * objects stops the day after. A co-leader is replaced through the co-leader pair instead (双组长).
 */
export async function endTaskForceMember(ctx: Ctx, campaignId: string, memberId: string, body: TaskForceMemberEndBody): Promise<TaskForceView> {
  const { campaign, tf } = await managedTaskForce(ctx, campaignId);
  const member = (await memberRows(ctx.db, tf.id)).find((m) => m.id === memberId);
  if (!member) throw notFound('专班成员');
  if (member.ended_at !== null) throw new AppError('ILLEGAL_TRANSITION', '该成员的任期已经结束');
  const { yesterday } = days();
  const issues: FieldIssue[] = [];
  if (member.role === 'CO_LEADER') issues.push({ path: 'memberId', message: '组长不能单独结束任期，请通过更换组长调整（双组长）' });
  if (body.validTo < member.valid_from) issues.push({ path: 'validTo', message: `结束日期不得早于任职起始日期（${member.valid_from}）` });
  else if (body.validTo < yesterday) issues.push({ path: 'validTo', message: '结束日期不得早于昨天（不改写已经发生的任职历史）' });
  if (body.validTo > member.valid_to) issues.push({ path: 'validTo', message: `结束日期不得晚于原定任期（${member.valid_to}）` });
  if (issues.length) throw rule(issues);

  await ctx.db.transaction().execute(async (trx) => {
    await bumpVersion(trx, tf.id, body.version);
    await endMembership(trx, ctx.actor.userId, member.id, body.validTo);
    await audit(trx, ctx, {
      type: 'taskforce.member_ended',
      objectType: 'task_force',
      objectId: tf.id,
      payload: refs({ campaignId, memberId, userId: member.user_id, validTo: body.validTo, was: member.valid_to }),
    });
  });
  return viewOf(ctx.db, campaign);
}

/** GET /task-forces/mine — the caller's own memberships of any 专班, current first, history kept. */
export async function myTaskForces(ctx: Ctx): Promise<MyTaskForces> {
  const { rows } = await sql<{
    member_id: string;
    task_force_id: string;
    name_zh: string;
    purpose: TaskForcePurpose;
    campaign_id: string | null;
    campaign_name: string | null;
    role: TaskForceRole;
    org_id: string | null;
    org_name: string | null;
    valid_from: string;
    valid_to: string;
    active: boolean;
  }>`
    SELECT m.id AS member_id, tf.id AS task_force_id, tf.name_zh, tf.purpose, c.id AS campaign_id, c.name AS campaign_name, m.role,
           o.id AS org_id, o.name_zh AS org_name, m.valid_from::text AS valid_from, m.valid_to::text AS valid_to,
           current_date BETWEEN m.valid_from AND m.valid_to AS active
      FROM task_force_member m
      JOIN task_force tf ON tf.id = m.task_force_id
      LEFT JOIN campaign c ON c.id = tf.campaign_id
      LEFT JOIN org o ON o.id = m.from_org_id
     WHERE m.user_id = ${ctx.actor.userId}::uuid AND m.commission_id = ${ctx.actor.commissionId}::uuid
     ORDER BY (current_date BETWEEN m.valid_from AND m.valid_to) DESC, m.valid_to DESC, m.id`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      memberId: r.member_id,
      taskForceId: r.task_force_id,
      taskForceName: r.name_zh,
      purpose: r.purpose,
      campaign: r.campaign_id ? { id: r.campaign_id, name: r.campaign_name ?? '' } : null,
      role: r.role,
      fromOrg: r.org_id ? { id: r.org_id, name: r.org_name ?? '' } : null,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      active: r.active,
    })),
  };
}

type OrgRef = { id: string; name: string; kind: OrgKind };

/** GET /task-forces/candidates — active business staff of the commission for the pickers, with post and org chain. */
export async function taskForceCandidates(ctx: Ctx, q: { q?: string; pageSize: number }): Promise<TaskForceCandidates> {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql<{ id: string; name: string; username: string; position: string; chain: OrgRef[] }>`
    SELECT u.id, u.display_name AS name, u.username, coalesce(p.position, '') AS position,
           (WITH RECURSIVE up AS (
              SELECT o.id, o.parent_id, o.kind, o.name_zh, 0 AS depth FROM org o WHERE o.id = u.org_id
              UNION ALL SELECT x.id, x.parent_id, x.kind, x.name_zh, up.depth + 1 FROM org x JOIN up ON x.id = up.parent_id WHERE up.depth < 20
            ) SELECT json_agg(json_build_object('id', up.id, 'name', up.name_zh, 'kind', up.kind) ORDER BY up.depth) FROM up) AS chain
      FROM app_user u JOIN org o ON o.id = u.org_id LEFT JOIN person p ON p.id = u.person_id
     WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ANY(${[...MEMBER_EXCLUDED_ROLES]}::text[]))
       AND (${like}::text IS NULL OR u.display_name ILIKE ${like} OR u.username ILIKE ${like} OR o.name_zh ILIKE ${like} OR p.position ILIKE ${like})
     ORDER BY o.sort_order, o.code, u.display_name
     LIMIT ${q.pageSize}`.execute(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, username: r.username, position: r.position, org: r.chain[0]!, orgChain: r.chain })) };
}
