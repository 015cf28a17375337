import type { AccountabilityQuery, TaskQuery } from '@liandong/domain/reform/contracts-reform';
import { ACCOUNTABILITY_METHOD_LABELS, ACCOUNTABILITY_TARGET_LABELS, TASK_SOURCE_LABELS } from '@liandong/domain/reform/enums';
import { ESCALATION_STEP_LABELS, TASK_STATE_LABELS } from '@liandong/domain/reform/machine';
import { LIGHT_LABELS } from '@liandong/domain/supervision/enums';
import { type Column, exportSheet, filtersOf, type SheetRow } from '../../platform/excel';
import type { Ctx } from '../../platform/context';
import { queryAccountabilities } from './service-accountability';
import { queryTasks } from './service-tasks-read';

/*
 * Excel of the 整改督办台账 and the 问责台账: the same query, filters and visibility as the ledgers (the
 * liaison exports only their unit's tasks); row 1 carries the watermark "导出人 … 导出时间 …"; each
 * export is audited with the filters and the row count.
 */

const MAX_ROWS = 20_000;

const TASK_COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'unit', header: '整改单位', width: 24 },
  { key: 'issue', header: '整改问题', width: 40 },
  { key: 'source', header: '来源', width: 12 },
  { key: 'docNo', header: '建议书文号', width: 20 },
  { key: 'campaign', header: '所属专项整治', width: 26 },
  { key: 'requiredOutcome', header: '整改要求', width: 30 },
  { key: 'responsiblePerson', header: '责任人', width: 12 },
  { key: 'planDue', header: '方案报送期限', width: 14 },
  { key: 'deadline', header: '整改期限', width: 12 },
  { key: 'state', header: '状态', width: 14 },
  { key: 'light', header: '督办灯', width: 8 },
  { key: 'escalation', header: '督办层级', width: 10 },
  { key: 'supervisor', header: '督办人', width: 12 },
  { key: 'supervisorOrg', header: '督办部门', width: 24 },
];

const ACC_COLUMNS: Column[] = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'targetKind', header: '问责对象类别', width: 12 },
  { key: 'targetName', header: '问责对象', width: 24 },
  { key: 'targetPosition', header: '职务', width: 24 },
  { key: 'targetOrg', header: '所在单位', width: 24 },
  { key: 'method', header: '问责方式', width: 18 },
  { key: 'basis', header: '问责依据', width: 36 },
  { key: 'decidingBody', header: '决定机关', width: 20 },
  { key: 'decidedOn', header: '决定日期', width: 12 },
  { key: 'procedureDue', header: '程序办结期限', width: 14 },
  { key: 'campaign', header: '所属专项整治', width: 26 },
  { key: 'link', header: '关联', width: 30 },
  { key: 'ownerOrg', header: '承办部门', width: 24 },
];

function ledgerAudit(ctx: Ctx, type: 'rectification.exported' | 'accountability.exported', q: TaskQuery | AccountabilityQuery, rows: number) {
  return { type, objectType: type.split('.')[0]!, objectId: ctx.actor.commissionId, payload: { filters: filtersOf(q), rows } };
}

/** GET /api/v1/rectification-tasks/export.xlsx */
export async function exportTasks(ctx: Ctx, q: TaskQuery): Promise<Buffer> {
  const { rows } = await queryTasks(ctx, q, MAX_ROWS, 0);
  const sheet: SheetRow[] = rows.map((t, i) => ({
    no: i + 1,
    unit: t.unit_name,
    issue: t.issue,
    source: TASK_SOURCE_LABELS[t.source].zh,
    docNo: t.rec_doc_no ? `${t.rec_doc_no}${t.item_no ? ` 第${t.item_no}条` : ''}` : null,
    campaign: t.campaign_name,
    requiredOutcome: t.required_outcome,
    responsiblePerson: t.responsible_person,
    planDue: t.plan_due,
    deadline: t.deadline,
    state: TASK_STATE_LABELS[t.state].zh,
    light: LIGHT_LABELS[t.light].zh,
    escalation: t.escalation_step ? ESCALATION_STEP_LABELS[t.escalation_step].zh : null,
    supervisor: t.supervisor_name,
    supervisorOrg: t.supervisor_org_name,
  }));
  return exportSheet(ctx, {
    sheet: '整改督办台账',
    columns: TASK_COLUMNS,
    rows: sheet,
    title: '整改督办台账',
    audit: ledgerAudit(ctx, 'rectification.exported', q, sheet.length),
  });
}

/** GET /api/v1/accountabilities/export.xlsx */
export async function exportAccountabilities(ctx: Ctx, q: AccountabilityQuery): Promise<Buffer> {
  const rows = await queryAccountabilities(ctx, q, MAX_ROWS, 0);
  const sheet: SheetRow[] = rows.map((a, i) => ({
    no: i + 1,
    targetKind: ACCOUNTABILITY_TARGET_LABELS[a.target_kind].zh,
    targetName: a.target_name,
    targetPosition: a.target_position,
    targetOrg: a.target_org_name,
    method: ACCOUNTABILITY_METHOD_LABELS[a.method].zh,
    basis: a.basis,
    decidingBody: a.deciding_body,
    decidedOn: a.decided_on,
    procedureDue: a.procedure_due,
    campaign: a.campaign_name,
    link: [a.case_no && `案件 ${a.case_no}`, a.task_issue && `整改任务 ${a.task_issue}`, a.rec_doc_no && `建议书 ${a.rec_doc_no}`].filter(Boolean).join('；'),
    ownerOrg: a.owner_name,
  }));
  return exportSheet(ctx, {
    sheet: '问责台账',
    columns: ACC_COLUMNS,
    rows: sheet,
    title: '问责台账',
    audit: ledgerAudit(ctx, 'accountability.exported', q, sheet.length),
  });
}
