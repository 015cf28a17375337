import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 审计事件类型 — every audit event the platform writes. Each has a payload schema below; an event is
 * written in the same transaction as the change it records (style rule 7).
 */
export const AUDIT_EVENT_LABELS = {
  'auth.login_succeeded': { zh: '登录成功', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.account_locked': { zh: '账号锁定', en: 'Account locked' },
  'auth.password_changed': { zh: '修改密码', en: 'Password changed' },
  'auth.totp_enrolled': { zh: '绑定动态口令', en: 'TOTP enrolled' },
  'auth.session_revoked': { zh: '强制下线', en: 'Session revoked' },
  'user.created': { zh: '创建账号', en: 'Account created' },
  'user.updated': { zh: '修改账号', en: 'Account updated' },
  'user.roles_changed': { zh: '变更角色', en: 'Roles changed' },
  'user.unlocked': { zh: '解锁账号', en: 'Account unlocked' },
  'user.disabled': { zh: '停用账号', en: 'Account disabled' },
  'user.enabled': { zh: '启用账号', en: 'Account enabled' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.totp_reset': { zh: '重置动态口令', en: 'TOTP reset' },
  'org.created': { zh: '新增组织', en: 'Organisation created' },
  'org.updated': { zh: '修改组织', en: 'Organisation updated' },
  'org.retired': { zh: '撤销组织', en: 'Organisation retired' },
  'org.imported': { zh: '导入组织结构', en: 'Structure imported' },
  'org.exported': { zh: '导出组织结构', en: 'Structure exported' },
  'link.created': { zh: '新增关联', en: 'Link created' },
  'link.ended': { zh: '终止关联', en: 'Link ended' },
  'zone.created': { zh: '新增片区', en: 'Zone created' },
  'zone.updated': { zh: '修改片区', en: 'Zone updated' },
  'leader.created': { zh: '新增委领导', en: 'Leader created' },
  'leader.updated': { zh: '修改委领导', en: 'Leader updated' },
  'person.sensitive_read': { zh: '查看敏感信息', en: 'Sensitive data read' },
  'person.id_number_set': { zh: '登记身份证号码', en: 'ID number recorded' },
  'calendar.day_set': { zh: '设置工作日历', en: 'Calendar day set' },
  'calendar.day_cleared': { zh: '清除日历例外', en: 'Calendar day cleared' },
  'dictionary.item_saved': { zh: '保存字典项', en: 'Dictionary item saved' },
  'docnumber.allocated': { zh: '分配文号', en: 'Document number allocated' },
  'attachment.uploaded': { zh: '上传附件', en: 'Attachment uploaded' },
  'attachment.downloaded': { zh: '下载附件', en: 'Attachment downloaded' },
  'setting.changed': { zh: '修改配置', en: 'Setting changed' },
  'audit.verified': { zh: '校验审计链', en: 'Audit chain verified' },
  'audit.searched': { zh: '查询审计日志', en: 'Audit log searched' },
  'audit.archived': { zh: '归档审计日志', en: 'Audit log archived' },
  'audit.sealed': { zh: '以密钥重封审计链', en: 'Audit chain re-sealed' },
  'supervision.list_created': { zh: '新建监督清单', en: 'Supervision list created' },
  'supervision.list_updated': { zh: '修改监督清单', en: 'Supervision list updated' },
  'supervision.item_created': { zh: '新增监督事项', en: 'Supervision item created' },
  'supervision.item_updated': { zh: '修改监督事项', en: 'Supervision item updated' },
  'supervision.item_transitioned': { zh: '监督事项流转', en: 'Supervision item transitioned' },
  'supervision.progress_reported': { zh: '报告监督进展', en: 'Progress reported' },
  'supervision.finding_recorded': { zh: '记录发现问题', en: 'Finding recorded' },
  'supervision.consultation_recorded': { zh: '记录室组会商', en: 'Consultation recorded' },
  'supervision.common_item_issued': { zh: '下发共性监督事项', en: 'Common item issued' },
  'supervision.item_ordered': { zh: '点题派单', en: 'Item ordered' },
  'supervision.list_imported': { zh: '导入监督事项', en: 'Supervision items imported' },
  'supervision.list_exported': { zh: '导出监督清单', en: 'Supervision list exported' },
  'zone.activity_created': { zh: '新增片区协作活动', en: 'Zone activity created' },
  'zone.activity_updated': { zh: '修改片区协作活动', en: 'Zone activity updated' },
  'zone.finding_recorded': { zh: '记录片区协作发现问题', en: 'Zone activity finding recorded' },
  'clue.received': { zh: '受理问题线索', en: 'Clue received' },
  'clue.updated': { zh: '修改问题线索', en: 'Clue updated' },
  'clue.transitioned': { zh: '问题线索流转', en: 'Clue transitioned' },
  'clue.requested': { zh: '提请审批', en: 'Approval requested' },
  'clue.approval_decided': { zh: '审批问题线索事项', en: 'Clue approval decided' },
  'clue.complainant_read': { zh: '查阅举报人信息', en: 'Complainant identity read' },
  'clue.merged': { zh: '线索并案', en: 'Clue merged' },
  'clue.inquiry_updated': { zh: '登记谈话函询情况', en: 'Inquiry recorded' },
  'clue.verification_updated': { zh: '登记初步核实情况', en: 'Verification recorded' },
  'clue.team_changed': { zh: '调整核查组成员', en: 'Verification team changed' },
  'clue.report_signed': { zh: '签署初核报告', en: 'Verification report signed' },
  'clue.meeting_recorded': { zh: '记录线索集体排查会', en: 'Screening meeting recorded' },
  'clue.handed_over': { zh: '监督发现问题移交为线索', en: 'Finding handed over as a clue' },
  'clue.exported': { zh: '导出线索台账', en: 'Clue ledger exported' },
  'case.proposed': { zh: '拟立案', en: 'Case proposed' },
  'case.filed': { zh: '立案', en: 'Case filed' },
  'case.updated': { zh: '修改案件信息', en: 'Case updated' },
  'case.transitioned': { zh: '案件流转', en: 'Case transitioned' },
  'case.team_changed': { zh: '调整办案组成员', en: 'Case team changed' },
  'case.measure_recorded': { zh: '登记审查调查措施', en: 'Measure recorded' },
  'case.outcome_recorded': { zh: '登记处理结果', en: 'Outcome recorded' },
  'case.exported': { zh: '导出案件台账', en: 'Case ledger exported' },
  'interference.recorded': { zh: '登记打听案情、说情干预', en: 'Interference recorded' },
  'interference.read': { zh: '查阅说情干预登记', en: 'Interference records read' },
  'search.performed': { zh: '全文检索线索案件', en: 'Full-text search' },
  'reform.record_opened': { zh: '建立以案促改台账', en: 'Reform record opened' },
  'reform.record_updated': { zh: '修改以案促改台账', en: 'Reform record updated' },
  'reform.exported': { zh: '导出以案促改台账', en: 'Reform ledger exported' },
  'reform.problem_added': { zh: '记录问题清单', en: 'Problem recorded' },
  'letter.drafted': { zh: '起草建议书', en: 'Letter drafted' },
  'letter.updated': { zh: '修改建议书', en: 'Letter updated' },
  'letter.transitioned': { zh: '建议书流转', en: 'Letter transitioned' },
  'letter.issued': { zh: '建议书编号印发', en: 'Letter issued' },
  'letter.opinion_recorded': { zh: '记录建议书意见', en: 'Letter opinion recorded' },
  'letter.exported': { zh: '导出建议书', en: 'Letter exported' },
  'bulletin.created': { zh: '起草通报', en: 'Bulletin drafted' },
  'bulletin.issued': { zh: '印发通报', en: 'Bulletin issued' },
  'bulletin.exported': { zh: '导出通报', en: 'Bulletin exported' },
  'rectification.created': { zh: '交办整改任务', en: 'Rectification task created' },
  'rectification.transitioned': { zh: '整改任务流转', en: 'Rectification task transitioned' },
  'rectification.escalated': { zh: '整改任务升级督办', en: 'Rectification task escalated' },
  'rectification.exported': { zh: '导出整改台账', en: 'Rectification ledger exported' },
  'accountability.recorded': { zh: '登记问责', en: 'Accountability recorded' },
  'accountability.updated': { zh: '修改问责记录', en: 'Accountability updated' },
  'accountability.exported': { zh: '导出问责台账', en: 'Accountability ledger exported' },
  'demo.loaded': { zh: '加载演示数据', en: 'Demo data loaded' },
} as const satisfies Labelled<string>;
export const AuditEventTypeSchema = z.enum(codesOf(AUDIT_EVENT_LABELS));
export type AuditEventType = z.infer<typeof AuditEventTypeSchema>;

/** Audit event as presented to the audit administrator. */
export const AuditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /**
   * Where the chain breaks, first one first: `changed` (edited row), `inserted` (forged row), `deleted`
   * (rows missing before this one), `truncated` (the tail after the latest signed anchor is gone),
   * `anchor`/`checkpoint` (a signed record does not match), `legacy` (broken before the keyed chain).
   */
  broken: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['changed', 'inserted', 'deleted', 'truncated', 'anchor', 'checkpoint', 'legacy']),
      reason: z.string(),
    }),
  ),
  /** The caller's chain: last id, length, and the latest signed anchor it was checked against. */
  chain: z
    .object({
      lastId: z.number(),
      count: z.number(),
      anchor: z.object({ lastId: z.number(), count: z.number(), at: z.string() }).nullable(),
    })
    .nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;
