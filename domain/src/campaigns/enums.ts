import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/** 整治领域 (domain.md b.5): the seed's four campaigns and any other. */
export const CAMPAIGN_DOMAIN_LABELS = {
  GRAIN: { zh: '粮食购销', en: 'Grain purchase and sale' },
  RURAL_REVITALISATION: { zh: '乡村振兴', en: 'Rural revitalisation' },
  FINANCE: { zh: '金融', en: 'Finance' },
  SCHOOL_CATERING: { zh: '校园餐', en: 'School catering' },
  OTHER: { zh: '其他', en: 'Other' },
} as const satisfies Labelled<string>;
export const CampaignDomainSchema = z.enum(codesOf(CAMPAIGN_DOMAIN_LABELS));
export type CampaignDomain = z.infer<typeof CampaignDomainSchema>;

/** 专项整治阶段 (domain.md c.4). */
export const CAMPAIGN_STATE_LABELS = {
  PLANNED: { zh: '方案制定', en: 'Planned' },
  LAUNCHED: { zh: '动员部署', en: 'Launched' },
  SELF_INSPECTION: { zh: '自查自纠', en: 'Self-inspection' },
  CHECKING: { zh: '抽查检查', en: 'Checking' },
  CONCENTRATED_HANDLING: { zh: '集中整治', en: 'Concentrated handling' },
  CONSOLIDATING: { zh: '巩固提升', en: 'Consolidating' },
  EVALUATED: { zh: '总结评估', en: 'Evaluated' },
  CLOSED: { zh: '已结束', en: 'Closed' },
  NORMALISED: { zh: '转入常态化监督', en: 'Normalised' },
} as const satisfies Labelled<string>;
export const CampaignStateSchema = z.enum(codesOf(CAMPAIGN_STATE_LABELS));
export type CampaignState = z.infer<typeof CampaignStateSchema>;
/** Phases of a campaign under way (进行中: from 动员部署 to 巩固提升). */
export const CAMPAIGN_ACTIVE_STATES: readonly CampaignState[] = ['LAUNCHED', 'SELF_INSPECTION', 'CHECKING', 'CONCENTRATED_HANDLING', 'CONSOLIDATING'];

/** 参与单位类别: how a participant takes part (分工 is free text per participant). */
export const PARTICIPANT_KIND_LABELS = {
  OFFICE: { zh: '监督检查室', en: 'Inspection office' },
  GROUP: { zh: '派驻纪检监察组', en: 'Dispatched group' },
  COUNTY: { zh: '县区纪委监委', en: 'County commission' },
  DEPARTMENT: { zh: '职能部门', en: 'Functional department' },
} as const satisfies Labelled<string>;
export const ParticipantKindSchema = z.enum(codesOf(PARTICIPANT_KIND_LABELS));
export type ParticipantKind = z.infer<typeof ParticipantKindSchema>;

/** 方案审批方式: the 书记 approves, or the 常委会 decides (recorded with its decision reference). */
export const PLAN_APPROVAL_LABELS = {
  SECRETARY: { zh: '书记审批', en: 'Approved by the secretary' },
  STANDING_COMMITTEE: { zh: '常委会决定', en: 'Standing committee decision' },
} as const satisfies Labelled<string>;
export const PlanApprovalSchema = z.enum(codesOf(PLAN_APPROVAL_LABELS));
export type PlanApproval = z.infer<typeof PlanApprovalSchema>;

/** 定期通报周期. */
export const BULLETIN_SCHEDULE_LABELS = {
  NONE: { zh: '不定期', en: 'None' },
  MONTHLY: { zh: '每月', en: 'Monthly' },
  QUARTERLY: { zh: '每季度', en: 'Quarterly' },
} as const satisfies Labelled<string>;
export const BulletinScheduleSchema = z.enum(codesOf(BULLETIN_SCHEDULE_LABELS));
export type BulletinSchedule = z.infer<typeof BulletinScheduleSchema>;
