import { createHash } from 'node:crypto';
import { type CommonItem, type CommonItemCreateBody, type Matrix, MatrixSchema } from '@liandong/domain/supervision/contracts';
import type { Basis, Frequency, Light, Method } from '@liandong/domain/supervision/enums';
import type { ItemState } from '@liandong/domain/supervision/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { inOrgScope } from '../../platform/access';
import { forbidden } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { lightDates, lightSql } from './light';
import { todayIso } from '../../platform/calendar';
import { canIssueCommonItems, canReadMatrix } from './policy';
import { coordinatorOfficeOf, itemOwnVisible, loadActorFacts, type Q } from './repo';
import { insertItem } from './service-items';
import { defaultTitle } from './service-lists';
import { assertNoIssues, uniq } from './validate';

/*
 * 共性事项: written once by the 党风政风监督室 and issued to every dispatched group (or a chosen set)
 * as one tracked item per group in the group's COMMON list (created on first use); and the
 * coordinator's matrix of groups × common items.
 */

interface CommonRow {
  id: string;
  year: number;
  seq: number;
  matter: string;
  bases: string[];
  methods: string[];
  frequency: string | null;
  due_date: string | null;
  issued_to: number;
  completed: number;
}

function presentCommon(r: CommonRow): CommonItem {
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    matter: r.matter,
    bases: r.bases as Basis[],
    methods: r.methods as Method[],
    frequency: r.frequency as Frequency | null,
    dueDate: r.due_date,
    issuedTo: r.issued_to,
    completed: r.completed,
  };
}

async function commonRows(db: Q, commissionId: string, where: { year?: number; id?: string }): Promise<CommonRow[]> {
  const { rows } = await sql<CommonRow>`SELECT c.id, c.year, c.seq, c.matter, c.bases, c.methods, c.frequency, c.due_date,
      (SELECT count(*)::int FROM supervision_item i WHERE i.commission_id = c.commission_id AND i.common_item_id = c.id) AS issued_to,
      (SELECT count(*)::int FROM supervision_item i WHERE i.commission_id = c.commission_id AND i.common_item_id = c.id
        AND i.state IN ('COMPLETED', 'CLOSED')) AS completed
    FROM common_item c WHERE c.commission_id = ${commissionId}::uuid
      ${where.year !== undefined ? sql`AND c.year = ${where.year}` : sql``}
      ${where.id ? sql`AND c.id = ${where.id}::uuid` : sql``}
    ORDER BY c.year DESC, c.seq`.execute(db);
  return rows;
}

/**
 * GET /supervision/common-items. Common items are the coordinator's instructions to every group, not
 * business content of one group: every supervision user may read them (their per-group items follow
 * the list scope).
 */
export async function listCommonItems(ctx: Ctx, q: { year?: number }) {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  const rows = await commonRows(ctx.db, ctx.actor.commissionId, q);
  return { items: rows.map(presentCommon), abilities: { create: canIssueCommonItems(facts) } };
}

/** POST /supervision/common-items — one transaction: the common item, missing COMMON lists, one item per group. */
export async function issueCommonItem(ctx: Ctx, body: CommonItemCreateBody) {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  if (!canIssueCommonItems(facts)) throw forbidden('只有党风政风监督室可以下发共性监督事项');
  return ctx.db.transaction().execute((trx) => issueCommonItemIn(ctx, trx, body));
}

/**
 * Issues a common item inside the caller's transaction (the problem register converts a confirmed problem
 * into next year's common item with it): the caller must be the 党风政风监督室 (checked here as well).
 */
