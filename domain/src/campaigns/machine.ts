import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { CAMPAIGN_STATE_LABELS, type CampaignState } from './enums';

/**
 * 专项整治状态机 (domain.md c.4): PLANNED → LAUNCHED → SELF_INSPECTION → CHECKING → CONCENTRATED_HANDLING →
 * CONSOLIDATING → EVALUATED → CLOSED, or NORMALISED (folded into routine supervision). The plan is drafted
 * by the lead office and approved by the 书记 or recorded as a 常委会 decision before the launch; the
 * phases are run by the lead office and the 专班's two co-leaders; the 书记 (or the overseeing leader)
 * closes. Only the server's workflow kernel writes campaign.state.
 */
export const CAMPAIGN_ACTION_LABELS = {
  approvePlan: { zh: '审批工作方案', en: 'Approve the plan' },
  launch: { zh: '动员部署', en: 'Launch' },
  startSelfInspection: { zh: '转入自查自纠', en: 'Start self-inspection' },
  startChecking: { zh: '转入抽查检查', en: 'Start checking' },
  startHandling: { zh: '转入集中整治', en: 'Start concentrated handling' },
  startConsolidating: { zh: '转入巩固提升', en: 'Start consolidating' },
  evaluate: { zh: '总结评估', en: 'Evaluate' },
  close: { zh: '结束专项整治', en: 'Close' },
  normalise: { zh: '转入常态化监督', en: 'Normalise' },
} as const satisfies Labelled<string>;
export const CampaignActionSchema = z.enum(codesOf(CAMPAIGN_ACTION_LABELS));
export type CampaignAction = z.infer<typeof CampaignActionSchema>;

/**
 * Who acts on a campaign, relative to it: staff of the lead office (LEAD), the 专班's co-leaders
 * (CO_LEADER), the 书记 or a leader overseeing the lead office (APPROVER).
 */
export type CampaignActor = 'LEAD' | 'CO_LEADER' | 'APPROVER';

/** planApproved: launch needs the approved plan; hasTaskForce: the 专班 with both co-leaders is formed. */
export type CampaignGuard = 'planApproved' | 'hasTaskForce';

const RUN: readonly CampaignActor[] = ['LEAD', 'CO_LEADER'];

export const CAMPAIGN_MACHINE = defineMachine<CampaignState, CampaignAction, CampaignActor, CampaignGuard>({
  noun: '专项整治',
  states: CAMPAIGN_STATE_LABELS,
  actions: CAMPAIGN_ACTION_LABELS,
  table: {
    approvePlan: { from: ['PLANNED'], to: 'stay', who: ['APPROVER'] },
    launch: { from: ['PLANNED'], to: 'LAUNCHED', who: ['LEAD', 'APPROVER'], guard: 'planApproved' },
    startSelfInspection: { from: ['LAUNCHED'], to: 'SELF_INSPECTION', who: RUN, guard: 'hasTaskForce' },
    startChecking: { from: ['SELF_INSPECTION'], to: 'CHECKING', who: RUN },
    startHandling: { from: ['CHECKING'], to: 'CONCENTRATED_HANDLING', who: RUN },
    startConsolidating: { from: ['CONCENTRATED_HANDLING'], to: 'CONSOLIDATING', who: RUN },
    evaluate: { from: ['CONSOLIDATING'], to: 'EVALUATED', who: RUN },
    close: { from: ['EVALUATED'], to: 'CLOSED', who: ['APPROVER'] },
    normalise: { from: ['EVALUATED'], to: 'NORMALISED', who: ['APPROVER'], needsComment: true },
  },
});

/** Phases in which a campaign is running (bulletins are drafted, objects may be linked to it). */
export const RUNNING_CAMPAIGN_STATES: readonly CampaignState[] = ['LAUNCHED', 'SELF_INSPECTION', 'CHECKING', 'CONCENTRATED_HANDLING', 'CONSOLIDATING'];
