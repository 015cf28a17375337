import type { FindingBody, Item, ItemCreateBody, ItemOrderBody, ItemPatchBody, ItemTransitionBody, ProgressBody } from '@liandong/domain/supervision/contracts';
import type { Side } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { ownedAttachmentIds } from '../../platform/attachments/evidence';
import { lightDates } from './light';
import { itemSides, listSides, whyNotAddItem, whyNotOrder, whyNotUpdateItem } from './policy';
import { listHasApprovedItems, presentItem } from './present';
import { countsOfLists, findItem, findList, loadActorFacts, type Q, usersOfOrg, whoMayOpenItem } from './repo';
import type { SharedRead } from '../visibility';
import { inTx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { type ItemInput, itemWorkflow } from './workflow';
import { assertNoIssues, partyIssues, uniq } from './validate';
import { dictionaryCodeIssues } from '../dictionaries';

function authorize(d: { code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; message: string } | null) {
  if (d) throw new AppError(d.code, d.message);
}

/** The item as presented to the actor (after a write: read in the same transaction). */
export async function presentItemById(ctx: Ctx, id: string, db: Q = ctx.db, opts: { shared?: SharedRead } = {}): Promise<Item> {
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const row = await findItem(db, ctx.actor, d, id, opts);
  if (!row) throw notFound('监督事项');
  return presentItem(facts, row);
}

export interface NewItem {
  matter: string;
  bases: string[];
  leadSide: Side;
  leadOrgId: string;
  assistSide: Side | null;
  assistOrgId: string | null;
  responsibleUserIds: string[];
  hostUnitIds: string[];
  methods: string[];
  frequency: string | null;
  dueDate: string | null;
  state: 'DRAFT' | 'APPROVED';
  commonItemId?: string;
  orderedBy?: string;
}

/**
 * Inserts an item at the end of its list with its creation event. Creation is not a transition: a new
 * item starts DRAFT, or APPROVED when a leader orders it (点题派单); every later change goes through
 * transition(). The list row is locked so sequence numbers do not collide.
 */
export async function insertItem(ctx: Ctx, trx: Transaction<DB>, listId: string, it: NewItem): Promise<string> {
  await sql`SELECT 1 FROM supervision_list WHERE id = ${listId}::uuid FOR UPDATE`.execute(trx);
  const { rows } = await sql<{ seq: number }>`SELECT COALESCE(max(seq), 0) + 1 AS seq FROM supervision_item WHERE list_id = ${listId}::uuid`.execute(trx);
  const row = await trx
    .insertInto('supervision_item')
    .values({
      commission_id: ctx.actor.commissionId,
      list_id: listId,
      seq: rows[0]!.seq,
      matter: it.matter,
      bases: it.bases,
      lead_side: it.leadSide,
      lead_org_id: it.leadOrgId,
      assist_side: it.assistSide,
      assist_org_id: it.assistOrgId,
      responsible_user_ids: it.responsibleUserIds,
      host_unit_ids: it.hostUnitIds,
      methods: it.methods,
      frequency: it.frequency,
      due_date: it.dueDate,
      state: it.state,
      common_item_id: it.commonItemId ?? null,
      ordered_by: it.orderedBy ?? null,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('supervision_item_event')
    .values({
      commission_id: ctx.actor.commissionId,
      item_id: row.id,
      action: it.orderedBy ? 'order' : 'create',
      from_state: null,
      to_state: it.state,
      actor_id: ctx.actor.userId,
    })
    .execute();
  return row.id;
}

async function loadListForWrite(ctx: Ctx, trx: Q, listId: string) {
  const list = await findList(trx, ctx.actor, listId);
  if (!list) throw notFound('监督清单');
  return list;
}

/** POST /supervision/lists/:id/items — a DRAFT item, while the list is still being planned. */
export async function createItem(ctx: Ctx, listId: string, body: ItemCreateBody): Promise<Item> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const list = await loadListForWrite(ctx, trx, listId);
    await sql`SELECT 1 FROM supervision_list WHERE id = ${listId}::uuid FOR UPDATE`.execute(trx);
    const d = await lightDates(ctx.db, ctx.actor.commissionId);
    const counts = await countsOfLists(trx, d, [listId]);
    authorize(
      whyNotAddItem(listSides(facts, { ownerGroupId: list.owner_group_id, liaisonOfficeId: list.liaison_office_id }), {
        hasApprovedItems: listHasApprovedItems(list, counts),
      }),
    );
    const parties = {
      leadSide: body.leadSide,
      leadOrgId: body.leadOrgId,
      assistSide: body.assistSide ?? null,
      assistOrgId: body.assistOrgId ?? null,
      responsibleUserIds: uniq(body.responsibleUserIds),
      hostUnitIds: body.hostUnitIds ? uniq(body.hostUnitIds) : list.host_unit_ids,
    };
    const rules = { type: list.type, ownerGroupId: list.owner_group_id, liaisonOfficeId: list.liaison_office_id, hostUnitIds: list.host_unit_ids };
    assertNoIssues(await partyIssues(trx, ctx.actor.commissionId, rules, parties), '不能新增监督事项');
    const id = await insertItem(ctx, trx, listId, {
      ...parties,
      matter: body.matter,
      bases: uniq(body.bases),
      methods: uniq(body.methods),
      frequency: body.frequency ?? null,
      dueDate: body.dueDate ?? null,
      state: 'DRAFT',
    });
    await audit(trx, ctx, {
      type: 'supervision.item_created',
      objectType: 'supervision_item',
      objectId: id,
      payload: refs({ listId, matter: body.matter, leadOrgId: body.leadOrgId, assistOrgId: parties.assistOrgId, dueDate: body.dueDate ?? null }),
    });
    return presentItemById(ctx, id, trx);
  });
}

