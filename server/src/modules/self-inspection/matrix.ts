import { type Matrix, type MatrixQuery, type MatrixRow, MatrixSchema, type Round } from '@liandong/domain/self-inspection/contracts';
import { RESPONSE_STATUS_LABELS, SELF_LIGHT_LABELS, type ResponseStatus, type SelfLight } from '@liandong/domain/self-inspection/enums';
import { type RawBuilder, sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import { epochCached } from '../../platform/epoch-cache';
import type { Ctx } from '../../platform/context';
import { type Column, finishExport, newWorkbook, watermark, writeSheet } from '../../platform/excel';
import { loadCampaign } from './access';
import { aspectsOf } from './service-setup';

/*
 * The unit × aspect matrix of one round (the 专班's view): units paged in name order, every aspect a cell
 * with its light, and the counts per light over the whole round. Every query is a range of the index
 * self_inspection_response_matrix (campaign_id, round_id, unit_id, aspect_id), so 500 units × 8 aspects ×
 * 12 rounds page as fast as one round does.
 */

/** SQL light of a response row aliased `r` (twin of selfLightOf in the domain). */
export function selfLightSql(today: string, r = 'r'): RawBuilder<SelfLight> {
  const c = (n: string) => sql.ref(`${r}.${n}`);
  return sql<SelfLight>`(CASE WHEN ${c('state')} = 'ACCEPTED' THEN 'GREEN' WHEN ${c('state')} = 'SUBMITTED' THEN 'BLUE'
    WHEN ${c('overdue_marked_at')} IS NOT NULL OR ${c('due_on')} < ${today}::date THEN 'RED'
    WHEN ${c('state')} IN ('DRAFT','RETURNED') THEN 'YELLOW' ELSE 'GREY' END)`;
}

const EMPTY_COUNTS = (): Record<SelfLight, number> => ({ GREEN: 0, BLUE: 0, YELLOW: 0, RED: 0, GREY: 0 });

/**
 * GET /campaigns/:id/self-inspection/matrix, as JSON. Everyone who passes loadCampaign sees the same
 * matrix, so a page is cached per node, serialised and validated against MatrixSchema once, under the
 * 'campaign' epoch (answers, rounds, aspects and org names bump it, migration 0032) and the day (the
 * lights turn red with the due date).
 */
export async function getMatrixJson(ctx: Ctx, campaignId: string, q: MatrixQuery): Promise<string> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  const key = `self-matrix:${c.id}:${q.roundId ?? 'latest'}:${q.light ?? '-'}:${q.page}:${q.pageSize}:${todayIso()}`;
  return epochCached(ctx.db, ['campaign'], key, async () => JSON.stringify(MatrixSchema.parse(await computeMatrix(ctx, c.id, q))));
}

