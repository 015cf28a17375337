import type { Role } from '@liandong/domain/access/enums';
import type { InterferenceCreateBody, InterferenceList, InterferenceQuery, InterferenceRecord } from '@liandong/domain/cases/contracts';
import { sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { notFound } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { clueVisible, caseVisible } from '../visibility';
import { INTERFERENCE_ROLES } from '@liandong/domain/access/role-sets';
export { INTERFERENCE_ROLES };

/*
 * 打听案情、说情干预登记 (三个规定): any business staff member except the units' liaisons records who
 * enquired, interceded or interfered. The 干部监督室 reads the whole commission's register (each read
 * audited); everyone else reads what they recorded. A record may name a case or a clue, but only one
 * the recorder can see (404 otherwise, so the register reveals nothing).
 */

/** Who reads the whole register. */
export const INTERFERENCE_READ_ALL: readonly Role[] = ['CADRE_SUPERVISION'];

interface Row {
  id: string;
  kind: InterferenceRecord['kind'];
  enquirer_name: string;
  enquirer_unit: string | null;
  enquirer_position: string | null;
  channel: InterferenceRecord['channel'];
  content: string;
  occurred_at: Date;
  reported_to: string | null;
  handling: string;
  case_id: string | null;
  case_no: string | null;
  clue_id: string | null;
  clue_no: string | null;
  recorded_by: string;
  recorder_name: string;
  recorder_org_id: string;
  recorder_org_name: string;
  created_at: Date;
  total?: number;
}

/**
 * The record's columns; the case and the clue it concerns only for who may open them (the 干部监督室 reads
 * every record, not thereby the case: a number it could not open would tell it of the case).
 */
const selectFor = (actor: Actor) => sql`r.id, r.kind, r.enquirer_name, r.enquirer_unit, r.enquirer_position, r.channel, r.content, r.occurred_at,
    r.reported_to, r.handling, CASE WHEN ${caseVisible(actor, 'cf')} THEN r.case_id END AS case_id, CASE WHEN ${caseVisible(actor, 'cf')} THEN cf.case_no END AS case_no,
    CASE WHEN ${clueVisible(actor, 'k')} THEN r.clue_id END AS clue_id, CASE WHEN ${clueVisible(actor, 'k')} THEN k.clue_no END AS clue_no,
    r.recorded_by, u.display_name AS recorder_name, r.recorder_org_id, o.name_zh AS recorder_org_name, r.created_at`;
const FROM = sql`interference_record r JOIN app_user u ON u.id = r.recorded_by JOIN org o ON o.id = r.recorder_org_id
  LEFT JOIN case_file cf ON cf.id = r.case_id LEFT JOIN clue k ON k.id = r.clue_id`;

function view(r: Row): InterferenceRecord {
  return {
    id: r.id,
    kind: r.kind,
    enquirerName: r.enquirer_name,
    enquirerUnit: r.enquirer_unit,
    enquirerPosition: r.enquirer_position,
    channel: r.channel,
    content: r.content,
    occurredAt: new Date(r.occurred_at).toISOString(),
    reportedTo: r.reported_to,
    handling: r.handling,
    case: r.case_id ? { id: r.case_id, caseNo: r.case_no ?? '' } : null,
    clue: r.clue_id ? { id: r.clue_id, clueNo: r.clue_no } : null,
    recordedBy: { id: r.recorded_by, name: r.recorder_name },
    recorderOrg: { id: r.recorder_org_id, name: r.recorder_org_name },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** POST /api/v1/interference-records */
export async function recordInterference(ctx: Ctx, body: InterferenceCreateBody): Promise<InterferenceRecord> {
  return ctx.db.transaction().execute(async (trx) => {
    if (body.caseId) {
      const { rows } = await sql<{ ok: boolean }>`SELECT ${caseVisible(ctx.actor, 'c')} AS ok FROM case_file c WHERE c.id = ${body.caseId}::uuid`.execute(trx);
      if (!rows[0]?.ok) throw notFound('案件');
    }
    if (body.clueId) {
      const { rows } = await sql<{ ok: boolean }>`SELECT ${clueVisible(ctx.actor, 'k')} AS ok FROM clue k WHERE k.id = ${body.clueId}::uuid`.execute(trx);
      if (!rows[0]?.ok) throw notFound('线索');
    }
    const created = await trx
      .insertInto('interference_record')
      .values({
        commission_id: ctx.actor.commissionId,
        case_id: body.caseId ?? null,
        clue_id: body.clueId ?? null,
        kind: body.kind,
        enquirer_name: body.enquirerName,
        enquirer_unit: body.enquirerUnit || null,
        enquirer_position: body.enquirerPosition || null,
        channel: body.channel,
        content: body.content,
        occurred_at: new Date(body.occurredAt),
        reported_to: body.reportedTo || null,
        handling: body.handling ?? '',
        recorded_by: ctx.actor.userId,
        recorder_org_id: ctx.actor.orgId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'interference.recorded',
      objectType: 'interference_record',
      objectId: created.id,
      payload: refs({ kind: body.kind, channel: body.channel, caseId: body.caseId ?? null, clueId: body.clueId ?? null }),
    });
    const { rows } = await sql<Row>`SELECT ${selectFor(ctx.actor)} FROM ${FROM} WHERE r.id = ${created.id}::uuid`.execute(trx);
    return view(rows[0]!);
  });
}

/** GET /api/v1/interference-records */
export async function listInterference(ctx: Ctx, q: InterferenceQuery): Promise<InterferenceList> {
  const all = hasAnyRole(ctx.actor, INTERFERENCE_READ_ALL);
  const where = [sql<boolean>`r.commission_id = ${ctx.actor.commissionId}::uuid`];
  if (!all) where.push(sql<boolean>`r.recorded_by = ${ctx.actor.userId}::uuid`);
  if (q.kind) where.push(sql<boolean>`r.kind = ${q.kind}`);
  if (q.caseId) where.push(sql<boolean>`r.case_id = ${q.caseId}::uuid AND ${caseVisible(ctx.actor, 'cf')}`);
  if (q.from) where.push(sql<boolean>`r.occurred_at >= ${q.from}::date`);
  if (q.to) where.push(sql<boolean>`r.occurred_at < ${q.to}::date + 1`);
  const { rows } = await sql<Row>`SELECT ${selectFor(ctx.actor)}, count(*) OVER ()::int AS total FROM ${FROM}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY r.occurred_at DESC, r.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const { rows: c } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${FROM} WHERE ${sql.join(where, sql` AND `)}`.execute(ctx.db);
    total = c[0]?.n ?? 0;
  }
  if (all) {
    await ctx.db.transaction().execute((trx) =>
      audit(trx, ctx, {
        type: 'interference.read',
        objectType: 'interference_record',
        payload: refs({
          filters: { kind: q.kind ?? null, caseId: q.caseId ?? null, from: q.from ?? null, to: q.to ?? null },
          page: q.page,
          ids: rows.map((r) => r.id),
        }),
      }),
    );
  }
  return { items: rows.map(view), total, all };
}
