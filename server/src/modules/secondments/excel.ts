import { CADRE_SKILL_LABELS, type PoolQuery, SECONDMENT_STATE_LABELS, SECONDMENT_TARGET_LABELS } from '@liandong/domain/secondments/contracts';
import type { Ctx } from '../../platform/context';
import { exportSheet } from '../../platform/excel';
import { listPool } from './service';
import { listBatches } from './service-batches';

/** GET /api/v1/cadre-pool/export.xlsx — the pool as the caller sees it, watermarked and audited. */
export async function exportPool(ctx: Ctx, q: PoolQuery): Promise<Buffer> {
  const rows = await listPool(ctx, q);
  return exportSheet(ctx, {
    sheet: '干部库',
    title: '抽调干部库',
    columns: [
      { key: 'name', header: '姓名', width: 12 },
      { key: 'org', header: '单位', width: 26 },
      { key: 'position', header: '职务', width: 24 },
      { key: 'skills', header: '技能标签', width: 30 },
      { key: 'secondments', header: '抽调次数', width: 10 },
      { key: 'active', header: '当前抽调', width: 26 },
      { key: 'score', header: '最近评价得分', width: 12 },
      { key: 'evaluatedOn', header: '最近评价日期', width: 12 },
    ],
    rows: rows.map((r) => ({
      name: r.name,
      org: r.org.name,
      position: r.position,
      skills: r.skills.map((s) => CADRE_SKILL_LABELS[s].zh).join('、'),
      secondments: r.secondments,
      active: r.activeBatch?.name ?? null,
      score: r.latestScore,
      evaluatedOn: r.latestEvaluatedOn,
    })),
    audit: { type: 'secondment.exported', objectType: 'cadre_pool', payload: { ledger: 'pool', rows: rows.length, ...q } },
  });
}

/** GET /api/v1/secondment-batches/export.xlsx */
export async function exportBatches(ctx: Ctx): Promise<Buffer> {
  const rows = await listBatches(ctx);
  return exportSheet(ctx, {
    sheet: '抽调批次',
    title: '抽调批次台账',
    columns: [
      { key: 'name', header: '批次名称', width: 28 },
      { key: 'kind', header: '抽调去向', width: 16 },
      { key: 'target', header: '案件或专班', width: 28 },
      { key: 'start', header: '计划开始', width: 12 },
      { key: 'end', header: '计划结束', width: 12 },
      { key: 'state', header: '状态', width: 10 },
      { key: 'members', header: '人数', width: 8 },
      { key: 'purpose', header: '抽调目的', width: 40 },
    ],
    rows: rows.map((r) => ({
      name: r.name,
      kind: SECONDMENT_TARGET_LABELS[r.targetKind].zh,
      target: r.target.name,
      start: r.plannedStart,
      end: r.plannedEnd,
      state: SECONDMENT_STATE_LABELS[r.state].zh,
      members: r.members,
      purpose: r.purpose,
    })),
    audit: { type: 'secondment.exported', objectType: 'secondment_batch', payload: { ledger: 'batches', rows: rows.length } },
  });
}