export async function issueCommonItemIn(ctx: Ctx, trx: Transaction<DB>, body: CommonItemCreateBody) {
  const facts = await loadActorFacts(trx, ctx.actor);
  if (!canIssueCommonItems(facts)) throw forbidden('只有党风政风监督室可以下发共性监督事项');
  const cid = ctx.actor.commissionId;
  const coordinator = (await coordinatorOfficeOf(trx, cid))!;
  // Groups in force today with their liaison office (联系) and current coverage (派驻).
  const { rows: groups } = await sql<{ id: string; name: string; short_name: string; liaison: string | null; coverage: string[] | null }>`
    SELECT g.id, g.name_zh AS name, g.short_name,
      (SELECT li.office_id FROM liaison li WHERE li.target_id = g.id AND li.valid_from <= current_date
        AND (li.valid_to IS NULL OR li.valid_to >= current_date) ORDER BY li.valid_from DESC LIMIT 1) AS liaison,
      (SELECT array_agg(DISTINCT dc.host_unit_id) FROM dispatch_coverage dc WHERE dc.group_id = g.id AND dc.valid_from <= current_date
        AND (dc.valid_to IS NULL OR dc.valid_to >= current_date)) AS coverage
    FROM org g WHERE g.commission_id = ${cid}::uuid AND g.kind = 'DISPATCHED_GROUP' AND (g.valid_to IS NULL OR g.valid_to >= current_date)
      ${body.groupIds ? sql`AND g.id = ANY(${uniq(body.groupIds)}::uuid[])` : sql``}
    ORDER BY g.sort_order, g.name_zh`.execute(trx);
  if (body.groupIds) {
    const found = new Set(groups.map((g) => g.id));
    assertNoIssues(
      body.groupIds.flatMap((g, i) => (found.has(g) ? [] : [{ path: `groupIds.${i}`, message: '派驻组不存在或已撤销' }])),
      '不能下发共性监督事项',
    );
  }
  if (groups.length === 0) assertNoIssues([{ path: 'groupIds', message: '没有可下发的派驻组' }], '不能下发共性监督事项');
  const orphans = groups.filter((g) => !g.liaison);
  if (orphans.length) {
    assertNoIssues(
      orphans.map((g) => ({ path: 'groupIds', message: `${g.name}没有联系室` })),
      `以下派驻组没有联系室，不能下发：${orphans.map((g) => g.name).join('、')}`,
    );
  }
  await sql`SELECT pg_advisory_xact_lock(hashtext('common_item_seq'), hashtext(${`${cid}:${body.year}`}))`.execute(trx);
  const { rows: seqRows } = await sql<{ seq: number }>`SELECT COALESCE(max(seq), 0) + 1 AS seq FROM common_item
    WHERE commission_id = ${cid}::uuid AND year = ${body.year}`.execute(trx);
  const common = await trx
    .insertInto('common_item')
    .values({
      commission_id: cid,
      year: body.year,
      seq: seqRows[0]!.seq,
      matter: body.matter,
      bases: uniq(body.bases),
      methods: uniq(body.methods),
      frequency: body.frequency ?? null,
      due_date: body.dueDate ?? null,
      coordinator_office_id: coordinator.id,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const existing = await trx
    .selectFrom('supervision_list')
    .select(['id', 'owner_group_id'])
    .where('commission_id', '=', cid)
    .where('year', '=', body.year)
    .where('type', '=', 'COMMON')
    .where(
      'owner_group_id',
      'in',
      groups.map((g) => g.id),
    )
    .execute();
  const listOf = new Map(existing.map((l) => [l.owner_group_id, l.id]));
  let createdLists = 0;
  for (const g of groups) {
    let listId = listOf.get(g.id);
    if (!listId) {
      const l = await trx
        .insertInto('supervision_list')
        .values({
          commission_id: cid,
          year: body.year,
          type: 'COMMON',
          title: defaultTitle(g.short_name, body.year, 'COMMON'),
          owner_group_id: g.id,
          liaison_office_id: g.liaison!,
          coordinator_office_id: coordinator.id,
          host_unit_ids: g.coverage ?? [],
          bases: uniq(body.bases),
          created_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      listId = l.id;
      createdLists++;
    }
    await insertItem(ctx, trx, listId, {
      matter: body.matter,
      bases: uniq(body.bases),
      leadSide: 'GROUP',
      leadOrgId: g.id,
      assistSide: 'OFFICE',
      assistOrgId: g.liaison!,
      responsibleUserIds: [],
      hostUnitIds: g.coverage ?? [],
      methods: uniq(body.methods),
      frequency: body.frequency ?? null,
      dueDate: body.dueDate ?? null,
      state: 'DRAFT',
      commonItemId: common.id,
    });
  }
  await audit(trx, ctx, {
    type: 'supervision.common_item_issued',
    objectType: 'common_item',
    objectId: common.id,
    payload: refs({ year: body.year, matter: body.matter, groupIds: groups.map((g) => g.id), createdLists }),
  });
  const row = (await commonRows(trx, cid, { id: common.id }))[0]!;
  return { commonItem: presentCommon(row), issued: groups.length };
}

/** GET /supervision/matrix — groups × common items of a year with states, lights and completion rates. */
export async function matrix(ctx: Ctx, year: number): Promise<Matrix> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  if (!canReadMatrix(facts)) throw forbidden('只有党风政风监督室、分管领导和书记可以查看共性事项矩阵');
  const cid = ctx.actor.commissionId;
  const d = await lightDates(ctx.db, cid, todayIso());
  const commons = await sql<{ id: string; seq: number; matter: string; due_date: string | null }>`SELECT id, seq, matter, due_date FROM common_item
      WHERE commission_id = ${cid}::uuid AND year = ${year} ORDER BY seq`.execute(ctx.db);
  const commonIds = commons.rows.map((c) => c.id);
  const [groups, cells] = await Promise.all([
    sql<{ id: string; name: string; liaison_office_name: string | null }>`SELECT g.id, g.name_zh AS name,
        (SELECT o.name_zh FROM liaison li JOIN org o ON o.id = li.office_id WHERE li.target_id = g.id AND li.valid_from <= current_date
          AND (li.valid_to IS NULL OR li.valid_to >= current_date) ORDER BY li.valid_from DESC LIMIT 1) AS liaison_office_name
      FROM org g WHERE g.commission_id = ${cid}::uuid AND g.kind = 'DISPATCHED_GROUP'
        AND ((g.valid_to IS NULL OR g.valid_to >= make_date(${year}, 1, 1))) AND ${inOrgScope(ctx.actor, 'g.id')}
      ORDER BY g.sort_order, g.name_zh`.execute(ctx.db),
    // Driven by the year's common items through the index on common_item_id (migration 0007).
    sql<{ group_id: string; common_item_id: string; item_id: string; state: ItemState; light: Light }>`SELECT l.owner_group_id AS group_id,
        i.common_item_id, i.id AS item_id, i.state, ${lightSql('i.state', 'i.due_date', d)} AS light
      FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
      WHERE i.common_item_id = ANY(${commonIds}::uuid[]) AND i.commission_id = ${cid}::uuid
        AND ${inOrgScope(ctx.actor, 'l.owner_group_id')} AND ${itemOwnVisible(ctx.actor)}`.execute(ctx.db),
  ]);
  const groupIds = new Set(groups.rows.map((g) => g.id));
  const visibleCells = cells.rows.filter((c) => groupIds.has(c.group_id));
  const tally = (key: (c: (typeof visibleCells)[number]) => string) => {
    const acc = new Map<string, { done: number; owed: number }>();
    for (const c of visibleCells) {
      if (c.state === 'CANCELLED') continue;
      const k = key(c);
      const a = acc.get(k) ?? { done: 0, owed: 0 };
      a.owed++;
      if (c.state === 'COMPLETED' || c.state === 'CLOSED') a.done++;
      acc.set(k, a);
    }
    return acc;
  };
  const rate = (a: { done: number; owed: number } | undefined) => (a && a.owed > 0 ? a.done / a.owed : 0);
  const byGroupT = tally((c) => c.group_id);
  const byItemT = tally((c) => c.common_item_id);
  const overall = [...byGroupT.values()].reduce((s, a) => ({ done: s.done + a.done, owed: s.owed + a.owed }), { done: 0, owed: 0 });
  return {
    groups: groups.rows.map((g) => ({ id: g.id, name: g.name, liaisonOfficeName: g.liaison_office_name })),
    commonItems: commons.rows.map((c) => ({ id: c.id, seq: c.seq, matter: c.matter, dueDate: c.due_date })),
    cells: visibleCells.map((c) => ({ groupId: c.group_id, commonItemId: c.common_item_id, itemId: c.item_id, state: c.state, light: c.light })),
    completion: {
      byGroup: Object.fromEntries(groups.rows.map((g) => [g.id, rate(byGroupT.get(g.id))])),
      byItem: Object.fromEntries(commons.rows.map((c) => [c.id, rate(byItemT.get(c.id))])),
      overall: rate(overall),
    },
  };
}

/**
 * Per-node cache of the serialised matrix. The key holds everything the answer depends on: the
 * commission, the year, the actor's scope, clearance and recusals from lists and items, the supervision data epoch (bumped by triggers on items,
 * lists, common items, liaisons and orgs — migration 0007), today and the yellow threshold. A cached
 * answer is therefore never served after a change; the permission check runs on every request.
 *
 * Kept as UTF-8 bytes, not as a string (issue 12): a year's matrix is ≈ 770 KiB of JSON with Chinese names, and
 * sending a string made Node measure and encode it on every request (Buffer.byteLength, then writev) — about
 * half the server's CPU per request. A Buffer is sent as it is. The cache holds at most MATRIX_KEEP_BYTES.
 */
const matrixCache = new WeakMap<object, { bodies: Map<string, Buffer>; bytes: number }>();

/** Bytes of kept matrices per database handle; beyond it the cache starts again empty. */
export const MATRIX_KEEP_BYTES = 64 * 1024 * 1024;

/** The JSON body of the matrix for this reader (UTF-8), built and validated on a miss. */
export async function matrixJson(ctx: Ctx, year: number): Promise<Buffer> {
  const facts = await loadActorFacts(ctx.db, ctx.actor);
  if (!canReadMatrix(facts)) throw forbidden('只有党风政风监督室、分管领导和书记可以查看共性事项矩阵');
  const cid = ctx.actor.commissionId;
  // The cells also depend on the account's clearance and its recusals from lists and items (回避).
  const [d, epoch] = await Promise.all([
    lightDates(ctx.db, cid, todayIso()),
    sql<{ epoch: number; recused: string | null }>`SELECT (SELECT epoch FROM data_epoch WHERE area = 'supervision') AS epoch,
      (SELECT string_agg(object_id::text, ',' ORDER BY object_id) FROM recusal WHERE user_id = ${ctx.actor.userId}::uuid
        AND object_type IN ('supervision_list', 'supervision_item')) AS recused`.execute(ctx.db),
  ]);
  const scopeKey = ctx.actor.scope.wide ? 'wide' : createHash('sha1').update(ctx.actor.scope.orgIds.join(',')).digest('base64url');
  const recused = epoch.rows[0]?.recused;
  const ownKey = `${ctx.actor.clearance}:${recused ? createHash('sha1').update(recused).digest('base64url') : ''}`;
  const key = `${cid}:${year}:${scopeKey}:${ownKey}:${epoch.rows[0]?.epoch ?? 0}:${d.today}:${d.threshold}`;
  let cache = matrixCache.get(ctx.db);
  if (!cache) {
    cache = { bodies: new Map(), bytes: 0 };
    matrixCache.set(ctx.db, cache);
  }
  const hit = cache.bodies.get(key);
  if (hit) return hit;
  const body = Buffer.from(JSON.stringify(MatrixSchema.parse(await matrix(ctx, year))), 'utf8');
  if (cache.bodies.size >= 200 || cache.bytes + body.length > MATRIX_KEEP_BYTES) {
    cache.bodies.clear();
    cache.bytes = 0;
  }
  cache.bodies.set(key, body);
  cache.bytes += body.length;
  return body;
}