/** The matrix page computed from the answers (no access check, no cache: getMatrixJson does both). */
export async function computeMatrix(ctx: Ctx, campaignId: string, q: MatrixQuery): Promise<Matrix> {
  const c = { id: campaignId };
  const aspects = await aspectsOf(ctx.db, c.id);
  // The round itself (latest by default); its figures come from the light counts below, not a per-round scan.
  const picked = await ctx.db
    .selectFrom('self_inspection_round')
    .select(['id', 'seq', 'title', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'), 'sent_at'])
    .where('campaign_id', '=', c.id)
    .$if(Boolean(q.roundId), (qb) => qb.where('id', '=', q.roundId!))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!picked) return { round: null, aspects, counts: EMPTY_COUNTS(), total: 0, items: [] };
  const today = todayIso();
  const light = selfLightSql(today);
  const inRound = sql`r.campaign_id = ${c.id}::uuid AND r.round_id = ${picked.id}::uuid`;
  const counted = await sql<{ light: SelfLight; n: number; units: number }>`SELECT ${light} AS light, count(*)::int AS n,
      (SELECT count(DISTINCT x.unit_id)::int FROM self_inspection_response x WHERE x.campaign_id = ${c.id}::uuid AND x.round_id = ${picked.id}::uuid) AS units
    FROM self_inspection_response r WHERE ${inRound} GROUP BY 1`.execute(ctx.db);
  const counts = EMPTY_COUNTS();
  for (const row of counted.rows) counts[row.light] = row.n;
  const round: Round = {
    id: picked.id,
    seq: picked.seq,
    title: picked.title,
    dueOn: picked.due_on,
    sentAt: picked.sent_at.toISOString(),
    units: counted.rows[0]?.units ?? 0,
    reported: counts.GREEN + counts.BLUE,
    responses: Object.values(counts).reduce((a, b) => a + b, 0),
  };
  const lightFilter = q.light ? sql`HAVING bool_or(${light} = ${q.light})` : sql``;
  const units = await sql<{ unit_id: string; unit_name: string; total: number }>`
    SELECT r.unit_id, o.name_zh AS unit_name, count(*) OVER ()::int AS total
      FROM self_inspection_response r JOIN org o ON o.id = r.unit_id
     WHERE ${inRound} GROUP BY r.unit_id, o.name_zh ${lightFilter}
     ORDER BY o.name_zh, r.unit_id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  const unitIds = units.rows.map((u) => u.unit_id);
  const cells = unitIds.length
    ? await sql<{ id: string; unit_id: string; aspect_id: string; status: ResponseStatus; light: SelfLight; problems_count: number; corrected_count: number }>`
        SELECT r.id, r.unit_id, r.aspect_id, r.state AS status, ${light} AS light, r.problems_count, r.corrected_count
          FROM self_inspection_response r WHERE ${inRound} AND r.unit_id = ANY(${unitIds}::uuid[])`.execute(ctx.db)
    : { rows: [] };
  const order = new Map(aspects.map((a) => [a.id, a.order]));
  const items: MatrixRow[] = units.rows.map((u) => {
    const mine = cells.rows.filter((x) => x.unit_id === u.unit_id).sort((a, b) => (order.get(a.aspect_id) ?? 0) - (order.get(b.aspect_id) ?? 0));
    return {
      unitId: u.unit_id,
      unitName: u.unit_name,
      cells: mine.map((x) => ({
        responseId: x.id,
        aspectId: x.aspect_id,
        status: x.status,
        light: x.light,
        problemsCount: x.problems_count,
        correctedCount: x.corrected_count,
      })),
      problems: mine.filter((x) => x.status === 'SUBMITTED' || x.status === 'ACCEPTED').reduce((s, x) => s + x.problems_count, 0),
      corrected: mine.filter((x) => x.status === 'SUBMITTED' || x.status === 'ACCEPTED').reduce((s, x) => s + x.corrected_count, 0),
    };
  });
  return { round, aspects, counts, total: units.rows[0]?.total ?? 0, items };
}

/** GET /campaigns/:id/self-inspection/matrix.xlsx — the matrix of one round, a cell per aspect (light + status). */
export async function exportMatrix(ctx: Ctx, campaignId: string, roundId?: string): Promise<Buffer> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  const all = await computeMatrix(ctx, c.id, { roundId, page: 1, pageSize: 100_000 } as MatrixQuery);
  const columns: Column[] = [
    { key: 'unit', header: '自查单位', width: 30 },
    ...all.aspects.map((a) => ({ key: a.id, header: a.title, width: 14 })),
    { key: 'problems', header: '发现问题数', width: 12 },
    { key: 'corrected', header: '已整改数', width: 12 },
  ];
  const rows = all.items.map((u) => ({
    unit: u.unitName,
    ...Object.fromEntries(u.cells.map((x) => [x.aspectId, `${SELF_LIGHT_LABELS[x.light].zh}（${RESPONSE_STATUS_LABELS[x.status].zh}）`])),
    problems: u.problems,
    corrected: u.corrected,
  }));
  const wb = await newWorkbook();
  const title = all.round ? `自查自纠矩阵 第${all.round.seq}批 ${all.round.title} 截止${all.round.dueOn}` : '自查自纠矩阵';
  writeSheet(wb, '自查矩阵', columns, rows, `${title} ${watermark(ctx)}`);
  return finishExport(ctx, wb, {
    type: 'self_inspection.exported',
    objectType: 'campaign',
    objectId: campaignId,
    payload: { kind: 'matrix', roundId: all.round?.id ?? null, units: rows.length },
  });
}

/** GET /campaigns/:id/self-inspection/responses.xlsx — every answer of every round (or of one round). */
export async function exportResponses(ctx: Ctx, campaignId: string, roundId?: string): Promise<Buffer> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  const today = todayIso();
  const { rows } = await sql<Record<string, string | number | null> & { status: ResponseStatus; light: SelfLight }>`
    SELECT rd.seq, rd.title AS round, o.name_zh AS unit, a.title AS aspect, r.state AS status, ${selfLightSql(today)} AS light,
           r.problems_count, r.problems_text, r.corrected_count, r.corrected_text, r.plan, cardinality(r.evidence_ids) AS evidence,
           to_char(r.due_on, 'YYYY-MM-DD') AS due_on, to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS submitted_at,
           to_char(r.reviewed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS reviewed_at, r.review_comment
      FROM self_inspection_response r
      JOIN self_inspection_round rd ON rd.id = r.round_id
      JOIN self_inspection_aspect a ON a.id = r.aspect_id
      JOIN org o ON o.id = r.unit_id
     WHERE r.campaign_id = ${c.id}::uuid ${roundId ? sql`AND r.round_id = ${roundId}::uuid` : sql``}
     ORDER BY rd.seq, o.name_zh, a.sort_order`.execute(ctx.db);
  const columns: Column[] = [
    { key: 'seq', header: '批次', width: 6 },
    { key: 'round', header: '批次名称', width: 24 },
    { key: 'unit', header: '自查单位', width: 28 },
    { key: 'aspect', header: '自查方面', width: 16 },
    { key: 'status', header: '状态', width: 10 },
    { key: 'light', header: '灯', width: 10 },
    { key: 'problems_count', header: '发现问题数', width: 10 },
    { key: 'problems_text', header: '问题描述', width: 40 },
    { key: 'corrected_count', header: '立行立改数', width: 10 },
    { key: 'corrected_text', header: '整改情况', width: 40 },
    { key: 'plan', header: '整改计划', width: 40 },
    { key: 'evidence', header: '佐证材料（件）', width: 10 },
    { key: 'due_on', header: '截止日期', width: 12 },
    { key: 'submitted_at', header: '报送时间', width: 17 },
    { key: 'reviewed_at', header: '审核时间', width: 17 },
    { key: 'review_comment', header: '审核意见', width: 30 },
  ];
  const data = rows.map((r) => ({ ...r, status: RESPONSE_STATUS_LABELS[r.status].zh, light: SELF_LIGHT_LABELS[r.light].zh }));
  const wb = await newWorkbook();
  writeSheet(wb, '自查反馈', columns, data, `${c.name} 自查反馈台账 ${watermark(ctx)}`);
  return finishExport(ctx, wb, {
    type: 'self_inspection.exported',
    objectType: 'campaign',
    objectId: c.id,
    payload: { kind: 'responses', roundId: roundId ?? null, rows: data.length },
  });
}
