import type { OrgKind } from '@liandong/domain/org/enums';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { CoLeaderFacts } from '@liandong/domain/taskforces/rules';
import type { TaskForceView } from '@liandong/domain/taskforces/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { businessRule, forbidden, notFound, staleVersion } from '../../platform/errors';
import { notify, whoMayOpen } from '../../platform/inbox';
import { campaignVisible } from '../visibility';
import { type CampaignRow, findCampaign, findTaskForce, presentTaskForce, type StaffFacts, staffFacts, type TaskForceRow } from './repo';

/** A business-rule failure (422) listing every issue with its field path. */
export const rule = (issues: FieldIssue[]) => businessRule(`不符合专班规则：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });

/** Today and yesterday in the commission's civil day (the same day SQL's current_date sees). */
export function days(): { today: string; yesterday: string } {
  const today = todayIso();
  const y = new Date(`${today}T00:00:00Z`);
  y.setUTCDate(y.getUTCDate() - 1);
  return { today, yesterday: y.toISOString().slice(0, 10) };
}

/** The later of two ISO dates (YYYY-MM-DD compares as text). */
export const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** The campaign the actor sees, else 404 (never confirm a campaign outside the caller's view exists). */
export async function visibleCampaign(ctx: Ctx, campaignId: string): Promise<CampaignRow> {
  const c = await findCampaign(ctx.db, ctx.actor, campaignId);
  if (!c) throw notFound('专项整治');
  return c;
}

/** The campaign's 专班 for a change: the campaign visible (404), the actor a manager (403), the 专班 formed (404). */
export async function managedTaskForce(ctx: Ctx, campaignId: string): Promise<{ campaign: CampaignRow; tf: TaskForceRow }> {
  const campaign = await visibleCampaign(ctx, campaignId);
  if (!campaign.manage) throw forbidden('只有牵头部门干部、书记和分管牵头部门的委领导可以组建和调整工作专班');
  const tf = await findTaskForce(ctx.db, campaignId);
  if (!tf) throw notFound('工作专班');
  return { campaign, tf };
}

/** Bumps the 专班's version if it is still the one the caller read (locks the row: changes serialise), else 409. */
export async function bumpVersion(trx: Transaction<DB>, taskForceId: string, version: number): Promise<void> {
  const r = await trx
    .updateTable('task_force')
    .set({ version: version + 1 })
    .where('id', '=', taskForceId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw staleVersion();
}

/** The view every endpoint answers with. */
export async function viewOf(db: Kysely<DB>, campaign: CampaignRow): Promise<TaskForceView> {
  const tf = await findTaskForce(db, campaign.id);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      leadOrg: { id: campaign.lead_org_id, name: campaign.lead_org_name },
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
    },
    taskForce: tf ? await presentTaskForce(db, tf) : null,
    abilities: { create: campaign.manage && !tf, update: campaign.manage && !!tf, addMember: campaign.manage && !!tf, endMember: campaign.manage && !!tf },
  };
}

export interface Resolved {
  staff: StaffFacts;
  fromOrgId: string;
  fromOrgKind: OrgKind;
}

/**
 * Resolves people proposed for the 专班: the account exists in the commission, is active business staff, and
 * the 抽调单位 (from_org) is their own org or one above it (a county office's staff may come "from" the county
 * commission); unset, it is their own org. Issues carry `${path}.N.userId` / `${path}.N.fromOrgId`, or the
 * bare paths `userId` / `fromOrgId` when `path` is null (a single member).
 */
export async function resolvePeople(
  db: Kysely<DB>,
  commissionId: string,
  inputs: readonly { userId: string; fromOrgId?: string | null }[],
  path: string | null,
): Promise<{ resolved: (Resolved | null)[]; issues: FieldIssue[] }> {
  const facts = await staffFacts(
    db,
    commissionId,
    inputs.map((i) => i.userId),
  );
  const issues: FieldIssue[] = [];
  const at = (i: number, field: string) => (path === null ? field : `${path}.${i}.${field}`);
  const resolved = inputs.map((input, i) => {
    const s = facts.get(input.userId);
    if (!s?.eligible) {
      issues.push({ path: at(i, 'userId'), message: '账号不存在、已停用或不是纪检监察干部账号' });
      return null;
    }
    const fromOrgId = input.fromOrgId ?? s.org_id;
    const node = s.chain.find((o) => o.id === fromOrgId);
    if (!node) {
      issues.push({ path: at(i, 'fromOrgId'), message: '抽调单位须为该干部所在单位或其上级单位' });
      return null;
    }
    return { staff: s, fromOrgId, fromOrgKind: node.kind };
  });
  return { resolved, issues };
}

/** The facts the 双组长 rule reads, from resolved people (unresolved ones already carry their issue). */
export function coLeaderFacts(resolved: (Resolved | null)[], inputs: readonly { userId: string }[]): CoLeaderFacts[] {
  return inputs.map((input, i) => {
    const r = resolved[i];
    return { userId: input.userId, orgId: r?.fromOrgId ?? null, orgKind: r?.fromOrgKind ?? null, position: r?.staff.position ?? '' };
  });
}

/**
 * Tells the added people they joined the 专班 — each only if they may open the campaign as things stand
 * (a membership starting later is told nothing yet; a notice carries the campaign's name).
 */
export async function noticeJoined(trx: Transaction<DB>, ctx: Ctx, campaign: CampaignRow, taskForceName: string, userIds: string[]): Promise<void> {
  const others = userIds.filter((u) => u !== ctx.actor.userId);
  const told = await whoMayOpen(trx, others, (a) => sql`SELECT 1 FROM campaign nc WHERE nc.id = ${campaign.id}::uuid AND ${campaignVisible(a, 'nc')}`);
  for (const userId of told) {
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'taskforce.member',
      title: `您已加入${taskForceName}`,
      body: `专项整治：${campaign.name}；操作人：${ctx.actor.displayName}`,
      link: `/campaigns/${campaign.id}/task-force`,
    });
  }
}
