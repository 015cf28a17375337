import type { LinkCreateBody } from '@liandong/domain/org/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { LinkType } from '@liandong/domain/org/enums';
import { linkEndIssues } from '@liandong/domain/org/rules';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { AppError, businessRule, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { canManageStructure, whyNotEndLink } from './policy';
import { presentLink } from './present';
import { endLinkRow, findLink, insertLink, listLinks, lockLink, overlappingLink, today } from './repo-links';
import { ancestorsOf, orgFacts, type Q } from './repo-orgs';
import { assertNoIssues, authorize } from './shared';

const TYPE_ZH: Record<LinkType, string> = { OVERSIGHT: '分管', LIAISON: '联系', DISPATCH: '派驻', ZONE_MEMBER: '片区成员' };

/** GET /links */
export async function listLinksPage(ctx: Ctx, f: { type?: LinkType; orgId?: string; includeEnded: boolean }) {
  const rows = await listLinks(ctx.db, ctx.actor, f);
  return { items: rows.map((r) => presentLink(ctx.actor, r)), abilities: { create: canManageStructure(ctx.actor) } };
}

/**
 * Checks both ends of a new link: they exist in the commission, are in force (not retired / not
 * ended), have the kinds the link type connects, and — for 分管 and 片区成员 — belong to the
 * leader's commission or the zone's county. Returns field issues (fromId, toId, role).
 */
export async function linkIssues(
  db: Q,
  commissionId: string,
  l: { type: LinkType; fromId: string; toId: string; role?: string | null },
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (l.type === 'DISPATCH' && !l.role) issues.push({ path: 'role', message: '派驻关系须选择监督方式（驻在单位或综合监督单位）' });
  if (l.type !== 'DISPATCH' && l.role) issues.push({ path: 'role', message: '只有派驻关系有监督方式' });
  if (l.fromId === l.toId) issues.push({ path: 'toId', message: '起点和终点不能相同' });

  let owner: string | null = null; // org the "to" end must sit under (leader's commission / zone's county)
  let fromOrg: string | null = null;
  if (l.type === 'OVERSIGHT') {
    const leader = await db
      .selectFrom('leadership_member')
      .select(['org_id', 'valid_to'])
      .where('id', '=', l.fromId)
      .where('commission_id', '=', commissionId)
      .executeTakeFirst();
    if (!leader) issues.push({ path: 'fromId', message: '委领导不存在' });
    else if (leader.valid_to !== null) issues.push({ path: 'fromId', message: '该委领导任职已结束' });
    else owner = leader.org_id;
  } else if (l.type === 'ZONE_MEMBER') {
    const zone = await db
      .selectFrom('work_zone')
      .select(['county_org_id', 'valid_to'])
      .where('id', '=', l.fromId)
      .where('commission_id', '=', commissionId)
      .executeTakeFirst();
    if (!zone) issues.push({ path: 'fromId', message: '片区不存在' });
    else if (zone.valid_to !== null) issues.push({ path: 'fromId', message: '该片区已撤销' });
    else owner = zone.county_org_id;
  } else {
    fromOrg = l.fromId;
  }

  const facts = await orgFacts(db, commissionId, fromOrg ? [fromOrg, l.toId] : [l.toId]);
  const from = fromOrg ? facts.get(fromOrg) : null;
  const to = facts.get(l.toId);
  if (fromOrg && !from) issues.push({ path: 'fromId', message: '起点组织不存在' });
  if (from?.valid_to) issues.push({ path: 'fromId', message: `“${from.name_zh}”已撤销` });
  if (!to) issues.push({ path: 'toId', message: '终点组织不存在' });
  if (to?.valid_to) issues.push({ path: 'toId', message: `“${to.name_zh}”已撤销` });
  if (to) {
    issues.push(...linkEndIssues(l.type, from ? { kind: from.kind, officeKind: from.office_kind } : null, { kind: to.kind, officeKind: to.office_kind }));
  }
  if (to && owner) {
    if (l.type === 'OVERSIGHT' && to.parent_id !== owner) issues.push({ path: 'toId', message: '分管的内设机构须属于该委领导所在的纪委监委' });
    if (l.type === 'ZONE_MEMBER' && !(await ancestorsOf(db, [to.id])).get(to.id)?.includes(owner)) {
      issues.push({ path: 'toId', message: '片区成员须是该片区所属县区的机构或乡镇（街道）纪委' });
    }
  }
  return issues;
}

/** Refuses an identical link that overlaps the new one in time (409). */
export async function assertNoOverlap(db: Q, commissionId: string, l: { type: LinkType; fromId: string; toId: string }, validFrom: string) {
  if (await overlappingLink(db, commissionId, l.type, l.fromId, l.toId, validFrom)) {
    throw new AppError('DUPLICATE', `已存在相同的${TYPE_ZH[l.type]}关系（尚未终止）`, { issues: [{ path: 'toId', message: '关系已存在' }] });
  }
}

/** POST /links (system administrator). */
export async function createLink(ctx: Ctx, body: LinkCreateBody) {
  return ctx.db.transaction().execute(async (trx) => {
    assertNoIssues(await linkIssues(trx, ctx.actor.commissionId, body), `不能建立${TYPE_ZH[body.type]}关系`);
    const validFrom = body.validFrom ?? (await today(trx));
    await assertNoOverlap(trx, ctx.actor.commissionId, body, validFrom);
    const role = body.type === 'DISPATCH' ? (body.role ?? null) : null;
    const id = await insertLink(trx, ctx.actor.commissionId, { type: body.type, fromId: body.fromId, toId: body.toId, role, validFrom });
    await audit(trx, ctx, {
      type: 'link.created',
      objectType: 'link',
      objectId: id,
      payload: { linkType: body.type, fromId: body.fromId, toId: body.toId, role, validFrom },
    });
    if (body.type === 'LIAISON') await joinZonesOfOffice(trx, ctx, body.fromId, body.toId, validFrom, id);
    return presentLink(ctx.actor, (await findLink(trx, ctx.actor, body.type, id))!);
  });
}

/**
 * Ends one link on `validTo` (its last day). Ending is effective-dated: the row stays, so history
 * stays true and scope on earlier days is unchanged; from the day after, the link grants nothing.
 */
export async function endLink(ctx: Ctx, type: LinkType, id: string, body: { version: number; validTo: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findLink(trx, ctx.actor, type, id))) throw notFound('关联');
    const cur = await lockLink(trx, ctx.actor.commissionId, type, id);
    if (!cur) throw notFound('关联');
    if (cur.version !== body.version) throw staleVersion();
    authorize(whyNotEndLink(ctx.actor, { validTo: cur.valid_to }));
    if (body.validTo < cur.valid_from) {
      throw businessRule(`终止日期不能早于生效日期（${cur.valid_from}）`, { issues: [{ path: 'validTo', message: '终止日期早于生效日期' }] });
    }
    await endLinkRow(trx, type, id, body.validTo);
    await audit(trx, ctx, {
      type: 'link.ended',
      objectType: 'link',
      objectId: id,
      payload: { linkType: type, fromId: cur.from_id, toId: cur.to_id, validTo: body.validTo },
    });
    if (type === 'LIAISON') await leaveZonesOfOffice(trx, ctx, cur.from_id, cur.to_id, body.validTo, id);
    return presentLink(ctx.actor, (await findLink(trx, ctx.actor, type, id))!);
  });
}