/** PATCH /supervision/items/:id — only while DRAFT or CONSULTED. */
export async function patchItem(ctx: Ctx, id: string, body: ItemPatchBody): Promise<Item> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const d = await lightDates(ctx.db, ctx.actor.commissionId);
    const cur = await findItem(trx, ctx.actor, d, id);
    if (!cur) throw notFound('监督事项');
    const locked = await trx.selectFrom('supervision_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== body.version) throw staleVersion();
    authorize(
      whyNotUpdateItem(
        itemSides(facts, {
          ownerGroupId: cur.owner_group_id,
          liaisonOfficeId: cur.liaison_office_id,
          leadOrgId: locked.lead_org_id,
          assistOrgId: locked.assist_org_id,
        }),
        { state: locked.state as ItemState },
      ),
    );
    const list = (await findList(trx, ctx.actor, cur.list_id))!;
    const parties = {
      leadSide: (body.leadSide ?? locked.lead_side) as Side,
      leadOrgId: body.leadOrgId ?? locked.lead_org_id,
      assistSide: (body.assistSide !== undefined ? body.assistSide : locked.assist_side) as Side | null,
      assistOrgId: body.assistOrgId !== undefined ? body.assistOrgId : locked.assist_org_id,
      responsibleUserIds: body.responsibleUserIds ? uniq(body.responsibleUserIds) : locked.responsible_user_ids,
      hostUnitIds: body.hostUnitIds ? uniq(body.hostUnitIds) : locked.host_unit_ids,
    };
    const rules = { type: list.type, ownerGroupId: list.owner_group_id, liaisonOfficeId: list.liaison_office_id, hostUnitIds: list.host_unit_ids };
    const issues = await partyIssues(trx, ctx.actor.commissionId, rules, {
      ...parties,
      // unchanged people and units stay valid even if the list changed since
      responsibleUserIds: body.responsibleUserIds ? parties.responsibleUserIds : undefined,
      hostUnitIds: body.hostUnitIds ? parties.hostUnitIds : undefined,
    });
    assertNoIssues(issues, '不能修改监督事项');
    const set = {
      matter: body.matter,
      bases: body.bases ? uniq(body.bases) : undefined,
      lead_side: parties.leadSide,
      lead_org_id: parties.leadOrgId,
      assist_side: parties.assistSide,
      assist_org_id: parties.assistOrgId,
      responsible_user_ids: parties.responsibleUserIds,
      host_unit_ids: parties.hostUnitIds,
      methods: body.methods ? uniq(body.methods) : undefined,
      frequency: body.frequency,
      due_date: body.dueDate,
    };
    await trx
      .updateTable('supervision_item')
      .set({ ...set, version: locked.version + 1, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    const { version: _v, ...changed } = body;
    await audit(trx, ctx, { type: 'supervision.item_updated', objectType: 'supervision_item', objectId: id, payload: refs({ listId: cur.list_id, changed }) });
    return presentItemById(ctx, id, trx);
  });
}

