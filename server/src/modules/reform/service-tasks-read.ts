import type { TaskDetail, TaskListItem, TaskPlan, TaskQuery, TaskUpdate } from '@liandong/domain/reform/contracts-reform';
import type { AccountabilityMethod, TaskSourceSchema } from '@liandong/domain/reform/enums';
import { type EscalationStep, nextEscalationStep, nextTaskState, type TaskState } from '@liandong/domain/reform/machine';
import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../platform/access';
import { loadWorkCalendar } from '../../platform/calendar';
import { notFound } from '../../platform/errors';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { executeArraysOnce } from '../../platform/arrays-once';
import { type KeyedArms, type KeyedPageQuery, keyedCountSql, keyedPageSql, NAMED_PAGE_SIZES } from '../../platform/keyed-page';
import type { Ctx } from '../../platform/context';
import { prepared, underGenericPlan } from '../../db/pool';
import { fileOwnVisible } from '../../platform/attachments/evidence';
import type { LightDates } from '../supervision';
import { type TaskLight, taskLightDates, taskLightIs, taskLightSql } from './light';
import { canCreate, taskAbilities } from './policy';
import type { Q } from './repo';
import { aggregateLightsSql } from './task-lights';
import { keptLights } from './task-lights-kept';
import { isWideBoard, wideKeys } from './task-keys';
import { accountabilityVisible, letterVisible, letterVisibleParts, taskVisible, taskVisibleParts } from '../visibility';

type TaskSource = z.infer<typeof TaskSourceSchema>;

/** Board rows, one task's detail and the filters shared with the Excel export. */

export interface TaskRow {
  id: string;
  source: TaskSource;
  letter_id: string | null;
  rec_title: string | null;
  rec_doc_no: string | null;
  item_no: number | null;
  finding_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  unit_org_id: string;
  unit_name: string;
  issue: string;
  required_outcome: string;
  deadline: string;
  plan_due: string | null;
  responsible_person: string | null;
  supervisor_user_id: string;
  supervisor_name: string;
  supervisor_org_id: string;
  supervisor_org_name: string;
  state: TaskState;
  light: TaskLight;
  escalation_step: EscalationStep | null;
  overdue_since: string | null;
  created_at: Date;
  version: number;
}

/**
 * Columns of a task over `taskJoins`; its letter (id, title, number, item) only for who sees the letter through its own
 * predicate (`lv.ok`, computed once per row in `taskJoins`).
 */
export const taskColumns = (d: LightDates) => sql`t.id, t.source,
  CASE WHEN lv.ok THEN t.letter_id END AS letter_id, CASE WHEN lv.ok THEN r.title END AS rec_title,
  CASE WHEN lv.ok THEN r.doc_no END AS rec_doc_no, CASE WHEN lv.ok THEN ri.no END AS item_no,
  t.finding_id, t.campaign_id, (SELECT cp.name FROM campaign cp WHERE cp.id = t.campaign_id) AS campaign_name,
  t.unit_org_id, uo.name_zh AS unit_name, t.issue, t.required_outcome, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(t.plan_due, 'YYYY-MM-DD') AS plan_due, t.responsible_person, t.supervisor_user_id, su.display_name AS supervisor_name,
  t.supervisor_org_id, so.name_zh AS supervisor_org_name, t.state, ${taskLightSql('t.state', 't.deadline', d)} AS light, t.escalation_step,
  to_char(t.overdue_since, 'YYYY-MM-DD') AS overdue_since, t.created_at, t.version`;

/**
 * FROM of `taskColumns`: the task, its names, its letter and whether the actor sees that letter (`lv.ok`: row by row —
 * the rows presented are few —, the letter's case from what the letter keeps of it, the org lists opaque to the planner;
 * issue 12: neither every case the actor sees gathered nor hundreds of org ids estimated one by one).
 */
