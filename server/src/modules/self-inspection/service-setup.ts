import type { Aspect, Overview, Round, RoundBody, TargetUnit, TemplateBody, UnitsAddBody } from '@liandong/domain/self-inspection/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { audit } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { AppError, businessRule, forbidden, staleVersion, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { type CampaignAccess, loadCampaign } from './access';

/*
 * Setting up a campaign's 自查自纠: the checklist (one template of N aspects per campaign), the target
 * units, and rounds (发送批次) that create one PENDING answer per (unit, aspect) for the units to fill in.
 */

const MANAGE_ONLY = '只有牵头部门或专班组长可以管理自查自纠';

export async function aspectsOf(db: Db, campaignId: string): Promise<Aspect[]> {
  const rows = await db
    .selectFrom('self_inspection_aspect as a')
    .innerJoin('self_inspection_template as t', 't.id', 'a.template_id')
    .select(['a.id', 'a.code', 'a.title', 'a.guidance', 'a.sort_order'])
    .where('t.campaign_id', '=', campaignId)
    .orderBy('a.sort_order')
    .execute();
  return rows.map((a) => ({ id: a.id, code: a.code, title: a.title, guidance: a.guidance, order: a.sort_order }));
}

/** The rounds of a campaign with their answer counts, newest first. */
export async function roundsOf(db: Db, campaignId: string, roundId?: string): Promise<Round[]> {
  const { rows } = await sql<{ id: string; seq: number; title: string; due_on: string; sent_at: Date; units: number; reported: number; responses: number }>`
    SELECT r.id, r.seq, r.title, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.sent_at,
           COALESCE(x.units, 0) AS units, COALESCE(x.reported, 0) AS reported, COALESCE(x.responses, 0) AS responses
      FROM self_inspection_round r
      LEFT JOIN (SELECT x.round_id, count(DISTINCT x.unit_id)::int AS units, count(*)::int AS responses,
                        count(*) FILTER (WHERE x.state IN ('SUBMITTED','ACCEPTED'))::int AS reported
                   FROM self_inspection_response x WHERE x.campaign_id = ${campaignId}::uuid GROUP BY x.round_id) x ON x.round_id = r.id
     WHERE r.campaign_id = ${campaignId}::uuid ${roundId ? sql`AND r.id = ${roundId}::uuid` : sql``}
     ORDER BY r.seq DESC`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    title: r.title,
    dueOn: r.due_on,
    sentAt: r.sent_at.toISOString(),
    units: r.units,
    reported: r.reported,
    responses: r.responses,
  }));
}

/** GET /campaigns/:id/self-inspection */
export async function getOverview(ctx: Ctx, campaignId: string): Promise<Overview> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  const t = await ctx.db.selectFrom('self_inspection_template').select(['id', 'title', 'version']).where('campaign_id', '=', c.id).executeTakeFirst();
  const units = await ctx.db
    .selectFrom('self_inspection_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', c.id)
    .executeTakeFirstOrThrow();
  return {
    campaignId: c.id,
    campaignName: c.name,
    template: t ? { ...t, aspects: await aspectsOf(ctx.db, c.id) } : null,
    rounds: await roundsOf(ctx.db, c.id),
    targetUnits: Number(units.n),
    abilities: { manage: c.manage, review: c.review },
  };
}

async function manageable(ctx: Ctx, campaignId: string): Promise<CampaignAccess> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  if (!c.manage) throw forbidden(MANAGE_ONLY);
  return c;
}

/**
 * PUT /campaigns/:id/self-inspection/template — creates or replaces the checklist. Aspects are matched by
 * code: a kept code keeps its id (answers stay attached), a new one is added, and a dropped one is refused
 * once a round has been sent with it (its answers would lose their question).
 */
