import type { ReformRecordDetail, ReformRecordQuery, ReformRecordSummary } from '@liandong/domain/reform/contracts-reform';
import { nextRecordStates, type ReformState } from '@liandong/domain/reform/record-machine';
import { type RawBuilder, sql } from 'kysely';
import { notFound } from '../../platform/errors';
import { loadWorkCalendar } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { prepared, underGenericPlan } from '../../db/pool';
import { executeArraysOnce } from '../../platform/arrays-once';
import { hashedVisible, type KeyedPageQuery, keyedCountSql, keyedPageSql, opensLedger } from '../../platform/keyed-page';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { taskLightDates } from './light';
import { canCreate, canEditRecord, canManageRecordOwners, recordRoles } from './policy';
import type { Q } from './repo';
import { presentTask, type TaskRow, taskColumns, taskJoins, escapeLike } from './service-tasks-read';
import {
  caseVisible,
  letterVisible,
  letterVisibleParts,
  reformVisible,
  reformVisibleKeyed,
  reformVisibleParts,
  reformWalkVisible,
  taskVisible,
  taskVisibleParts,
} from '../visibility';
import { similarFor } from './similar';
import { dictionaryLabel } from '../dictionaries';
import { campaignName, dictionaryLabelOf, namesEpochSql, orgName, presentNames } from '../../platform/present-names';

type Summary = ReformRecordSummary;

