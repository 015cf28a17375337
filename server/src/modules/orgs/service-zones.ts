import type { ZoneMode } from '@liandong/domain/org/enums';
import { ZONE_COUNTY_KINDS } from '@liandong/domain/org/rules';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { canManageStructure, whyNotUpdateZone } from './policy';
import { presentZone } from './present';
import { insertLink, today } from './repo-links';
import { ancestorsOf, orgFacts, type Q } from './repo-orgs';
import { findZone, listZones } from './repo-zones';
import { linkIssues } from './service-links';
import { assertNoIssues, authorize, changesOf, ruleViolation } from './shared';

/** GET /zones */
export async function listZonesPage(ctx: Ctx, includeEnded: boolean) {
  const rows = await listZones(ctx.db, ctx.actor, includeEnded);
  return { items: rows.map((r) => presentZone(ctx.actor, r)), abilities: { create: canManageStructure(ctx.actor) } };
}

/** The lead org must be an org of the county (an office, group or township commission under it), in force. */
async function leadIssues(db: Q, commissionId: string, countyId: string, leadId: string): Promise<FieldIssue[]> {
  const lead = (await orgFacts(db, commissionId, [leadId])).get(leadId);
  if (!lead) return [{ path: 'leadOrgId', message: '牵头单位不存在' }];
  if (lead.valid_to) return [{ path: 'leadOrgId', message: `“${lead.name_zh}”已撤销` }];
  if (!(await ancestorsOf(db, [leadId])).get(leadId)?.includes(countyId)) return [{ path: 'leadOrgId', message: '牵头单位须是该县区的机构' }];
  return [];
}

async function assertNameFree(db: Q, commissionId: string, countyId: string, nameZh: string, exceptId?: string) {
  let q = db
    .selectFrom('work_zone')
    .select('id')
    .where('commission_id', '=', commissionId)
    .where('county_org_id', '=', countyId)
    .where('name_zh', '=', nameZh)
    .where('valid_to', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst())
    throw new AppError('DUPLICATE', `该县区已有名为“${nameZh}”的片区`, { issues: [{ path: 'nameZh', message: '片区名称已存在' }] });
}

/** POST /zones — the zone and its members (the lead is always a member) in one transaction. */
export async function createZone(
  ctx: Ctx,
  body: { nameZh: string; countyOrgId: string; leadOrgId: string; modes: ZoneMode[]; memberOrgIds: string[]; validFrom?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const cid = ctx.actor.commissionId;
    const county = (await orgFacts(trx, cid, [body.countyOrgId])).get(body.countyOrgId);
    if (!county) throw ruleViolation([{ path: 'countyOrgId', message: '所属县区不存在' }]);
    if (county.valid_to) throw ruleViolation([{ path: 'countyOrgId', message: `“${county.name_zh}”已撤销` }]);
    if (!ZONE_COUNTY_KINDS.includes(county.kind)) throw ruleViolation([{ path: 'countyOrgId', message: '片区须属于县区纪委监委或新区纪工委监工委' }]);
    // Checked with the zone row in place (members are validated against it); any issue rolls all back.
    const issues = await leadIssues(trx, cid, county.id, body.leadOrgId);
    await assertNameFree(trx, cid, county.id, body.nameZh);
    const validFrom = body.validFrom ?? (await today(trx));
    const zone = await trx
      .insertInto('work_zone')
      .values({
        commission_id: cid,
        county_org_id: county.id,
        name_zh: body.nameZh,
        lead_org_id: body.leadOrgId,
        modes: [...new Set(body.modes)],
        valid_from: validFrom,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const members = [...new Set([body.leadOrgId, ...body.memberOrgIds])];
    for (const orgId of members) {
      const path = orgId === body.leadOrgId ? 'leadOrgId' : `memberOrgIds.${body.memberOrgIds.indexOf(orgId)}`;
      const memberIssues = await linkIssues(trx, cid, { type: 'ZONE_MEMBER', fromId: zone.id, toId: orgId });
      issues.push(...memberIssues.map((m) => ({ path, message: m.message })));
    }
    assertNoIssues(dedupe(issues), '不能建立片区');
    for (const orgId of members) await insertLink(trx, cid, { type: 'ZONE_MEMBER', fromId: zone.id, toId: orgId, role: null, validFrom });
    await audit(trx, ctx, {
      type: 'zone.created',
      objectType: 'zone',
      objectId: zone.id,
      payload: { nameZh: body.nameZh, countyOrgId: county.id, leadOrgId: body.leadOrgId, modes: body.modes, memberOrgIds: members },
    });
    return presentZone(ctx.actor, (await findZone(trx, ctx.actor, zone.id))!);
  });
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(`${i.path}|${i.message}`) && seen.add(`${i.path}|${i.message}`));
}

