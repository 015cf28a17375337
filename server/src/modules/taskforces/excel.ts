import { TASK_FORCE_ROLE_LABELS } from '@liandong/domain/taskforces/enums';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { type Column, finishExport, newWorkbook, type SheetRow, watermark, writeSheet } from '../../platform/excel';
import { getTaskForceView } from './service';

/** The status of a term on `today`, as the members card shows it. */
function termStatus(m: { active: boolean; ended: boolean; validFrom: string }, today: string): string {
  if (m.active) return '在任';
  if (m.validFrom > today) return '未开始';
  return m.ended ? '已结束任期' : '任期届满';
}

/**
 * GET /api/v1/campaigns/:campaignId/task-force/export.xlsx — the 专班 roster (双组长 and members, history
 * included: who added and who ended each term), with the exporter's watermark line; audited. Whoever may
 * see the campaign may export it (the same reach as the 专班 tab); 404 before the 专班 is formed.
 */
export async function exportTaskForce(ctx: Ctx, campaignId: string, today: string): Promise<Buffer> {
  const view = await getTaskForceView(ctx, campaignId);
  const tf = view.taskForce;
  if (!tf) throw notFound('工作专班');
  const columns: Column[] = [
    { key: 'no', header: '序号', width: 6 },
    { key: 'name', header: '姓名', width: 12 },
    { key: 'position', header: '职务', width: 20 },
    { key: 'role', header: '专班职务', width: 10 },
    { key: 'fromOrg', header: '抽调单位', width: 28 },
    { key: 'validFrom', header: '任期开始', width: 12 },
    { key: 'validTo', header: '任期结束', width: 12 },
    { key: 'status', header: '状态', width: 10 },
    { key: 'addedBy', header: '加入操作人', width: 12 },
    { key: 'endedBy', header: '结束操作人', width: 12 },
  ];
  const members = [...tf.members].sort((a, b) => Number(b.role === 'CO_LEADER') - Number(a.role === 'CO_LEADER') || a.validFrom.localeCompare(b.validFrom));
  const rows: SheetRow[] = members.map((m, i) => ({
    no: i + 1,
    name: m.user.name,
    position: m.user.position,
    role: TASK_FORCE_ROLE_LABELS[m.role].zh,
    fromOrg: m.fromOrg?.name ?? '',
    validFrom: m.validFrom,
    validTo: m.validTo,
    status: termStatus(m, today),
    addedBy: m.addedBy?.name ?? '',
    endedBy: m.endedBy?.name ?? '',
  }));
  const wb = await newWorkbook();
  writeSheet(wb, '专班成员', columns, rows, `${view.campaign.name} ${tf.name} 成员名册 ${watermark(ctx)}`);
  return finishExport(ctx, wb, {
    type: 'taskforce.exported',
    objectType: 'campaign',
    objectId: view.campaign.id,
    payload: { taskForceId: tf.id, rows: rows.length },
  });
}