export const taskJoins = (
  actor: Actor,
  letterOk: RawBuilder<boolean> = letterVisible(actor, 'r', { caseCheck: 'stored', opaqueKeys: true }),
) => sql`FROM rectification_task t
  JOIN org uo ON uo.id = t.unit_org_id
  JOIN app_user su ON su.id = t.supervisor_user_id
  JOIN org so ON so.id = t.supervisor_org_id
  LEFT JOIN letter r ON r.id = t.letter_id
  LEFT JOIN letter_item ri ON ri.id = t.letter_item_id
  LEFT JOIN LATERAL (SELECT ${letterOk} AS ok OFFSET 0) lv ON true`;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** WHERE of the board and the export (the light filter separately, so counts by light ignore it). */
export function taskFilters(ctx: Ctx, q: Omit<TaskQuery, 'page' | 'pageSize' | 'sort'>): RawBuilder<boolean>[] {
  return [taskVisible(ctx.actor, 't'), ...taskFilterParts(ctx, q)];
}

/** The board's filters without the visibility. */
function taskFilterParts(ctx: Ctx, q: Omit<TaskQuery, 'page' | 'pageSize' | 'sort'>): RawBuilder<boolean>[] {
  const w: RawBuilder<boolean>[] = [];
  if (q.state?.length) w.push(sql<boolean>`t.state = ANY(${q.state}::text[])`);
  if (q.unitOrgId) w.push(sql<boolean>`t.unit_org_id = ${q.unitOrgId}::uuid`);
  if (q.supervisorOrgId) w.push(sql<boolean>`t.supervisor_org_id = ${q.supervisorOrgId}::uuid`);
  if (q.letterId) w.push(sql<boolean>`t.letter_id = ${q.letterId}::uuid`);
  if (q.source) w.push(sql<boolean>`t.source = ${q.source}`);
  if (q.campaignId) w.push(sql<boolean>`t.campaign_id = ${q.campaignId}::uuid`);
  if (q.q) {
    // Over the task alone (the unit's name and the letter's number by their keys), so that any FROM may use it.
    const like = `%${escapeLike(q.q)}%`;
    w.push(
      sql<boolean>`(t.issue ILIKE ${like} OR t.responsible_person ILIKE ${like}
        OR EXISTS (SELECT 1 FROM org qo WHERE qo.id = t.unit_org_id AND qo.name_zh ILIKE ${like})
        OR EXISTS (SELECT 1 FROM letter qr WHERE qr.id = t.letter_id AND qr.doc_no ILIKE ${like} AND ${letterVisible(ctx.actor, 'qr', { caseCheck: 'row' })}))`,
    );
  }
  return w;
}

type Key = readonly [column: string, dir: 'ASC' | 'DESC'];
/** The board's sorts (columns of the task), each ending with the id (indexes (org, deadline, id) answer the default per org). */
const SORTS: Record<TaskQuery['sort'], readonly Key[]> = {
  deadline: [
    ['deadline', 'ASC'],
    ['id', 'ASC'],
  ],
  '-deadline': [
    ['deadline', 'DESC'],
    ['id', 'ASC'],
  ],
  createdAt: [
    ['created_at', 'ASC'],
    ['id', 'ASC'],
  ],
  '-createdAt': [
    ['created_at', 'DESC'],
    ['id', 'ASC'],
  ],
};
/** ORDER BY of a sort over the task aliased `a` (the export's, and the original order the keyed board must reproduce). */
export const taskOrder = (s: TaskQuery['sort'], a = 't') => sql.join(SORTS[s].map(([c, dir]) => sql`${sql.ref(`${a}.${c}`)} ${sql.raw(dir)}`));

