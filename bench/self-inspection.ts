/**
 * 自查自纠 data set and baseline for `npm run bench` (issue 10): one 校园餐 campaign led by the 党风政风监督室
 * (the `coordinator` sample), its eight-aspect checklist sent monthly to 500 host units — 12 rounds, so
 * 500 × 8 × 12 = 48,000 answers in every status — and the bare route of the unit × aspect matrix, which
 * calls the module's own getMatrix so both sides run the same SQL. Set-based SQL only. The campaign has a
 * fixed id so that the endpoint's path is known before the data set is built.
 */
import { SCHOOL_CATERING_ASPECTS } from '@liandong/domain/self-inspection/enums';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Db } from '../server/src/db/pool';
import { getCampaignKpis } from '../server/src/modules/campaign-kpis';
import { computeMatrix, getMatrixJson } from '../server/src/modules/self-inspection';
import type { Actor } from '../server/src/platform/access';
import type { Ctx } from '../server/src/platform/context';

export const SELF_BENCH_CAMPAIGN = '00000000-0000-4000-8000-0000000a0010';
export const SELF_BENCH_UNITS = 500;
export const SELF_BENCH_ROUNDS = 12;

export interface SelfInspectionData {
  units: number;
  aspects: number;
  rounds: number;
  responses: number;
  ms: number;
}

