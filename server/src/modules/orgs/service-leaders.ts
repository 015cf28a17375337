import { LEADER_TITLE_LABELS, type LeaderTitle } from '@liandong/domain/org/enums';
import { LEADERSHIP_ORG_KINDS } from '@liandong/domain/org/rules';
import { sql } from 'kysely';
import { businessRule, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { canManageStructure, whyNotUpdateLeader } from './policy';
import { presentLeader } from './present';
import { findLeader, listLeaders } from './repo-leaders';
import { orgFacts } from './repo-orgs';
import { authorize, changesOf, ruleViolation } from './shared';

/** GET /leaders */
export async function listLeadersPage(ctx: Ctx, includeEnded: boolean) {
  const rows = await listLeaders(ctx.db, ctx.actor, includeEnded);
  return { items: rows.map((r) => presentLeader(ctx.actor, r)), abilities: { create: canManageStructure(ctx.actor) } };
}

/** POST /leaders — creates the person (unit = the commission) and the 委领导 record in one transaction. */
export async function createLeader(ctx: Ctx, body: { nameZh: string; title: LeaderTitle; orgId: string; gender?: 'M' | 'F'; validFrom?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = (await orgFacts(trx, ctx.actor.commissionId, [body.orgId])).get(body.orgId);
    if (!org) throw ruleViolation([{ path: 'orgId', message: '所在单位不存在' }]);
    if (org.valid_to) throw ruleViolation([{ path: 'orgId', message: `“${org.name_zh}”已撤销` }]);
    if (!LEADERSHIP_ORG_KINDS.includes(org.kind)) throw ruleViolation([{ path: 'orgId', message: '委领导须属于市、县区纪委监委或新区纪工委监工委' }]);
    const person = await trx
      .insertInto('person')
      .values({
        commission_id: ctx.actor.commissionId,
        name_zh: body.nameZh,
        gender: body.gender ?? null,
        unit_id: body.orgId,
        position: LEADER_TITLE_LABELS[body.title].zh,
        party_member: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const next = await trx
      .selectFrom('leadership_member')
      .select(sql<number>`COALESCE(max(sort_order), -1) + 1`.as('n'))
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('org_id', '=', body.orgId)
      .executeTakeFirstOrThrow();
    const lm = await trx
      .insertInto('leadership_member')
      .values({
        commission_id: ctx.actor.commissionId,
        person_id: person.id,
        org_id: body.orgId,
        title: body.title,
        sort_order: next.n,
        ...(body.validFrom ? { valid_from: body.validFrom } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'leader.created',
      objectType: 'leader',
      objectId: lm.id,
      payload: { personId: person.id, orgId: body.orgId },
    });
    return presentLeader(ctx.actor, (await findLeader(trx, ctx.actor, lm.id))!);
  });
}

/**
 * PATCH /leaders/:id. Setting validTo ends the leadership (任职结束) and, in the same transaction,
 * every 分管 of the leader still open after that day — a leader who has left oversees nothing; each
 * ended 分管 gets its own link.ended event.
 */
export async function updateLeader(ctx: Ctx, id: string, body: { version: number; title?: LeaderTitle; validTo?: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const cur = await findLeader(trx, ctx.actor, id, { forUpdate: true });
    if (!cur) throw notFound('委领导');
    if (cur.version !== body.version) throw staleVersion();
    authorize(whyNotUpdateLeader(ctx.actor, { validTo: cur.valid_to }));
    const changes = changesOf({ title: cur.title, validTo: cur.valid_to }, { title: body.title, validTo: body.validTo });
    if (!Object.keys(changes).length) return presentLeader(ctx.actor, cur);
    if (body.validTo) {
      if (body.validTo < cur.valid_from) throw ruleViolation([{ path: 'validTo', message: `任职结束日期不能早于任职日期（${cur.valid_from}）` }]);
      const open = await trx
        .selectFrom('oversight')
        .select(['id', 'office_id', 'valid_from'])
        .where('leader_id', '=', id)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', body.validTo!)]))
        .forUpdate()
        .execute();
      const future = open.filter((o) => o.valid_from > body.validTo!);
      if (future.length)
        throw businessRule(`该委领导有${future.length}项分管在任职结束日期之后才生效，请先处理`, {
          issues: [{ path: 'validTo', message: '存在尚未生效的分管' }],
        });
      for (const o of open) {
        await trx.updateTable('oversight').set({ valid_to: body.validTo, version: sql`version + 1` }).where('id', '=', o.id).execute();
        await audit(trx, ctx, {
          type: 'link.ended',
          objectType: 'link',
          objectId: o.id,
          payload: { linkType: 'OVERSIGHT', fromId: id, toId: o.office_id, validTo: body.validTo, reason: 'leader_ended' },
        });
      }
    }
    await trx
      .updateTable('leadership_member')
      .set({ ...(body.title ? { title: body.title } : {}), ...(body.validTo ? { valid_to: body.validTo } : {}), version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'leader.updated', objectType: 'leader', objectId: id, payload: { changes } });
    return presentLeader(ctx.actor, (await findLeader(trx, ctx.actor, id))!);
  });
}