/** One task; `beyond` tells whether a day lies past the maintained holiday years (planDue is counted in 工作日). */
export function presentTask(r: TaskRow, beyond: (day: string) => boolean): TaskListItem {
  return {
    id: r.id,
    source: r.source,
    letter: r.letter_id ? { id: r.letter_id, title: r.rec_title ?? '', docNo: r.rec_doc_no } : null,
    letterItemNo: r.item_no,
    findingId: r.finding_id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    unit: { id: r.unit_org_id, name: r.unit_name },
    issue: r.issue,
    requiredOutcome: r.required_outcome,
    deadline: r.deadline,
    planDue: r.plan_due,
    planDueUnconfirmed: r.plan_due !== null && beyond(r.plan_due),
    responsiblePerson: r.responsible_person,
    supervisor: { id: r.supervisor_user_id, name: r.supervisor_name },
    supervisorOrg: { id: r.supervisor_org_id, name: r.supervisor_org_name },
    state: r.state,
    light: r.light,
    escalationStep: r.escalation_step,
    overdueSince: r.overdue_since,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** Rows of the export: every row the filters select (up to `limit`), in the board's order. */
export async function queryTasks(ctx: Ctx, q: TaskQuery, limit: number, offset: number): Promise<{ rows: TaskRow[]; total: number }> {
  const d = await taskLightDates(ctx.db, ctx.actor.commissionId);
  const w = taskFilters(ctx, q);
  if (q.light) w.push(taskLightIs('t.state', 't.deadline', q.light, d));
  const { rows } = await sql<TaskRow & { total: string }>`SELECT ${taskColumns(d)}, count(*) OVER () AS total ${taskJoins(ctx.actor)}
    WHERE ${sql.join(w, sql` AND `)} ORDER BY ${taskOrder(q.sort)} LIMIT ${limit} OFFSET ${offset}`.execute(ctx.db);
  return { rows, total: rows.length ? Number(rows[0]!.total) : offset > 0 ? await countTasks(ctx, w) : 0 };
}

async function countTasks(ctx: Ctx, w: RawBuilder<boolean>[]): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM rectification_task t WHERE ${sql.join(w, sql` AND `)}`.execute(ctx.db);
  return Number(rows[0]?.n ?? 0);
}

const LIGHT_KEYS = ['GREEN', 'YELLOW', 'RED', 'DONE'] as const;

/**
 * A named statement of the board as it opens; a scoped board's (keyed or walked, not the whole book's) run under
 * `plan_cache_mode = force_generic_plan` (db/pool.ts `underGenericPlan`): PostgreSQL settles on the generic plan of
 * these statements after five custom plans per connection anyway (each 5–12 ms of planning at full scale for 1–5 ms of
 * execution; issue 12: 20 pooled connections × 5 × 2 statements per reader kind after every start), so it is planned once
 * per connection. The same rows either way.
 */
function named<T>(ctx: Ctx, arms: KeyedArms, s: RawBuilder<T>) {
  // Each long array (the scope's org list, in every light's count) sent once (arrays-once.ts `executeArraysOnce`).
  const statement = prepared(s);
  return !arms.book ? underGenericPlan(ctx.db, (conn) => executeArraysOnce(conn, statement)) : executeArraysOnce(ctx.db, statement);
}

/** The board as it opens: no filter but the light (the texts of its statements are few and fixed; see `prepared`). */
const unfiltered = (q: TaskQuery) => !q.state?.length && !q.unitOrgId && !q.supervisorOrgId && !q.letterId && !q.source && !q.campaignId && !q.q;

/** taskVisible's arms as the board reads them: the 专班 arm probed per campaign (0077), not tested row by row. */
const boardArms = (actor: Actor) => taskVisibleParts(actor, 't', { campaignKeyed: true });

/** The board's keyed query (platform/keyed-page.ts) under `filters` (the visibility's own part is in the arms). */
function boardQuery(ctx: Ctx, q: TaskQuery, filters: RawBuilder<boolean>[]): KeyedPageQuery {
  const arms = boardArms(ctx.actor);
  return {
    table: 'rectification_task',
    alias: 't',
    arms,
    filters,
    orderBy: (a) => taskOrder(q.sort, a),
    sortColumns: SORTS[q.sort].map(([c]) => c),
    where: sql<boolean>`${sql.join([taskVisible(ctx.actor, 't'), ...filters], sql` AND `)}`,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
}

/**
 * Tasks per light under the board's other filters, in one statement: exact with `exact`, else each counted up to the
 * cap as a total is (keyed, streamed per org and stopped at cap + 1; issue 12: a board of 20 does not count every
 * visible task). The lights partition the tasks (a task always has a deadline), so the board's total is their sum.
 */
async function countLights(ctx: Ctx, q: TaskQuery, d: LightDates, exact: boolean): Promise<Record<TaskLight, number>> {
  // The board as it opens (no filter but the light, which the lights ignore): its lights kept per node until a task,
  // a recusal, the scope or the day moves (task-lights-kept.ts).
  return unfiltered(q) ? keptLights(ctx, d, exact, () => countedLights(ctx, q, d, exact)) : countedLights(ctx, q, d, exact);
}

async function countedLights(ctx: Ctx, q: TaskQuery, d: LightDates, exact: boolean): Promise<Record<TaskLight, number>> {
  const lights = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0 };
  // The exact lights of a wide board (an office's or a 分管领导's hundreds of orgs, no filter but the light): summed from
  // the task aggregate with exact corrections (task-lights.ts), not every visible task counted (37,000 at full scale).
  // The capped lights below stay cheaper: at full scale an office's 5,700 running tasks are 5,900 buckets of the
  // aggregate (one deadline each), and the capped counts stop at 1,001 rows.
  const wideArms = exact && unfiltered(q) ? boardArms(ctx.actor) : undefined;
  const summed = wideArms && isWideBoard(wideArms) ? aggregateLightsSql(ctx.actor, wideArms, d) : undefined;
  if (summed) {
    const { rows } = await prepared(summed).execute(ctx.db);
    for (const l of LIGHT_KEYS) lights[l] = rows[0]?.[l] ?? 0;
    return lights;
  }
  if (exact) {
    const where = sql.join(taskFilters(ctx, q), sql` AND `);
    const counts = await sql<{ light: TaskLight; n: string }>`SELECT ${taskLightSql('t.state', 't.deadline', d)} AS light, count(*) AS n
      FROM rectification_task t WHERE ${where} GROUP BY 1`.execute(ctx.db);
    for (const c of counts.rows) lights[c.light] = Number(c.n);
    return lights;
  }
  const base = taskFilterParts(ctx, q);
  const arms = boardArms(ctx.actor);
  const lightFilters = (l: TaskLight) => [...base, taskLightIs('t.state', 't.deadline', l, d)];
  let counts: RawBuilder<Record<TaskLight, number>>;
  if (isWideBoard(arms)) {
    // A wide scope (an office's or a 分管领导's hundreds of orgs) is dense in the book: a running light's range of the
    // book's running tasks read in deadline order (the covering index of 0063) and stopped at the cap — not every org of
    // the scope probed for a light it has few of (issue 12: 2 × 786 probes per light, 15 ms, at full scale). DONE stays
    // keyed (the closed tasks have no range of their own and fill the cap in a few orgs). The org lists sent once (`wideKeys`).
    const keys = wideKeys();
    const countOf = (l: TaskLight) =>
      l === 'DONE'
        ? keys.count(arms, 't', lightFilters(l), TOTAL_CAP + 1)
        : sql`(SELECT count(*)::int FROM (SELECT 1 FROM rectification_task t
      WHERE ${sql.join([keys.visible(arms, 't'), ...lightFilters(l)], sql` AND `)} LIMIT ${TOTAL_CAP + 1}) kw)`;
    const lights = sql.join(LIGHT_KEYS.map((l) => sql`${countOf(l)} AS ${sql.ref(l)}`));
    counts = sql<Record<TaskLight, number>>`WITH ${keys.with()} SELECT ${lights}`;
  } else {
    const countOf = (l: TaskLight) => sql`(${keyedCountSql(boardQuery(ctx, q, lightFilters(l)), TOTAL_CAP + 1)})`;
    counts = sql<Record<TaskLight, number>>`SELECT ${sql.join(LIGHT_KEYS.map((l) => sql`${countOf(l)} AS ${sql.ref(l)}`))}`;
  }
  const { rows } = await (unfiltered(q) ? named(ctx, arms, counts) : counts.execute(ctx.db));
  for (const l of LIGHT_KEYS) lights[l] = rows[0]?.[l] ?? 0;
  return lights;
}

/**
 * GET /rectification-tasks — the board with lights: the page chosen on task ids alone (keyed: each org in scope one
 * probe of (org, deadline, id); a wide scope walks the sort order with the whole predicate), only the page joined and
 * presented; the lights counted up to the cap, the total their sum.
 */
export async function listTasks(ctx: Ctx, q: TaskQuery) {
  const [d, cal] = await Promise.all([taskLightDates(ctx.db, ctx.actor.commissionId), loadWorkCalendar(ctx.db, ctx.actor.commissionId)]);
  const exact = q.exactTotal === true;
  const filters = taskFilterParts(ctx, q);
  if (q.light) filters.push(taskLightIs('t.state', 't.deadline', q.light, d));
  // The board as it opens (no filter but the light, the first page of a screen's size) is the hot statement: named, so
  // that it is planned once per connection (its text depends on the actor's kind of roles, the sort, the light and the
  // page size only; issue 12: planning took 10–15 ms of a 分管领导's board).
  const opens = unfiltered(q) && q.page === 1 && NAMED_PAGE_SIZES.includes(q.pageSize);
  const board = { ...boardQuery(ctx, q, filters), prepared: opens };
  // Above the probe limit the sort order is walked with the whole predicate, its org lists sent once and hashed
  // (`wideKeys`: not estimated id by id, 30 ms of planning per call for an office's 786 orgs at full scale).
  const keys = isWideBoard(board.arms) ? wideKeys() : undefined;
  const pageSql = keys
    ? sql<{ id: string }>`SELECT t.id FROM rectification_task t
          WHERE ${sql.join([keys.visible(board.arms, 't'), ...filters], sql` AND `)} ORDER BY ${taskOrder(q.sort)}
          LIMIT ${opens ? sql.lit(board.limit) : board.limit} OFFSET ${opens ? sql.lit(board.offset) : board.offset}`
    : keyedPageSql(board);
  // The page's letters checked with the same key lists (the letter's drafting and recipient orgs are the scope's).
  const joins = keys ? taskJoins(ctx.actor, keys.visible(letterVisibleParts(ctx.actor, 'r', { caseCheck: 'stored' }), 'r')) : taskJoins(ctx.actor);
  // The page chosen and presented in one statement (one round trip): its ids in order, then only those rows joined.
  const pageRows = sql<TaskRow>`WITH ${keys ? sql`${keys.with()}, ` : sql``}ledger_page AS MATERIALIZED (SELECT kg.id, row_number() OVER () AS ord FROM (${pageSql}) kg)
    SELECT ${taskColumns(d)} ${joins} JOIN ledger_page lp ON lp.id = t.id ORDER BY lp.ord`;
  const [page, lights] = await Promise.all([opens ? named(ctx, board.arms, pageRows) : pageRows.execute(ctx.db), countLights(ctx, q, d, exact)]);
  const rows = page.rows;
  const lightsCapped = exact ? [] : LIGHT_KEYS.filter((l) => lights[l] > TOTAL_CAP);
  const counted = q.light ? lights[q.light as TaskLight] : LIGHT_KEYS.reduce((n, l) => n + lights[l], 0);
  const totalCapped = !exact && counted > TOTAL_CAP;
  return {
    items: rows.map((r) => presentTask(r, cal.beyond)),
    total: totalCapped ? Math.max(TOTAL_CAP, board.offset + rows.length) : counted,
    totalCapped,
    lights: { GREEN: capAt(lights.GREEN, exact), YELLOW: capAt(lights.YELLOW, exact), RED: capAt(lights.RED, exact), DONE: capAt(lights.DONE, exact) },
    lightsCapped,
    abilities: { create: canCreate(ctx.actor), export: canCreate(ctx.actor) || ctx.actor.roles.includes('UNIT_LIAISON') },
  };
}

const capAt = (n: number, exact: boolean) => (exact ? n : Math.min(n, TOTAL_CAP));

/** GET /rectification-tasks/:id — its updates name only the files the reader may open themselves. */
export async function getTask(ctx: Ctx, id: string, db: Q = ctx.db): Promise<TaskDetail> {
  const d = await taskLightDates(ctx.db, ctx.actor.commissionId);
  const { rows } = await sql<TaskRow & { plan: TaskPlan | null; verified_on: string | null; closed_on: string | null }>`SELECT ${taskColumns(d)},
      t.plan, to_char(t.verified_on, 'YYYY-MM-DD') AS verified_on, to_char(t.closed_on, 'YYYY-MM-DD') AS closed_on
    ${taskJoins(ctx.actor)} WHERE t.id = ${id}::uuid AND ${taskVisible(ctx.actor, 't')}`.execute(db);
  const r = rows[0];
  if (!r) throw notFound('整改任务');
  const updates = await sql<{
    id: string;
    kind: TaskDetail['updates'][number]['kind'];
    content: string;
    attachments: { id: string; filename: string }[];
    from_state: TaskState | null;
    to_state: TaskState | null;
    actor_id: string | null;
    actor_name: string | null;
    side: TaskUpdate['side'];
    at: Date;
  }>`SELECT u.id, u.kind, u.content, u.from_state, u.to_state, u.actor_id, au.display_name AS actor_name, u.at,
      CASE WHEN u.actor_id IS NULL THEN 'SYSTEM' WHEN au.org_id = ${r.unit_org_id}::uuid THEN 'UNIT' ELSE 'COMMISSION' END AS side,
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename) ORDER BY array_position(u.attachment_ids, a.id))
        FROM attachment a WHERE a.id = ANY(u.attachment_ids) AND ${fileOwnVisible(ctx.actor)}), '[]'::json) AS attachments
    FROM rectification_update u LEFT JOIN app_user au ON au.id = u.actor_id
    WHERE u.task_id = ${id}::uuid ORDER BY u.at, u.id`.execute(db);
  const accountabilities = await sql<{ id: string; target_name: string; method: AccountabilityMethod; decided_on: string }>`
    SELECT a.id, a.target_name, a.method, to_char(a.decided_on, 'YYYY-MM-DD') AS decided_on FROM accountability a
     WHERE a.rectification_task_id = ${id}::uuid AND ${accountabilityVisible(ctx.actor, 'a')} ORDER BY a.decided_on, a.id`.execute(db);
  return {
    ...presentTask(r, (await loadWorkCalendar(ctx.db, ctx.actor.commissionId)).beyond),
    plan: r.plan,
    verifiedOn: r.verified_on,
    closedOn: r.closed_on,
    nextEscalationStep: nextTaskState(r.state, 'escalate') ? nextEscalationStep(r.escalation_step) : null,
    updates: updates.rows.map((u) => ({
      id: u.id,
      kind: u.kind,
      content: u.content,
      attachments: u.attachments,
      fromState: u.from_state,
      toState: u.to_state,
      actor: u.actor_id ? { id: u.actor_id, name: u.actor_name ?? '' } : null,
      side: u.side,
      at: new Date(u.at).toISOString(),
    })),
    accountabilities: accountabilities.rows.map((a) => ({ id: a.id, targetName: a.target_name, method: a.method, decidedOn: a.decided_on })),
    abilities: taskAbilities(ctx.actor, r),
  };
}