export async function saveTemplate(ctx: Ctx, campaignId: string, body: TemplateBody): Promise<Overview> {
  const c = await manageable(ctx, campaignId);
  const codes = body.aspects.map((a) => a.code);
  const dup = codes.findIndex((code, i) => codes.indexOf(code) !== i);
  if (dup >= 0) throw validation([{ path: `aspects.${dup}.code`, message: `代码“${codes[dup]}”重复` }], '自查方面代码重复');
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('self_inspection_template').select(['id', 'version']).where('campaign_id', '=', c.id).forUpdate().executeTakeFirst();
    if (current && body.version !== current.version) throw staleVersion();
    if (!current && body.version !== undefined) throw staleVersion();
    const templateId = current
      ? (
          await trx
            .updateTable('self_inspection_template')
            .set({ title: body.title, version: sql`version + 1`, updated_at: sql`now()` })
            .where('id', '=', current.id)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : (
          await trx
            .insertInto('self_inspection_template')
            .values({ commission_id: ctx.actor.commissionId, campaign_id: c.id, title: body.title, created_by: ctx.actor.userId })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    const existing = await trx.selectFrom('self_inspection_aspect').select(['id', 'code']).where('template_id', '=', templateId).execute();
    const dropped = existing.filter((a) => !codes.includes(a.code));
    if (dropped.length) {
      const used = await trx
        .selectFrom('self_inspection_response')
        .select('aspect_id')
        .where(
          'aspect_id',
          'in',
          dropped.map((a) => a.id),
        )
        .limit(1)
        .executeTakeFirst();
      if (used) {
        const code = dropped.find((a) => a.id === used.aspect_id)?.code;
        throw businessRule(`自查方面“${code}”已随批次下发，不能删除（可修改其名称和要点）`);
      }
      await trx
        .deleteFrom('self_inspection_aspect')
        .where(
          'id',
          'in',
          dropped.map((a) => a.id),
        )
        .execute();
    }
    for (const [i, a] of body.aspects.entries()) {
      await trx
        .insertInto('self_inspection_aspect')
        .values({ commission_id: ctx.actor.commissionId, template_id: templateId, code: a.code, title: a.title, guidance: a.guidance, sort_order: i + 1 })
        .onConflict((oc) => oc.columns(['template_id', 'code']).doUpdateSet({ title: a.title, guidance: a.guidance, sort_order: i + 1 }))
        .execute();
    }
    await audit(trx, ctx, {
      type: 'self_inspection.template_saved',
      objectType: 'campaign',
      objectId: c.id,
      payload: { templateId, aspects: codes, removed: dropped.map((a) => a.code) },
    });
  });
  return getOverview(ctx, c.id);
}

/** GET /campaigns/:id/self-inspection/units — the target units with their contact and accounts. */
export async function listUnits(ctx: Ctx, campaignId: string): Promise<{ items: TargetUnit[] }> {
  const c = await loadCampaign(ctx.db, ctx.actor, campaignId);
  const { rows } = await sql<{
    org_id: string;
    name: string;
    credit_code: string | null;
    parent_name: string | null;
    contact_name: string;
    contact_phone: string;
    liaisons: { username: string; displayName: string }[];
  }>`
    SELECT u.org_id, o.name_zh AS name, o.credit_code, p.name_zh AS parent_name, u.contact_name, u.contact_phone,
           COALESCE((SELECT json_agg(json_build_object('username', a.username, 'displayName', a.display_name) ORDER BY a.username)
              FROM app_user a JOIN user_role ur ON ur.user_id = a.id AND ur.role = 'UNIT_LIAISON'
             WHERE a.org_id = u.org_id AND a.status = 'ACTIVE'), '[]') AS liaisons
      FROM self_inspection_unit u JOIN org o ON o.id = u.org_id LEFT JOIN org p ON p.id = o.parent_id
     WHERE u.campaign_id = ${c.id}::uuid ORDER BY p.name_zh NULLS FIRST, o.name_zh`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      name: r.name,
      creditCode: r.credit_code,
      parentName: r.parent_name,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      liaisons: r.liaisons,
    })),
  };
}

/**
 * POST /campaigns/:id/self-inspection/rounds — sends the checklist: one PENDING answer per (unit, aspect),
 * all in one transaction, and a notice to each unit's contacts. The due date may not lie in the past.
 */