/**
 * PATCH /zones/:id. A new lead that is not yet a member becomes one. validTo ends the zone and every
 * membership open after that day (片区撤销), which a county's retirement requires first.
 */
export async function updateZone(ctx: Ctx, id: string, body: { version: number; nameZh?: string; leadOrgId?: string; modes?: ZoneMode[]; validTo?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const cid = ctx.actor.commissionId;
    const cur = await findZone(trx, ctx.actor, id, { forUpdate: true });
    if (!cur) throw notFound('片区');
    if (cur.version !== body.version) throw staleVersion();
    authorize(whyNotUpdateZone(ctx.actor, { validTo: cur.valid_to }));
    const modes = body.modes ? [...new Set(body.modes)] : undefined;
    const changes = changesOf(
      { nameZh: cur.name_zh, leadOrgId: cur.lead_org_id, modes: cur.modes.join(','), validTo: cur.valid_to },
      { nameZh: body.nameZh, leadOrgId: body.leadOrgId, modes: modes?.join(','), validTo: body.validTo },
    );
    if (!Object.keys(changes).length) return presentZone(ctx.actor, cur);
    if (body.nameZh && changes.nameZh) await assertNameFree(trx, cid, cur.county_org_id, body.nameZh, id);
    if (body.validTo && body.validTo < cur.valid_from) throw ruleViolation([{ path: 'validTo', message: `撤销日期不能早于片区成立日期（${cur.valid_from}）` }]);
    if (body.leadOrgId && changes.leadOrgId) {
      assertNoIssues(await leadIssues(trx, cid, cur.county_org_id, body.leadOrgId), '不能更换牵头单位');
      if (!cur.members.some((m) => m.orgId === body.leadOrgId)) {
        const linkId = await insertLink(trx, cid, { type: 'ZONE_MEMBER', fromId: id, toId: body.leadOrgId, role: null, validFrom: await today(trx) });
        await audit(trx, ctx, {
          type: 'link.created',
          objectType: 'link',
          objectId: linkId,
          payload: { linkType: 'ZONE_MEMBER', fromId: id, toId: body.leadOrgId, reason: 'zone_lead' },
        });
      }
    }
    if (body.validTo) {
      const ended = await trx
        .updateTable('work_zone_member')
        .set({ valid_to: body.validTo, version: sql`version + 1` })
        .where('zone_id', '=', id)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', body.validTo!)]))
        .where('valid_from', '<=', body.validTo)
        .returning(['id', 'org_id'])
        .execute();
      for (const m of ended)
        await audit(trx, ctx, {
          type: 'link.ended',
          objectType: 'link',
          objectId: m.id,
          payload: { linkType: 'ZONE_MEMBER', fromId: id, toId: m.org_id, validTo: body.validTo, reason: 'zone_ended' },
        });
    }
    await trx
      .updateTable('work_zone')
      .set({
        ...(body.nameZh ? { name_zh: body.nameZh } : {}),
        ...(body.leadOrgId ? { lead_org_id: body.leadOrgId } : {}),
        ...(modes ? { modes } : {}),
        ...(body.validTo ? { valid_to: body.validTo } : {}),
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'zone.updated', objectType: 'zone', objectId: id, payload: { changes } });
    return presentZone(ctx.actor, (await findZone(trx, ctx.actor, id, {}))!);
  });
}
