import type { CampaignActionBody } from '@liandong/domain/campaigns/contracts';
import type { CampaignState, PlanApproval } from '@liandong/domain/campaigns/enums';
import { CAMPAIGN_MACHINE, type CampaignAction, type CampaignActor } from '@liandong/domain/campaigns/machine';
import { sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import { AppError, businessRule, validation } from '../../platform/errors';
import { short, type Workflow } from '../../platform/workflow';
import { campaignVisible } from '../visibility';
import { actorMessage, campaignSides, coLeads, oversees } from './policy';
import { activeUsersOf, approversOf, coLeadersOf, taskForceCheck } from './repo';

/*
 * The 专项整治 workflow (c.4): what the kernel (platform/workflow.ts) needs to apply CAMPAIGN_MACHINE — the
 * scoped lock, the caller's sides, the guards (approved plan before the launch; the 专班 with its 双组长
 * before self-inspection), the plan approval written by approvePlan, and the notices. The kernel is the
 * only writer of campaign.state.
 */

export interface LockedCampaign {
  id: string;
  commission_id: string;
  name: string;
  lead_org_id: string;
  state: CampaignState;
  plan: string;
  plan_approval: PlanApproval | null;
  version: number;
  overseen: boolean;
  co_leader: boolean;
}

export const campaignWorkflow: Workflow<LockedCampaign, CampaignState, CampaignAction, CampaignActor, CampaignActionBody> = {
  machine: CAMPAIGN_MACHINE,
  table: 'campaign',
  objectType: 'campaign',
  scope: { alias: 'cg', visible: (a) => campaignVisible(a, 'cg') },
  events: { table: 'campaign_event', key: 'campaign_id', payload: true },
  auditType: (action) => (action === 'approvePlan' ? 'campaign.plan_approved' : 'campaign.transitioned'),

  // `overseen` and `co_leader` are evaluated for the caller; a job never acts on a campaign (no `who: []`).
  lock: sql`cg.id, cg.commission_id, cg.name, cg.lead_org_id, cg.state, cg.plan, cg.plan_approval, cg.version`,

  roles: async (ctx, row) => {
    const { rows } = await sql<{ overseen: boolean; co_leader: boolean }>`SELECT ${oversees(ctx.actor, 'c.lead_org_id')} AS overseen,
      ${coLeads(ctx.actor, 'c.id')} AS co_leader FROM campaign c WHERE c.id = ${row.id}::uuid`.execute(ctx.trx);
    return campaignSides(ctx.actor, { lead_org_id: row.lead_org_id, overseen: rows[0]?.overseen ?? false, co_leader: rows[0]?.co_leader ?? false });
  },

  deniedMessage: actorMessage,

  async guard(ctx, row, body) {
    const g = CAMPAIGN_MACHINE.table[body.action].guard;
    if (g === 'planApproved' && !row.plan_approval) throw businessRule('工作方案尚未经书记审批或常委会研究决定，不能动员部署', { guard: g });
    if (g === 'hasTaskForce') {
      const problem = await taskForceCheck(ctx.trx, row.id);
      if (problem) throw businessRule(problem, { guard: g });
    }
    if (body.action === 'approvePlan') {
      if (row.plan_approval) throw new AppError('ILLEGAL_TRANSITION', '工作方案已审批；修改方案后须重新审批', { field: 'planApproval' });
      if (row.plan.trim() === '') throw businessRule('请先起草工作方案，再提请审批', { field: 'plan' });
      if (body.planApproval === 'STANDING_COMMITTEE' && !body.planDecisionRef?.trim()) {
        throw validation([{ path: 'planDecisionRef', message: '常委会研究决定须填写会议决定文号或会议名称' }]);
      }
      if (body.approvedOn && body.approvedOn > todayIso()) throw validation([{ path: 'approvedOn', message: '审批日期不能晚于今天' }]);
    }
  },

  async effects(ctx, _row, body) {
    if (body.action !== 'approvePlan') return undefined;
    const decisionRef = body.planApproval === 'STANDING_COMMITTEE' ? (body.planDecisionRef?.trim() ?? null) : null;
    const on = body.approvedOn ?? todayIso();
    return {
      set: { plan_approval: body.planApproval, plan_approved_by: ctx.actor.userId, plan_approved_on: on, plan_decision_ref: decisionRef },
      payload: { planApproval: body.planApproval, approvedOn: on, decisionRef },
      comment: body.comment?.trim() || (decisionRef ? `经${decisionRef}研究决定` : '书记审批同意'),
    };
  },

  notices: {
    kind: 'campaign',
    name: (row) => `专项整治“${short(row.name)}”`,
    link: (row) => `/campaigns/${row.id}`,
    // The plan's approval and the phases reach the lead office and the co-leaders; the end of the
    // evaluation reaches the approvers, who close it.
    audiences: async (ctx, row, body, to) => {
      const lead = await activeUsersOf(ctx.trx, row.lead_org_id);
      const coLeaders = await coLeadersOf(ctx.trx, row.id);
      if (body.action === 'approvePlan') return [{ users: lead, body: `工作方案已审批，可以动员部署，操作人：${ctx.actor.displayName}` }];
      if (to === 'EVALUATED')
        return [
          { users: await approversOf(ctx.trx, row.commission_id, row.lead_org_id), body: '总结评估已完成，请结束或转入常态化监督' },
          { users: [...lead, ...coLeaders] },
        ];
      return [{ users: [...lead, ...coLeaders] }];
    },
  },
};