export async function sendRound(ctx: Ctx, campaignId: string, body: RoundBody): Promise<Round> {
  const c = await manageable(ctx, campaignId);
  if (body.dueOn < todayIso()) throw validation([{ path: 'dueOn', message: '截止日期不能早于今天' }], '截止日期不能早于今天');
  const aspects = await aspectsOf(ctx.db, c.id);
  if (!aspects.length) throw businessRule('请先制定自查清单（自查方面）再下发');
  const targets = await ctx.db.selectFrom('self_inspection_unit').select('org_id').where('campaign_id', '=', c.id).execute();
  const targetIds = new Set(targets.map((t) => t.org_id));
  const unitIds = body.unitIds ? [...new Set(body.unitIds)] : [...targetIds];
  const stray = (body.unitIds ?? []).findIndex((id) => !targetIds.has(id));
  if (stray >= 0) throw validation([{ path: `unitIds.${stray}`, message: '不是本专项整治的自查单位' }], '自查单位不在本专项整治的自查对象中');
  if (!unitIds.length) throw businessRule('尚无自查单位，请先导入自查单位');
  const roundId = await ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT id FROM campaign WHERE id = ${c.id}::uuid FOR UPDATE`.execute(trx);
    const last = await trx
      .selectFrom('self_inspection_round')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('campaign_id', '=', c.id)
      .executeTakeFirst();
    const round = await trx
      .insertInto('self_inspection_round')
      .values({
        commission_id: ctx.actor.commissionId,
        campaign_id: c.id,
        seq: Number(last?.seq ?? 0) + 1,
        title: body.title,
        due_on: body.dueOn,
        sent_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO self_inspection_response (commission_id, campaign_id, round_id, unit_id, aspect_id, due_on)
      SELECT ${ctx.actor.commissionId}::uuid, ${c.id}::uuid, ${round.id}::uuid, u, a, ${body.dueOn}::date
        FROM unnest(${unitIds}::uuid[]) u CROSS JOIN unnest(${aspects.map((a) => a.id)}::uuid[]) a`.execute(trx);
    const liaisons = await trx
      .selectFrom('app_user as a')
      .innerJoin('user_role as ur', (j) => j.onRef('ur.user_id', '=', 'a.id').on('ur.role', '=', 'UNIT_LIAISON'))
      .select('a.id')
      .where('a.org_id', 'in', unitIds)
      .where('a.status', '=', 'ACTIVE')
      .execute();
    for (const l of liaisons) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: l.id,
        kind: 'self_inspection.round_sent',
        title: `自查自纠：${body.title}`,
        body: `请于${body.dueOn}前按${aspects.length}个方面填报自查情况并报送。`,
        link: '/portal/self-inspection',
        dedupeKey: `si:${round.id}:sent`,
      });
    }
    await audit(trx, ctx, {
      type: 'self_inspection.round_sent',
      objectType: 'campaign',
      objectId: c.id,
      payload: { roundId: round.id, dueOn: body.dueOn, units: unitIds.length, aspects: aspects.length },
    });
    return round.id;
  });
  const [round] = await roundsOf(ctx.db, c.id, roundId);
  if (!round) throw new AppError('INTERNAL', 'round vanished');
  return round;
}

/**
 * POST /campaigns/:id/self-inspection/units — adds existing host units (被监督单位, e.g. the county education
 * bureaus) as targets; their contacts are the unit's UNIT_LIAISON accounts. Any id that is not a host unit
 * of the commission → 400 with its path, nothing added. Already a target: kept as it is.
 */
export async function addUnits(ctx: Ctx, campaignId: string, body: UnitsAddBody): Promise<{ items: TargetUnit[] }> {
  const c = await manageable(ctx, campaignId);
  const ids = [...new Set(body.orgIds)];
  const found = await ctx.db
    .selectFrom('org')
    .select('id')
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('kind', '=', 'HOST_UNIT')
    .where('id', 'in', ids)
    .execute();
  const ok = new Set(found.map((o) => o.id));
  const bad = body.orgIds.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw validation([{ path: `orgIds.${bad}`, message: '不是本委的被监督单位' }], '自查单位须为被监督单位');
  await ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('self_inspection_unit')
      .values(ids.map((id) => ({ campaign_id: c.id, org_id: id, commission_id: ctx.actor.commissionId, added_by: ctx.actor.userId })))
      .onConflict((oc) => oc.columns(['campaign_id', 'org_id']).doNothing())
      .returning('org_id')
      .execute();
    await audit(trx, ctx, { type: 'self_inspection.units_imported', objectType: 'campaign', objectId: c.id, payload: { added: added.map((a) => a.org_id) } });
  });
  return listUnits(ctx, c.id);
}