/** POST /supervision/items — 点题派单: a leader orders an item mid-year; it starts APPROVED. */
export async function orderItem(ctx: Ctx, body: ItemOrderBody): Promise<Item> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const list = await findList(trx, ctx.actor, body.listId);
    if (!list) assertNoIssues([{ path: 'listId', message: '监督清单不存在或无权访问' }], '不能点题派单');
    authorize(whyNotOrder(listSides(facts, { ownerGroupId: list!.owner_group_id, liaisonOfficeId: list!.liaison_office_id })));
    const parties = { leadSide: body.leadSide, leadOrgId: body.leadOrgId, assistSide: body.assistSide ?? null, assistOrgId: body.assistOrgId ?? null };
    const rules = { type: list!.type, ownerGroupId: list!.owner_group_id, liaisonOfficeId: list!.liaison_office_id, hostUnitIds: list!.host_unit_ids };
    assertNoIssues(await partyIssues(trx, ctx.actor.commissionId, rules, parties), '不能点题派单');
    const id = await insertItem(ctx, trx, body.listId, {
      ...parties,
      matter: body.matter,
      bases: uniq(body.bases),
      responsibleUserIds: [],
      hostUnitIds: list!.host_unit_ids,
      methods: uniq(body.methods),
      frequency: null,
      dueDate: body.dueDate,
      state: 'APPROVED',
      orderedBy: ctx.actor.userId,
    });
    await trx.updateTable('supervision_item_event').set({ comment: body.comment }).where('item_id', '=', id).execute();
    await audit(trx, ctx, {
      type: 'supervision.item_ordered',
      objectType: 'supervision_item',
      objectId: id,
      payload: refs({ listId: body.listId, matter: body.matter, leadOrgId: body.leadOrgId, dueDate: body.dueDate, comment: body.comment }),
    });
    for (const userId of await whoMayOpenItem(trx, await usersOfOrg(trx, body.leadOrgId), id)) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'supervision.ordered',
        title: `点题派单：${body.matter.length > 30 ? `${body.matter.slice(0, 30)}…` : body.matter}`,
        body: `${ctx.actor.displayName}交办，完成时限${body.dueDate}。${body.comment}`,
        link: `/supervision/items/${id}`,
      });
    }
    return presentItemById(ctx, id, trx);
  });
}

/** POST /supervision/items/:id/transitions */
export async function transitionItem(ctx: Ctx, id: string, body: ItemTransitionBody): Promise<Item> {
  return runTransition(ctx, id, body.action, { version: body.version, comment: body.comment, adjustment: body.adjustment });
}

async function runTransition(
  ctx: Ctx,
  id: string,
  action: ItemTransitionBody['action'],
  input: Omit<ItemInput, 'action'>,
  before?: (trx: Transaction<DB>) => Promise<void>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    await transition(inTx(ctx, trx), itemWorkflow, id, { ...input, action });
    if (before) await before(trx);
    return presentItemById(ctx, id, trx);
  });
}

/** POST /supervision/items/:id/progress — a progress report (action `report`). */
export async function reportProgress(ctx: Ctx, id: string, body: ProgressBody): Promise<Item> {
  const attachmentIds = uniq(body.attachmentIds);
  return runTransition(
    ctx,
    id,
    'report',
    { version: body.version, progress: { id: crypto.randomUUID(), period: body.period || undefined, content: body.content, attachmentIds } },
    async (trx) => {
      if (attachmentIds.length === 0) return;
      const ok = await ownedAttachmentIds(trx, ctx.actor, { type: 'supervision_item', id }, attachmentIds);
      assertNoIssues(
        attachmentIds.flatMap((a, i) => (ok.has(a) ? [] : [{ path: `attachmentIds.${i}`, message: '附件不存在、不属于本事项或无权访问' }])),
        '不能报告进展',
      );
    },
  );
}

/** POST /supervision/items/:id/findings — a finding with its proposed disposition (action `recordFinding`). */
export async function recordFinding(ctx: Ctx, id: string, body: FindingBody): Promise<Item> {
  return runTransition(
    ctx,
    id,
    'recordFinding',
    {
      version: body.version,
      finding: { id: crypto.randomUUID(), description: body.description, disposition: body.disposition, hostUnitId: body.hostUnitId, sector: body.sector },
    },
    async (trx) => {
      assertNoIssues(await dictionaryCodeIssues(trx, ctx.actor.commissionId, 'SECTOR', [{ path: 'sector', code: body.sector }]), '不能记录发现问题');
      if (!body.hostUnitId) return;
      const item = await trx.selectFrom('supervision_item').select('host_unit_ids').where('id', '=', id).executeTakeFirstOrThrow();
      const list = await trx
        .selectFrom('supervision_item as i')
        .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
        .select('l.host_unit_ids')
        .where('i.id', '=', id)
        .executeTakeFirstOrThrow();
      if (!item.host_unit_ids.includes(body.hostUnitId) && !list.host_unit_ids.includes(body.hostUnitId)) {
        assertNoIssues([{ path: 'hostUnitId', message: '须为该事项或清单的被监督单位' }], '不能记录发现问题');
      }
    },
  );
}
