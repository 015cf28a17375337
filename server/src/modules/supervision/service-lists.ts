import type {
  ConsultationBody,
  ListCreateBody,
  ListDetail,
  ListIssueBody,
  ListPatchBody,
  ListQuery,
  ListSummary,
} from '@liandong/domain/supervision/contracts';
import { LIST_NOTICE_DOC_CODE, LIST_TYPE_LABELS } from '@liandong/domain/supervision/enums';
import { type ItemAction, type ItemState, nextState } from '@liandong/domain/supervision/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import { notify } from '../../platform/inbox';
import { allocateDocNumber, issuingQueue } from '../../platform/numbering';
import { lightDates } from './light';
import { allLiveApproved, canCreateSomeList, listSides, whyNotCreateList, whyNotIssueList, whyNotRecordConsultation, whyNotUpdateList } from './policy';
import { presentItem, presentList } from './present';
import {
  coordinatorOfficeOf,
  countsOfLists,
  coverageOf,
  findList,
  findLists,
  itemsOfList,
  type ListRow,
  liaisonOfficeOf,
  loadActorFacts,
  orgsById,
  type Q,
  usersOfOrg,
  whoMayOpenList,
} from './repo';
import { inTx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { itemWorkflow } from './workflow';
import { assertNoIssues, uniq } from './validate';

function authorize(d: { code: 'FORBIDDEN' | 'ILLEGAL_TRANSITION'; message: string } | null) {
  if (d) throw new AppError(d.code, d.message);
}

async function summaries(ctx: Ctx, rows: ListRow[]): Promise<ListSummary[]> {
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const counts = await countsOfLists(
    ctx.db,
    d,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    presentList(
      facts,
      r,
      counts.filter((c) => c.list_id === r.id),
    ),
  );
}

/** GET /supervision/lists */
export async function listLists(ctx: Ctx, q: ListQuery) {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  const rows = await findLists(ctx.db, ctx.actor, q);
  return { items: await summaries(ctx, rows), abilities: { create: canCreateSomeList(facts) } };
}

/** GET /supervision/lists/:id */
export async function getList(ctx: Ctx, id: string, db: Q = ctx.db): Promise<ListDetail> {
  const row = await findList(db, ctx.actor, id);
  if (!row) throw notFound('监督清单');
  const [facts, d] = await Promise.all([loadActorFacts(ctx.db, ctx.actor), lightDates(ctx.db, ctx.actor.commissionId)]);
  const [counts, items, consultations] = await Promise.all([countsOfLists(db, d, [id]), itemsOfList(db, ctx.actor, d, id), consultationsOf(db, id)]);
  return { ...presentList(facts, row, counts), items: items.map((i) => presentItem(facts, i)), consultations };
}

async function consultationsOf(db: Q, listId: string) {
  const { rows } = await sql<{
    id: string;
    held_on: string;
    place: string | null;
    participants: { orgId: string | null; orgName: string | null; name: string; role: string | null }[];
    opinions: string;
    created_by: string | null;
    created_by_name: string | null;
    created_at: Date;
  }>`SELECT c.id, c.held_on, c.place, c.participants, c.opinions, c.created_by, u.display_name AS created_by_name, c.created_at
    FROM list_consultation c LEFT JOIN app_user u ON u.id = c.created_by WHERE c.list_id = ${listId}::uuid ORDER BY c.held_on, c.created_at`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    place: r.place,
    participants: r.participants,
    opinions: r.opinions,
    createdBy: { id: r.created_by ?? '', name: r.created_by_name ?? '' },
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** POST /supervision/lists */
export async function createList(ctx: Ctx, body: ListCreateBody): Promise<ListDetail> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const cid = ctx.actor.commissionId;
    const group = (await orgsById(trx, cid, [body.ownerGroupId])).get(body.ownerGroupId);
    if (!group || group.retired || group.kind !== 'DISPATCHED_GROUP') {
      assertNoIssues([{ path: 'ownerGroupId', message: '派驻组不存在或已撤销' }], '不能建立监督清单');
    }
    const liaison = await liaisonOfficeOf(trx, body.ownerGroupId);
    if (!liaison) assertNoIssues([{ path: 'ownerGroupId', message: '该派驻组没有联系室' }], '不能建立监督清单');
    const coordinator = await coordinatorOfficeOf(trx, cid);
    if (!coordinator) assertNoIssues([{ path: 'ownerGroupId', message: '未设置党风政风监督室' }], '不能建立监督清单');
    const d = whyNotCreateList(facts, { type: body.type, ownerGroupId: body.ownerGroupId, liaisonOfficeId: liaison! });
    if (d) throw forbidden(d.message);
    const coverage = await coverageOf(trx, body.ownerGroupId);
    const hostUnitIds = body.hostUnitIds ? uniq(body.hostUnitIds) : coverage;
    assertNoIssues(
      hostUnitIds.flatMap((h, i) => (coverage.includes(h) ? [] : [{ path: `hostUnitIds.${i}`, message: '须为该派驻组现行驻在（综合监督）单位' }])),
      '不能建立监督清单',
    );
    const dup = await trx
      .selectFrom('supervision_list')
      .select('id')
      .where('commission_id', '=', cid)
      .where('year', '=', body.year)
      .where('type', '=', body.type)
      .where('owner_group_id', '=', body.ownerGroupId)
      .executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE', `该派驻组${body.year}年度${LIST_TYPE_LABELS[body.type].zh}已存在`, { id: dup.id });
    const title = body.title ?? defaultTitle(group!.short_name, body.year, body.type);
    const row = await trx
      .insertInto('supervision_list')
      .values({
        commission_id: cid,
        year: body.year,
        type: body.type,
        title,
        owner_group_id: body.ownerGroupId,
        liaison_office_id: liaison!,
        coordinator_office_id: coordinator!.id,
        host_unit_ids: hostUnitIds,
        bases: uniq(body.bases),
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'supervision.list_created',
      objectType: 'supervision_list',
      objectId: row.id,
      payload: refs({ year: body.year, listType: body.type, ownerGroupId: body.ownerGroupId, liaisonOfficeId: liaison, hostUnitIds }),
    });
    return getList(ctx, row.id, trx);
  });
}