/** Builds the campaign, its checklist, 500 target units, 12 monthly rounds and their 48,000 answers. */
export async function generateSelfInspection(pool: pg.Pool, commissionId: string, log: (m: string) => void): Promise<SelfInspectionData> {
  const started = Date.now();
  const lead = await pool.query<{ id: string }>(`SELECT id FROM org WHERE commission_id = $1 AND office_kind = 'PARTY_CONDUCT' ORDER BY code LIMIT 1`, [
    commissionId,
  ]);
  if (!lead.rows[0]) throw new Error('bench: no 党风政风监督室 in the data set');
  await pool.query(
    `INSERT INTO campaign (id, commission_id, name, domain, year, lead_org_id, state, starts_on, ends_on)
     VALUES ($1, $2, '校园餐突出问题专项整治（基准数据）', 'SCHOOL_CATERING', 2026, $3, 'SELF_INSPECTION', '2026-01-01', '2026-12-31')`,
    [SELF_BENCH_CAMPAIGN, commissionId, lead.rows[0].id],
  );
  await pool.query(
    `INSERT INTO self_inspection_unit (campaign_id, org_id, commission_id, contact_name, contact_phone)
     SELECT $1, o.id, $2, '联络人' || row_number() OVER (ORDER BY o.code), '138' || lpad((row_number() OVER (ORDER BY o.code))::text, 8, '0')
       FROM (SELECT id, code FROM org WHERE commission_id = $2 AND kind = 'HOST_UNIT' ORDER BY code LIMIT $3) o`,
    [SELF_BENCH_CAMPAIGN, commissionId, SELF_BENCH_UNITS],
  );
  const tpl = await pool.query<{ id: string }>(
    `INSERT INTO self_inspection_template (commission_id, campaign_id, title) VALUES ($1, $2, '校园餐自查清单') RETURNING id`,
    [commissionId, SELF_BENCH_CAMPAIGN],
  );
  await pool.query(
    `INSERT INTO self_inspection_aspect (commission_id, template_id, code, title, guidance, sort_order)
     SELECT $1, $2, a.code, a.title, a.guidance, a.ord FROM jsonb_to_recordset($3::jsonb) AS a(code text, title text, guidance text, ord int)`,
    [commissionId, tpl.rows[0]!.id, JSON.stringify(SCHOOL_CATERING_ASPECTS.map((a, i) => ({ ...a, ord: i + 1 })))],
  );
  await pool.query(
    `INSERT INTO self_inspection_round (commission_id, campaign_id, seq, title, due_on, sent_at)
     SELECT $1, $2, m, '2026年' || m || '月自查', make_date(2026, m, 25), make_date(2026, m, 1)
       FROM generate_series(1, $3::int) m`,
    [commissionId, SELF_BENCH_CAMPAIGN, SELF_BENCH_ROUNDS],
  );
  // Status by a stable hash: past rounds mostly accepted or submitted, a tail returned, drafted or never answered.
  const ins = await pool.query(
    `INSERT INTO self_inspection_response (commission_id, campaign_id, round_id, unit_id, aspect_id, due_on, state,
        problems_text, problems_count, corrected_count, plan, submitted_at, reviewed_at, overdue_marked_at)
     SELECT $1, $2, rd.id, u.org_id, a.id, rd.due_on, s.status,
            CASE WHEN s.status = 'PENDING' THEN '' ELSE '基准数据：发现问题描述' END,
            CASE WHEN s.status = 'PENDING' THEN 0 ELSE s.h % 4 END,
            CASE WHEN s.status = 'PENDING' THEN 0 ELSE (s.h % 4) / 2 END,
            CASE WHEN s.status = 'PENDING' THEN '' ELSE '基准数据：整改计划' END,
            CASE WHEN s.status IN ('SUBMITTED','RETURNED','ACCEPTED') THEN rd.sent_at + interval '10 days' END,
            CASE WHEN s.status IN ('RETURNED','ACCEPTED') THEN rd.sent_at + interval '15 days' END,
            CASE WHEN s.status IN ('PENDING','DRAFT','RETURNED') AND rd.due_on < current_date THEN rd.due_on + interval '1 day' END
       FROM self_inspection_round rd
       CROSS JOIN self_inspection_unit u
       CROSS JOIN self_inspection_aspect a
       CROSS JOIN LATERAL (SELECT abs(hashtext(u.org_id::text || rd.seq::text || a.code)) AS h) hh
       CROSS JOIN LATERAL (SELECT hh.h AS h, (ARRAY['ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','SUBMITTED','SUBMITTED',
            'RETURNED','DRAFT','PENDING','ACCEPTED'])[1 + hh.h % 12] AS status) s
      WHERE rd.campaign_id = $2 AND u.campaign_id = $2 AND a.template_id = $3`,
    [commissionId, SELF_BENCH_CAMPAIGN, tpl.rows[0]!.id],
  );
  await pool.query('VACUUM (ANALYZE) self_inspection_response, self_inspection_round, self_inspection_unit, self_inspection_aspect');
  const units = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM self_inspection_unit WHERE campaign_id = $1', [SELF_BENCH_CAMPAIGN]);
  const data = {
    units: units.rows[0]!.n,
    aspects: SCHOOL_CATERING_ASPECTS.length,
    rounds: SELF_BENCH_ROUNDS,
    responses: ins.rowCount ?? 0,
    ms: Date.now() - started,
  };
  log(`self-inspection: ${data.units} units × ${data.aspects} aspects × ${data.rounds} rounds = ${data.responses} answers in ${data.ms} ms`);
  return data;
}

/** The bare matrix route: the module's getMatrix for the account `?u=`, first page of 50 units of the latest round. */
export function registerSelfInspectionBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  app.get('/bare/self-inspection-matrix', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return reply.type('application/json; charset=utf-8').send(await getMatrixJson({ db, actor } as Ctx, SELF_BENCH_CAMPAIGN, { page: 1, pageSize: 50 }));
  });
  // The cockpit's figures of the same campaign (its 自查自纠 group sums the 48,000 answers).
  app.get('/bare/self-inspection-kpis', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return getCampaignKpis({ db, actor, requestId: 'bench', ip: '127.0.0.1' } as Ctx, SELF_BENCH_CAMPAIGN);
  });
  // The same page computed every time: what the epoch cache saves (no access check, no cache).
  app.get('/bare/self-inspection-matrix-uncached', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    return computeMatrix({ db, actor } as Ctx, SELF_BENCH_CAMPAIGN, { page: 1, pageSize: 50 });
  });
}
