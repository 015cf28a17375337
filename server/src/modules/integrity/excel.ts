import type { IntegrityListQuery } from '@liandong/domain/integrity/contracts';
import { INTEGRITY_CONCLUSION_LABELS, INTEGRITY_STATE_LABELS, type IntegrityConclusion } from '@liandong/domain/integrity/enums';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { finishExport, newWorkbook, watermark, writeSheet } from '../../platform/excel';
import { notFound } from '../../platform/errors';
import { integrityVisible, reachesIntegrity } from './access';
import { queryReplies } from './service-read';
import { evidenceVisible } from './collect';

/*
 * 党风廉政意见回复台账 export: the replies the caller sees (integrityVisible) and, per cadre, the
 * conclusion — watermarked with the exporter and audited (integrity.exported) like every consultation.
 */

/** GET /integrity-replies/export.xlsx */
export async function exportReplies(ctx: Ctx, q: Partial<IntegrityListQuery>): Promise<Buffer> {
  if (!(await reachesIntegrity(ctx.db, ctx.actor))) throw notFound('党风廉政意见回复');
  const { items } = await queryReplies(ctx.db, ctx, q);
  const ids = items.map((i) => i.id);
  const { rows: cadres } = await sql<{
    reply_id: string;
    name_zh: string;
    unit_name: string;
    position: string;
    conclusion: IntegrityConclusion | null;
    evidence: number;
  }>`
    SELECT c.reply_id, c.name_zh, c.unit_name, c.position, c.conclusion,
      (SELECT count(*)::int FROM integrity_evidence e WHERE e.cadre_id = c.id AND ${evidenceVisible(ctx.actor, 'e')}) AS evidence
    FROM integrity_cadre c JOIN integrity_reply r ON r.id = c.reply_id
    WHERE c.reply_id = ANY(${ids}::uuid[]) AND ${integrityVisible(ctx.actor, 'r')}
    ORDER BY r.received_on DESC, r.id, c.seq`.execute(ctx.db);
  const byId = new Map(items.map((i) => [i.id, i]));
  const wb = await newWorkbook();
  const mark = watermark(ctx);
  writeSheet(
    wb,
    '意见回复台账',
    [
      { key: 'requestingOrg', header: '来函单位', width: 24 },
      { key: 'requestDocNo', header: '来函文号', width: 18 },
      { key: 'purpose', header: '事由', width: 24 },
      { key: 'receivedOn', header: '收函日期', width: 12 },
      { key: 'dueOn', header: '回复期限', width: 12 },
      { key: 'state', header: '状态', width: 12 },
      { key: 'docNo', header: '回复文号', width: 20 },
      { key: 'issuedOn', header: '印发日期', width: 12 },
      { key: 'cadres', header: '干部', width: 30 },
      { key: 'flagged', header: '有问题人数', width: 10 },
      { key: 'overdue', header: '是否逾期', width: 8 },
    ],
    items.map((i) => ({
      requestingOrg: i.requestingOrg,
      requestDocNo: i.requestDocNo,
      purpose: i.purpose,
      receivedOn: i.receivedOn,
      dueOn: i.dueOn,
      state: INTEGRITY_STATE_LABELS[i.state].zh,
      docNo: i.docNo,
      issuedOn: i.issuedOn,
      cadres: i.cadreNames.join('、'),
      flagged: i.flagged,
      overdue: i.overdue ? '是' : '否',
    })),
    `党风廉政意见回复台账 ${mark}`,
  );
  writeSheet(
    wb,
    '干部回复意见',
    [
      { key: 'docNo', header: '回复文号', width: 20 },
      { key: 'requestingOrg', header: '来函单位', width: 24 },
      { key: 'name', header: '姓名', width: 10 },
      { key: 'unit', header: '工作单位', width: 24 },
      { key: 'position', header: '职务', width: 20 },
      { key: 'conclusion', header: '回复结论', width: 18 },
      { key: 'evidence', header: '查询到的记录数', width: 12 },
    ],
    cadres.map((c) => ({
      docNo: byId.get(c.reply_id)?.docNo ?? '（未印发）',
      requestingOrg: byId.get(c.reply_id)?.requestingOrg ?? '',
      name: c.name_zh,
      unit: c.unit_name,
      position: c.position,
      conclusion: c.conclusion ? INTEGRITY_CONCLUSION_LABELS[c.conclusion].zh : '未拟定',
      evidence: c.evidence,
    })),
    `干部回复意见 ${mark}`,
  );
  return finishExport(ctx, wb, {
    type: 'integrity.exported',
    objectType: 'integrity_reply',
    payload: { replies: items.length, cadres: cadres.length, state: q.state ?? null },
  });
}