export function defaultTitle(groupShortName: string, year: number, type: 'COMMON' | 'INDIVIDUAL'): string {
  return `${groupShortName}${year}年度${type === 'COMMON' ? '共性' : '个性'}监督清单`;
}

/** Locks a visible list row and checks its version. */
async function lockList(ctx: Ctx, trx: Q, id: string, version?: number) {
  const row = await findList(trx, ctx.actor, id);
  if (!row) throw notFound('监督清单');
  const locked = await trx.selectFrom('supervision_list').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (version !== undefined && locked.version !== version) throw staleVersion();
  return { row, locked };
}

/** PATCH /supervision/lists/:id */
export async function patchList(ctx: Ctx, id: string, body: ListPatchBody): Promise<ListDetail> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { row, locked } = await lockList(ctx, trx, id, body.version);
    authorize(whyNotUpdateList(listSides(facts, { ownerGroupId: row.owner_group_id, liaisonOfficeId: row.liaison_office_id })));
    // What the 通知 printed under its 发文字号 stays as issued.
    if (locked.doc_no) throw new AppError('ILLEGAL_TRANSITION', `清单已印发（${locked.doc_no}），不能修改`);
    let hostUnitIds: string[] | undefined;
    if (body.hostUnitIds) {
      hostUnitIds = uniq(body.hostUnitIds);
      const coverage = await coverageOf(trx, row.owner_group_id);
      assertNoIssues(
        hostUnitIds.flatMap((h, i) =>
          coverage.includes(h) || locked.host_unit_ids.includes(h) ? [] : [{ path: `hostUnitIds.${i}`, message: '须为该派驻组现行驻在（综合监督）单位' }],
        ),
        '不能修改监督清单',
      );
    }
    const changes = { title: body.title, bases: body.bases ? uniq(body.bases) : undefined, host_unit_ids: hostUnitIds };
    await trx
      .updateTable('supervision_list')
      .set({ ...changes, version: locked.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      type: 'supervision.list_updated',
      objectType: 'supervision_list',
      objectId: id,
      payload: refs({ title: body.title, bases: changes.bases, hostUnitIds }),
    });
    return getList(ctx, id, trx);
  });
}

/** POST /supervision/lists/:id/transitions — consult / approve every item of the list in the from-state. */
export async function transitionList(ctx: Ctx, id: string, body: { action: 'consult' | 'approve'; version: number }): Promise<ListDetail> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { locked } = await lockList(ctx, trx, id, body.version);
    const items = await trx.selectFrom('supervision_item').select(['id', 'state', 'previous_state']).where('list_id', '=', id).orderBy('seq').execute();
    const action: ItemAction = body.action;
    const targets = items.filter((i) => nextState(i.state as never, action, i.previous_state as never) !== null);
    if (targets.length === 0) {
      throw new AppError('ILLEGAL_TRANSITION', body.action === 'consult' ? '清单中没有草拟状态的事项可会商' : '清单中没有已会商的事项可审定');
    }
    for (const i of targets) await transition(inTx(ctx, trx), itemWorkflow, i.id, { action, facts });
    await trx
      .updateTable('supervision_list')
      .set({
        version: locked.version + 1,
        ...(action === 'approve' ? { approved_by: ctx.actor.userId, approved_at: sql<Date>`now()` } : {}),
      })
      .where('id', '=', id)
      .execute();
    return getList(ctx, id, trx);
  });
}

/**
 * POST /supervision/lists/:id/issue — 印发 (issue 14): the 党风政风监督室 issues an approved list as a 通知 with a
 * 发文字号 (兰纪发〔年〕N号) taken in the same transaction, dated the commission's today; once. 404 outside the
 * scope, 403 for others who see it, 409 when an item is not yet approved, when already issued or on a stale version.
 * The owner group's and the liaison office's staff who may open the list get an inbox notice.
 */
