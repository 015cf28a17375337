import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 信息互通 (issue 11; domain.md b.5 InformationShare, d): a 室, 组 or 地 asks another side for its
 * information, or the owner pushes it; the owning side's overseeing leader approves; an approved share is a
 * time-bounded grant that every visibility predicate of the objects it names honours.
 */

/** 共享类别: the three kinds of information the seed article names (互通共享日常监督、执纪审查、干部信息). */
export const SHARE_KIND_LABELS = {
  /** 日常监督信息: supervision items with their progress, inspections with their findings. */
  DAILY_SUPERVISION: { zh: '日常监督信息', en: 'Daily supervision' },
  /** 执纪审查信息: clues and cases — summary level unless the approver grants the full text. */
  DISCIPLINARY_REVIEW: { zh: '执纪审查信息', en: 'Disciplinary review' },
  /** 干部信息: person records and 党风廉政意见回复. */
  CADRE_INFO: { zh: '干部信息', en: 'Cadre information' },
} as const satisfies Labelled<string>;
export const ShareKindSchema = z.enum(codesOf(SHARE_KIND_LABELS), '共享类别须为日常监督、执纪审查或干部信息');
export type ShareKind = z.infer<typeof ShareKindSchema>;

/** The object types a grant may name. */
export const SHARE_OBJECT_TYPE_LABELS = {
  SUPERVISION_ITEM: { zh: '监督事项', en: 'Supervision item' },
  INSPECTION: { zh: '监督检查', en: 'Inspection' },
  CLUE: { zh: '问题线索', en: 'Clue' },
  CASE: { zh: '案件', en: 'Case' },
  PERSON: { zh: '人员信息', en: 'Person' },
  INTEGRITY_REPLY: { zh: '党风廉政意见回复', en: 'Integrity opinion reply' },
} as const satisfies Labelled<string>;
export const ShareObjectTypeSchema = z.enum(codesOf(SHARE_OBJECT_TYPE_LABELS), '共享对象类型不正确');
export type ShareObjectType = z.infer<typeof ShareObjectTypeSchema>;

/**
 * Which object types each kind covers — the one definition the server's predicates and the forms use.
 * Derived records follow their object: an item's progress reports, an inspection's findings, a clue's or
 * case's documents are read only through the object the grant names.
 */
export const SHARE_KIND_OBJECT_TYPES: Readonly<Record<ShareKind, readonly ShareObjectType[]>> = {
  DAILY_SUPERVISION: ['SUPERVISION_ITEM', 'INSPECTION'],
  DISCIPLINARY_REVIEW: ['CLUE', 'CASE'],
  CADRE_INFO: ['PERSON', 'INTEGRITY_REPLY'],
};

/** 申请 (the grantee asks) or 主动推送 (the owner shares without a request); both need the same approval. */
export const SHARE_ORIGIN_LABELS = {
  REQUEST: { zh: '申请共享', en: 'Request' },
  PUSH: { zh: '主动推送', en: 'Push' },
} as const satisfies Labelled<string>;
export const ShareOriginSchema = z.enum(codesOf(SHARE_ORIGIN_LABELS), '共享方式须为申请或推送');
export type ShareOrigin = z.infer<typeof ShareOriginSchema>;

/**
 * 共享程度. SUMMARY: the grantee sees the object's ledger row (number, title, units, state, dates) and a
 * detail page without its content, team or timeline; FULL: also the content and the record of the work,
 * and full-text search finds it. Either way read-only, and never the attached files (they stay with the
 * owner). 执纪审查 is SUMMARY unless the approver grants FULL.
 */
export const SHARE_DETAIL_LABELS = {
  SUMMARY: { zh: '摘要', en: 'Summary' },
  FULL: { zh: '全文', en: 'Full' },
} as const satisfies Labelled<string>;
export const ShareDetailSchema = z.enum(codesOf(SHARE_DETAIL_LABELS), '共享程度须为摘要或全文');
export type ShareDetail = z.infer<typeof ShareDetailSchema>;

/** 共享状态 (the kernel writes it). An APPROVED share is in force from startsOn to endsOn inclusive. */
export const SHARE_STATE_LABELS = {
  PENDING: { zh: '待审批', en: 'Pending' },
  APPROVED: { zh: '已批准', en: 'Approved' },
  REFUSED: { zh: '未批准', en: 'Refused' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
  REVOKED: { zh: '已撤销', en: 'Revoked' },
} as const satisfies Labelled<string>;
export const ShareStateSchema = z.enum(codesOf(SHARE_STATE_LABELS));
export type ShareState = z.infer<typeof ShareStateSchema>;

/** Whether an APPROVED share is in force today (derived from its dates; no job writes it). */
export const SHARE_EFFECT_LABELS = {
  NOT_STARTED: { zh: '未生效', en: 'Not started' },
  ACTIVE: { zh: '生效中', en: 'In force' },
  EXPIRED: { zh: '已到期', en: 'Expired' },
  NONE: { zh: '无', en: 'None' },
} as const satisfies Labelled<string>;
export const ShareEffectSchema = z.enum(codesOf(SHARE_EFFECT_LABELS));
export type ShareEffect = z.infer<typeof ShareEffectSchema>;

/** The four boxes of the share screen. */
export const SHARE_BOX_LABELS = {
  /** 我发起的: requests and pushes the caller's org started. */
  mine: { zh: '我发起的', en: 'Started by us' },
  /** 待我审批: pending shares the caller approves (the owner side's overseeing leader, or the 书记). */
  toApprove: { zh: '待我审批', en: 'To approve' },
  /** 共享给我的: approved grants to the caller's org. */
  grantedToMe: { zh: '共享给我的', en: 'Granted to us' },
  /** 我共享出去的: approved grants on the caller's org's information. */
  grantedByMe: { zh: '我共享出去的', en: 'Granted by us' },
} as const satisfies Labelled<string>;
export const ShareBoxSchema = z.enum(codesOf(SHARE_BOX_LABELS), '列表类型不正确');
export type ShareBox = z.infer<typeof ShareBoxSchema>;

/** The longest a grant may run (days): need-to-know is time-bounded. */
export const SHARE_MAX_DAYS = 366;