/*
 * 片区 membership of dispatched groups follows the 联系 links (domain.md b.1, issue 9): a zone holds its
 * offices and, with them, the county 派驻组 those offices liaise with. When an office that belongs to an
 * open zone starts liaising with a group, the group joins that zone from the same day; when the last
 * liaison from the zone's offices to the group ends, the group leaves the zone on the same day. Each
 * derived change is an ordinary effective-dated zone-member row with its own audit entry.
 */

/** Adds `groupId` to every open zone of `officeId` it is not yet an open member of. */
async function joinZonesOfOffice(trx: Transaction<DB>, ctx: Ctx, officeId: string, groupId: string, validFrom: string, linkId: string) {
  const { rows } = await sql<{ id: string; zone_id: string }>`INSERT INTO work_zone_member (commission_id, zone_id, org_id, valid_from)
    SELECT z.commission_id, z.id, ${groupId}::uuid, ${validFrom}::date
      FROM work_zone z
     WHERE z.commission_id = ${ctx.actor.commissionId}::uuid AND z.valid_to IS NULL
       AND EXISTS (SELECT 1 FROM org g WHERE g.id = ${groupId}::uuid AND g.kind = 'DISPATCHED_GROUP')
       AND EXISTS (SELECT 1 FROM work_zone_member m WHERE m.zone_id = z.id AND m.org_id = ${officeId}::uuid AND m.valid_to IS NULL)
       AND NOT EXISTS (SELECT 1 FROM work_zone_member m WHERE m.zone_id = z.id AND m.org_id = ${groupId}::uuid AND m.valid_to IS NULL)
    RETURNING id, zone_id`.execute(trx);
  for (const r of rows) {
    await audit(trx, ctx, {
      type: 'link.created',
      objectType: 'link',
      objectId: r.id,
      payload: { linkType: 'ZONE_MEMBER', fromId: r.zone_id, toId: groupId, validFrom, derivedFromLiaison: linkId },
    });
  }
}

/** Ends `groupId`'s membership of the open zones of `officeId` where no other member office still liaises with it. */
async function leaveZonesOfOffice(trx: Transaction<DB>, ctx: Ctx, officeId: string, groupId: string, validTo: string, linkId: string) {
  const { rows } = await sql<{
    id: string;
    zone_id: string;
  }>`UPDATE work_zone_member gm SET valid_to = greatest(${validTo}::date, gm.valid_from), version = gm.version + 1
     WHERE gm.commission_id = ${ctx.actor.commissionId}::uuid AND gm.org_id = ${groupId}::uuid AND gm.valid_to IS NULL
       AND EXISTS (SELECT 1 FROM work_zone_member om WHERE om.zone_id = gm.zone_id AND om.org_id = ${officeId}::uuid AND om.valid_to IS NULL)
       AND NOT EXISTS (SELECT 1 FROM liaison l JOIN work_zone_member om ON om.org_id = l.office_id AND om.zone_id = gm.zone_id AND om.valid_to IS NULL
                        WHERE l.target_id = ${groupId}::uuid AND l.office_id <> ${officeId}::uuid
                          AND (l.valid_to IS NULL OR l.valid_to > ${validTo}::date))
    RETURNING gm.id, gm.zone_id`.execute(trx);
  for (const r of rows) {
    await audit(trx, ctx, {
      type: 'link.ended',
      objectType: 'link',
      objectId: r.id,
      payload: { linkType: 'ZONE_MEMBER', fromId: r.zone_id, toId: groupId, validTo, derivedFromLiaison: linkId },
    });
  }
}