export async function issueList(ctx: Ctx, id: string, body: ListIssueBody): Promise<ListDetail> {
  // In the node's line of issuers (see issuingQueue): the 发文字号 counter row stays locked until commit.
  await issuingQueue(ctx.actor.commissionId).run(() => ctx.db.transaction().execute((trx) => issueListIn(ctx, trx, id, body)));
  return getList(ctx, id);
}

async function issueListIn(ctx: Ctx, trx: Transaction<DB>, id: string, body: ListIssueBody): Promise<void> {
  const facts = await loadActorFacts(trx, ctx.actor);
  const { row, locked } = await lockList(ctx, trx, id, body.version);
  const states = await trx.selectFrom('supervision_item').select('state').where('list_id', '=', id).execute();
  authorize(
    whyNotIssueList(facts, {
      coordinatorOfficeId: locked.coordinator_office_id,
      docNo: locked.doc_no,
      allApproved: allLiveApproved(states.map((s) => s.state as ItemState)),
    }),
  );
  const today = todayIso();
  const { text } = await allocateDocNumber(trx, {
    commissionId: ctx.actor.commissionId,
    docCode: LIST_NOTICE_DOC_CODE,
    year: Number(today.slice(0, 4)),
    objectType: 'supervision_list',
    objectId: id,
    userId: ctx.actor.userId,
  });
  await trx
    .updateTable('supervision_list')
    .set({ doc_no: text, issued_on: today, issued_by: ctx.actor.userId, version: locked.version + 1 })
    .where('id', '=', id)
    .execute();
  await audit(trx, ctx, {
    type: 'supervision.list_issued',
    objectType: 'supervision_list',
    objectId: id,
    payload: refs({ docNo: text, issuedOn: today, items: states.filter((s) => s.state !== 'CANCELLED').length }),
  });
  const staff = [...(await usersOfOrg(trx, row.owner_group_id)), ...(await usersOfOrg(trx, row.liaison_office_id))].filter((u) => u !== ctx.actor.userId);
  for (const userId of await whoMayOpenList(trx, staff, id)) {
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'supervision.list_issued',
      title: `监督清单已印发：${row.title}`,
      body: `${ctx.actor.displayName}以${text}印发《${row.title}》，请认真抓好落实。`,
      link: `/supervision/lists/${id}`,
      dedupeKey: `supervision.list_issued:${id}`,
    });
  }
}

/** POST /supervision/lists/:id/consultations — 室组会商记录. */
export async function recordConsultation(ctx: Ctx, id: string, body: ConsultationBody) {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findList(trx, ctx.actor, id);
    if (!row) throw notFound('监督清单');
    authorize(whyNotRecordConsultation(listSides(facts, { ownerGroupId: row.owner_group_id, liaisonOfficeId: row.liaison_office_id })));
    const orgIds = uniq(body.participants.flatMap((p) => (p.orgId ? [p.orgId] : [])));
    const orgs = await orgsById(trx, ctx.actor.commissionId, orgIds);
    assertNoIssues(
      body.participants.flatMap((p, i) => (p.orgId && !orgs.has(p.orgId) ? [{ path: `participants.${i}.orgId`, message: '单位不存在' }] : [])),
      '不能记录室组会商',
    );
    const participants = body.participants.map((p) => ({
      orgId: p.orgId ?? null,
      orgName: p.orgName || (p.orgId ? (orgs.get(p.orgId)?.name_zh ?? null) : null),
      name: p.name,
      role: p.role || null,
    }));
    const c = await trx
      .insertInto('list_consultation')
      .values({
        commission_id: ctx.actor.commissionId,
        list_id: id,
        held_on: body.heldOn,
        place: body.place || null,
        participants: JSON.stringify(participants),
        opinions: body.opinions,
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'supervision.consultation_recorded',
      objectType: 'supervision_list',
      objectId: id,
      payload: refs({ consultationId: c.id, heldOn: body.heldOn, participants: participants.length }),
    });
    return {
      id: c.id,
      heldOn: body.heldOn,
      place: body.place || null,
      participants,
      opinions: body.opinions,
      createdBy: { id: ctx.actor.userId, name: ctx.actor.displayName },
      createdAt: new Date(c.created_at).toISOString(),
    };
  });
}

/**
 * GET /supervision/lists/:id/staff — the active accounts of the list's group and liaison office, the
 * people who may be named responsible for its items (a 404 for a list outside the caller's scope).
 */
export async function listStaff(ctx: Ctx, id: string): Promise<{ items: { id: string; name: string; orgId: string; orgName: string }[] }> {
  const row = await findList(ctx.db, ctx.actor, id);
  if (!row) throw notFound('监督清单');
  const { rows } = await sql<{ id: string; name: string; org_id: string; org_name: string }>`SELECT u.id, u.display_name AS name,
      u.org_id, o.name_zh AS org_name
    FROM app_user u JOIN org o ON o.id = u.org_id
    WHERE u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
      AND u.org_id IN (${row.owner_group_id}::uuid, ${row.liaison_office_id}::uuid)
      AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('GROUP_STAFF', 'OFFICE_STAFF', 'COUNTY_STAFF'))
    ORDER BY o.sort_order, u.display_name`.execute(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name })) };
}