export async function isCaseTeamMember(db: Q, caseId: string, userId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = ${caseId}::uuid
    AND m.user_id = ${userId}::uuid AND m.left_on IS NULL) AS ok`.execute(db);
  return rows[0]?.ok === true;
}

interface RecordRow {
  id: string;
  origin: Summary['origin'];
  title: string;
  case_id: string | null;
  case_no: string | null;
  case_title: string | null;
  finding_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  unit_org_id: string;
  unit_name: string;
  owner_org_id: string;
  owner_name: string;
  /** co-owner orgs in display order (reform_record_co_owner) */
  co_owners: { id: string; name: string }[];
  sector: string | null;
  sector_label: string | null;
  state: ReformState;
  cause_categories: Summary['causeCategories'];
  problem_count: number;
  letter_count: number;
  task_count: number;
  created_at: Date;
  version: number;
}

/** Letters of a record: linked to it, or to its case. Tasks: of those letters, or from its finding. */
const lettersOf = sql`(rc.record_id = r.id OR (r.case_id IS NOT NULL AND rc.case_id = r.case_id))`;

/**
 * The ids of `lettersOf` the record `r`, and of the tasks of those letters or of its finding, each part by its own
 * index (letter_record, letter_case, rectification_task_rec, rectification_task_finding): the ORs read every letter
 * and every task once per record shown (issue 12: the ledger hit the statement timeout).
 */
const letterIdsOf = (r: string) => sql`SELECT lr.id FROM letter lr WHERE lr.record_id = ${sql.ref(`${r}.id`)}
  UNION SELECT lc.id FROM letter lc WHERE ${sql.ref(`${r}.case_id`)} IS NOT NULL AND lc.case_id = ${sql.ref(`${r}.case_id`)}`;
const taskIdsOf = (r: string) => sql`SELECT tl.id FROM rectification_task tl WHERE tl.letter_id IN (${letterIdsOf(r)})
  UNION SELECT tf.id FROM rectification_task tf WHERE ${sql.ref(`${r}.finding_id`)} IS NOT NULL AND tf.finding_id = ${sql.ref(`${r}.finding_id`)}`;

/** `taskIdsOf('r')` over the record's letter ids gathered once (`li.ids`, `ColumnsOptions.letterIdsOnce`). */
const taskIdsOfLetters = sql`SELECT tl.id FROM rectification_task tl WHERE tl.letter_id = ANY(li.ids)
  UNION SELECT tf.id FROM rectification_task tf WHERE r.finding_id IS NOT NULL AND tf.finding_id = r.finding_id`;

/** The co-owner orgs of `r` as [{ id, name }], in the org display order. */
const coOwners = sql`COALESCE((SELECT json_agg(json_build_object('id', co.id, 'name', co.name_zh) ORDER BY co.sort_order, co.code)
  FROM reform_record_co_owner rco JOIN org co ON co.id = rco.org_id WHERE rco.record_id = r.id), '[]'::json)`;

/**
 * The case link only for who sees the case (its number and title never leak through the record): `cv.ok`, the case's
 * visibility computed once per row (`joins`).
 */
const caseOk = (ctx: Ctx) => caseVisible(ctx.actor, 'c');
/**
 * A record's columns over `joins`. Its letters and tasks counted by their own indexes (record, case, letter, finding),
 * each through the gate it keeps of its letter and case (`stored`, migration 0063) with the org lists opaque to the
 * planner: no case looked up per letter, no hundreds of org ids estimated one by one.
 */
const columns = (ctx: Ctx, opts: ColumnsOptions = {}) => sql`r.id, r.origin, r.title, CASE WHEN cv.ok THEN r.case_id END AS case_id,
  CASE WHEN cv.ok THEN c.case_no END AS case_no, CASE WHEN cv.ok THEN c.title END AS case_title, r.finding_id,
  r.campaign_id, ${
    opts.keptNames
      ? sql`r.unit_org_id, r.owner_org_id, r.commission_id, ${namesEpochSql} AS names_epoch`
      : sql`cp.name AS campaign_name, r.unit_org_id, uo.name_zh AS unit_name, r.owner_org_id, oo.name_zh AS owner_name`
  }, ${coOwners} AS co_owners, r.sector_code AS sector, ${
    opts.keptNames ? sql`` : sql`${dictionaryLabel('SECTOR', 'r.commission_id', 'r.sector_code')} AS sector_label,`
  } r.state, r.cause_categories, r.created_at, r.version,
  (SELECT count(*)::int FROM reform_problem p WHERE p.record_id = r.id) AS problem_count,
  (SELECT count(*)::int FROM letter rc WHERE ${opts.letterIdsOnce ? sql`rc.id = ANY(li.ids)` : sql`rc.id IN (${letterIdsOf('r')})`} AND ${
    opts.hashedKeys
      ? hashedVisible(letterVisibleParts(ctx.actor, 'rc', { caseCheck: 'stored' }), 'rc')
      : letterVisible(ctx.actor, 'rc', { caseCheck: 'stored', opaqueKeys: true })
  }) AS letter_count,
  (SELECT count(*)::int FROM rectification_task tk WHERE tk.id IN (${opts.letterIdsOnce ? taskIdsOfLetters : taskIdsOf('r')}) AND ${
    opts.hashedKeys ? hashedVisible(taskVisibleParts(ctx.actor, 'tk'), 'tk') : taskVisible(ctx.actor, 'tk', { opaqueKeys: true })
  }) AS task_count`;

interface ColumnsOptions {
  /**
   * The letters' and tasks' org lists as hashed sets (`hashedVisible`: built once per statement, one probe per row), for
   * the ledger's named statement: its generic plan cannot hash a parameter array, and `= ANY($orgs)` searched a 分管领导's
   * 782 orgs linearly for every letter counted (issue 12: 0.27 ms per record shown, 5 of the page's 12 ms).
   */
  hashedKeys?: boolean;
  /**
   * The unit's and owner org's names, the campaign's name and the sector's label left to the node's kept names
   * (`withNames`, platform/present-names.ts, 0090): ids, codes and the names epoch selected instead, no join per row.
   */
  keptNames?: boolean;
  /**
   * The record's letter ids (`letterIdsOf`) gathered once per row (`li`, in `joins`) for both counts: the task count
   * read them again (issue 12: a county's page 120 of its 817 row buffers).
   */
  letterIdsOnce?: boolean;
}
const joins = (ctx: Ctx, opts: ColumnsOptions = {}) =>
  opts.keptNames
    ? sql`FROM reform_record r LEFT JOIN case_file c ON c.id = r.case_id LEFT JOIN LATERAL (SELECT ${caseOk(ctx)} AS ok OFFSET 0) cv ON true${
        opts.letterIdsOnce ? sql` CROSS JOIN LATERAL (SELECT ARRAY(${letterIdsOf('r')}) AS ids OFFSET 0) li` : sql``
      }`
    : sql`FROM reform_record r JOIN org uo ON uo.id = r.unit_org_id JOIN org oo ON oo.id = r.owner_org_id LEFT JOIN case_file c ON c.id = r.case_id
  LEFT JOIN campaign cp ON cp.id = r.campaign_id LEFT JOIN LATERAL (SELECT ${caseOk(ctx)} AS ok OFFSET 0) cv ON true`;

type BareRecordRow = Omit<RecordRow, 'unit_name' | 'owner_name' | 'campaign_name' | 'sector_label'> & { commission_id: string; names_epoch: string };

/** The rows of `columns(…, { keptNames })` with the names the joins answered, from the kept names of the rows' epoch. */
async function withNames(ctx: Ctx, rows: BareRecordRow[]): Promise<RecordRow[]> {
  const first = rows[0];
  if (!first) return [];
  const names = await presentNames(ctx.db, first.names_epoch);
  return rows.map((r) => ({
    ...r,
    unit_name: orgName(names, r.unit_org_id) as string,
    owner_name: orgName(names, r.owner_org_id) as string,
    campaign_name: campaignName(names, r.campaign_id),
    sector_label: dictionaryLabelOf(names, r.commission_id, 'SECTOR', r.sector),
  }));
}

function present(r: RecordRow): Summary {
  return {
    id: r.id,
    origin: r.origin,
    title: r.title,
    case: r.case_id ? { id: r.case_id, caseNo: r.case_no, title: r.case_title ?? '' } : null,
    findingId: r.finding_id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    unit: { id: r.unit_org_id, name: r.unit_name },
    ownerOrg: { id: r.owner_org_id, name: r.owner_name },
    ownerOrgs: [{ id: r.owner_org_id, name: r.owner_name }, ...r.co_owners],
    sector: r.sector,
    sectorLabel: r.sector ? r.sector_label : null,
    state: r.state,
    causeCategories: r.cause_categories,
    problemCount: r.problem_count,
    letterCount: r.letter_count,
    taskCount: r.task_count,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** Above this many (key, org) probes the record ledger walks its sort order (see `listRecords`; the probes are 3 per org). */
export const RECORD_WALK_PROBES = 120;

/** The ledger's order: newest first (reform_record_ledger_walk, and per key the _owner/_unit/_case_lead/_campaign_covering indexes: 0064). */
const recordOrder = (a: string) => sql`${sql.ref(`${a}.created_at`)} DESC, ${sql.ref(`${a}.id`)}`;

/**
 * GET /reform-records — the ledger, O(page) (issue 12, platform/keyed-page.ts): the record's own part (commission,
 * clearance, recusals gathered once, the case's gate off the record: `reformVisibleParts`) and the filters on every row,
 * the visibility OR arm by arm (each org of the scope one probe as owner, as unit and as the case's lead org, each 专班
 * campaign one probe; the case-team and co-owned records one small set) — or, for a scope of many orgs, the ledger's
 * order walked with the whole predicate — each an index-only read (migration 0064), the union sorted and paged and only
 * the page presented, in one statement; the total counted up to the cap beside it (keyed, each probe index-only and
 * stopped at the cap; exact with `exactTotal`). The ledger as it opens is sent named (planned once per connection).
 */
export async function listRecords(ctx: Ctx, q: ReformRecordQuery, opts: { joinedNames?: boolean } = {}) {
  const w: RawBuilder<boolean>[] = [];
  if (q.state?.length) w.push(sql<boolean>`r.state = ANY(${q.state}::text[])`);
  if (q.origin) w.push(sql<boolean>`r.origin = ${q.origin}`);
  if (q.ownerOrgId) {
    w.push(sql<boolean>`(r.owner_org_id = ${q.ownerOrgId}::uuid
      OR EXISTS (SELECT 1 FROM reform_record_co_owner fo WHERE fo.record_id = r.id AND fo.org_id = ${q.ownerOrgId}::uuid))`);
  }
  if (q.unitOrgId) w.push(sql<boolean>`r.unit_org_id = ${q.unitOrgId}::uuid`);
  if (q.campaignId) w.push(sql<boolean>`r.campaign_id = ${q.campaignId}::uuid`);
  if (q.sector) w.push(sql<boolean>`r.sector_code = ${q.sector}`);
  if (q.year) w.push(sql<boolean>`r.created_at >= make_date(${q.year}::int, 1, 1) AND r.created_at < make_date(${q.year}::int + 1, 1, 1)`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    w.push(
      sql<boolean>`(r.title ILIKE ${like} OR uo.name_zh ILIKE ${like} OR (c.case_no ILIKE ${like} AND ${caseOk(ctx)}) OR cp.name ILIKE ${like} OR (r.sector_code IS NOT NULL AND ${dictionaryLabel('SECTOR', 'r.commission_id', 'r.sector_code')} ILIKE ${like}))`,
    );
  }
  // The keyword reads the unit's, the case's and the campaign's names (each by its key).
  const keywordJoins = q.q
    ? sql`JOIN org uo ON uo.id = r.unit_org_id LEFT JOIN case_file c ON c.id = r.case_id LEFT JOIN campaign cp ON cp.id = r.campaign_id`
    : sql``;
  const arms = reformVisibleParts(ctx.actor, 'r');
  const opens = opensLedger(w, q.page, q.pageSize);
  const ledger: KeyedPageQuery = {
    table: 'reform_record',
    alias: 'r',
    joins: keywordJoins,
    arms,
    filters: w,
    orderBy: recordOrder,
    sortColumns: ['created_at'],
    where: sql<boolean>`${sql.join([reformVisibleKeyed(ctx.actor, 'r'), ...w], sql` AND `)}`,
    opaqueKeys: true,
    // The ledger as it opens: named, planned once per connection (its text depends on the actor's kind of roles only).
    prepared: opens,
    literalStop: opens,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
  // A page bound: written into a named statement's text (its generic plan costed for a page of 20), else a parameter.
  const num = (n: number) => (opens ? sql.lit(n) : sql`${n}`);
  // A scope of many orgs walks the ledger's order with the whole predicate (a dense scope finds its page in a few
  // hundred rows, where a probe per org reads every record of each org with fewer than a page). The capped count stays
  // keyed (each probe index-only, stopped at the cap): an office's records are a tenth of the book, so a walk to the cap
  // reads ten thousand rows (16–33 ms at full scale against 6–10 ms keyed).
  const walks = arms.keyed.reduce((n, k) => n + k.orgIds.length, 0) > RECORD_WALK_PROBES;
  const visible = sql.join([hashedVisible(reformVisibleParts(ctx.actor, 'r', { hashedSets: true }), 'r'), ...w], sql` AND `);
  // The walk tests each co-owned record by its key (a hundred rows read for a page), not the scope's co-owned records
  // gathered first (4,000 for a 分管领导: 2.5 of the walk's 3.6 ms); each set written once and hashed once (`reformWalkVisible`).
  const walked = sql.join([reformWalkVisible(ctx.actor, 'r'), ...w], sql` AND `);
  const pageSql = walks
    ? sql<{ id: string }>`SELECT r.id FROM reform_record r ${keywordJoins} WHERE ${walked} ORDER BY ${recordOrder('r')}
        LIMIT ${num(ledger.limit)} OFFSET ${num(ledger.offset)}`
    : keyedPageSql(ledger);
  const countSql = q.exactTotal
    ? sql<{ n: number }>`SELECT count(*)::int AS n FROM reform_record r ${keywordJoins} WHERE ${visible}`
    : keyedCountSql(ledger, TOTAL_CAP + 1);
  // The page chosen and presented in one statement: its ids in order, then each row by its key (LATERAL: a named
  // statement's generic plan does not know the page is 20 rows and would hash-join every record; OFFSET 0: not pulled up).
  // The names from the node's kept names (`withNames`), or (`joinedNames`) joined per row as before.
  const presented: ColumnsOptions = { hashedKeys: true, keptNames: !opts.joinedNames, letterIdsOnce: !opts.joinedNames };
  const pageRows = sql<RecordRow & BareRecordRow>`WITH ledger_page AS MATERIALIZED (SELECT kg.id, row_number() OVER () AS ord FROM (${pageSql}) kg)
    SELECT x.* FROM ledger_page lp CROSS JOIN LATERAL (SELECT ${columns(ctx, presented)} ${joins(ctx, presented)} WHERE r.id = lp.id OFFSET 0) x ORDER BY lp.ord`;
  // The scope's org list once per statement (it is in every arm, part and count of letters and tasks: 20–30 copies). The
  // ledger as it opens: named, and on its generic plan from the first call on each pooled connection (`underGenericPlan`):
  // PostgreSQL settles on that plan after five custom ones, but a short busy run paid those plans (5–20 ms each) on each
  // of 20 connections (issue 12: an office's ledger 36 ms of PostgreSQL per request at 32 connections, 7 on one).
  const run = <T>(s: RawBuilder<T>) => (opens ? underGenericPlan(ctx.db, (conn) => executeArraysOnce(conn, prepared(s))) : executeArraysOnce(ctx.db, s));
  const [page, count] = await Promise.all([run(pageRows), run(countSql)]);
  const rows = opts.joinedNames ? page.rows : await withNames(ctx, page.rows);
  const counted = count.rows[0]?.n ?? 0;
  const totalCapped = !q.exactTotal && counted > TOTAL_CAP;
  // A page past the cap (reached with ?page= directly) still reports at least the rows before it.
  const total = totalCapped ? Math.max(TOTAL_CAP, ledger.offset + rows.length) : counted;
  return { items: rows.map(present), total, totalCapped, abilities: { create: canCreate(ctx.actor) } };
}

/** GET /reform-records/:id — with the 问题清单, causes, letters, tasks and similar cases. */
export async function getRecord(ctx: Ctx, id: string, db: Q = ctx.db): Promise<ReformRecordDetail> {
  const { rows } = await sql<RecordRow & { root_causes: string; created_by: string | null; creator: string | null; updated_at: Date }>`
    SELECT ${columns(ctx)}, r.root_causes, r.created_by, cu.display_name AS creator, r.updated_at
    ${joins(ctx)} LEFT JOIN app_user cu ON cu.id = r.created_by
    WHERE r.id = ${id}::uuid AND ${reformVisible(ctx.actor, 'r')}`.execute(db);
  const r = rows[0];
  if (!r) throw notFound('以案促改台账');
  const d = await taskLightDates(ctx.db, ctx.actor.commissionId);
  const taskCal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const [problems, letters, tasks, similar, teamMember] = await Promise.all([
    sql<{
      id: string;
      seq: number;
      description: string;
      category: ReformRecordDetail['problems'][number]['category'];
      found_on: string;
      created_by: string | null;
      creator: string | null;
      created_at: Date;
    }>`
      SELECT p.id, p.seq, p.description, p.category, to_char(p.found_on, 'YYYY-MM-DD') AS found_on, p.created_by, u.display_name AS creator, p.created_at
        FROM reform_problem p LEFT JOIN app_user u ON u.id = p.created_by WHERE p.record_id = ${id}::uuid ORDER BY p.seq`.execute(db),
    sql<{ id: string; title: string; type: string; state: string; doc_no: string | null; recipient_name: string; reply_due: string | null }>`
      SELECT rc.id, rc.title, rc.type, rc.state, rc.doc_no, rc.recipient_name, to_char(rc.reply_due, 'YYYY-MM-DD') AS reply_due
        FROM letter rc, reform_record r WHERE r.id = ${id}::uuid AND ${lettersOf} AND ${letterVisible(ctx.actor, 'rc')}
       ORDER BY rc.created_at, rc.id`.execute(db),
    sql<TaskRow>`SELECT ${taskColumns(d)} ${taskJoins(ctx.actor)}, reform_record rr
      WHERE rr.id = ${id}::uuid AND ${taskVisible(ctx.actor, 't')} AND ((rr.finding_id IS NOT NULL AND t.finding_id = rr.finding_id)
        OR t.letter_id IN (SELECT rc.id FROM letter rc WHERE rc.record_id = rr.id OR (rr.case_id IS NOT NULL AND rc.case_id = rr.case_id)))
      ORDER BY t.deadline, t.id`.execute(db),
    similarFor(db, ctx.actor, { id: r.id, caseId: r.case_id, unitOrgId: r.unit_org_id, sector: r.sector }),
    r.case_id ? isCaseTeamMember(db, r.case_id, ctx.actor.userId) : Promise.resolve(false),
  ]);
  const owners = { owner_org_id: r.owner_org_id, co_owner_org_ids: r.co_owners.map((o) => o.id) };
  const editable = canEditRecord(ctx.actor, owners) && r.state !== 'CLOSED';
  return {
    ...present(r),
    rootCauses: r.root_causes,
    problems: problems.rows.map((p) => ({
      id: p.id,
      seq: p.seq,
      description: p.description,
      category: p.category,
      foundOn: p.found_on,
      createdBy: p.created_by ? { id: p.created_by, name: p.creator ?? '' } : null,
      createdAt: new Date(p.created_at).toISOString(),
    })),
    letters: letters.rows.map((l) => ({
      id: l.id,
      title: l.title,
      type: l.type,
      state: l.state,
      docNo: l.doc_no,
      recipientName: l.recipient_name,
      replyDue: l.reply_due,
    })),
    tasks: tasks.rows.map((r) => presentTask(r, taskCal.beyond)),
    similar,
    createdBy: r.created_by ? { id: r.created_by, name: r.creator ?? '' } : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    abilities: {
      update: editable,
      addProblem: (editable || teamMember) && r.state !== 'CLOSED',
      nextStates: editable ? nextRecordStates(r.state, recordRoles(ctx.actor, owners)) : [],
      draftLetter: canCreate(ctx.actor) && r.state !== 'CLOSED',
      manageOwners: canManageRecordOwners(ctx.actor, r) && r.state !== 'CLOSED',
    },
  };
}
