/**
 * The scoped cockpit's figures (scans.ts: the visible rows counted arm by arm, keyed-page.ts `keyedRowsSql`) against
 * the ledgers: for random actors — groups, offices, counties, 分管领导, commission-wide scopes, case-team members (some
 * left), 专班 members, 信息互通 grant holders, recused accounts, low clearance — and random years, dimensions and org
 * filters, every figure of the total and of each row equals the ledger's exact total for the same caller: the clue and
 * case ledgers' own services (`ledgerPage`, `casePage` with `exact`), and for items, letters and tasks the ledgers'
 * predicates (`itemVisible`, `letterVisible`, `taskVisible`) counted over the whole table.
 */
import type { Role } from '@liandong/domain/access/enums';
import { CASE_STAGE_STATES } from '@liandong/domain/cases/contracts-core';
import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { CLUE_STATE_GROUPS } from '@liandong/domain/casework/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import type { CockpitDimension, CockpitMetric } from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFrom, caseTeams, fileCluesAsCases, pick, randomClueColumns, rng, taskForceMembers } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { casePage } from '../cases';
import { ledgerPage } from '../clues';
import { REPLY_OVERDUE_SQL } from '../letters';
import { taskLightDates, taskLightIs } from '../reform';
import { itemVisible, lightDates, lightIs } from '../supervision';
import { type Grants, letterVisible, taskVisible } from '../visibility';
import { LETTER_REPLIED, TASK_NOT_DONE } from './areas';
import { computeFigures, TOTAL } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let clueIds: string[] = [];
let caseIds: string[] = [];
const MARK = '驾驶舱属性';

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  // The orgs that carry the demo data's items, letters and tasks first, then others: a pool the scopes draw from.
  orgs = (
    await sql<{ id: string }>`SELECT o.id FROM org o WHERE o.commission_id = ${commissionId}::uuid
      ORDER BY (EXISTS (SELECT 1 FROM letter l WHERE l.drafting_org_id = o.id OR l.recipient_org_id = o.id)
        OR EXISTS (SELECT 1 FROM rectification_task k WHERE k.supervisor_org_id = o.id OR k.unit_org_id = o.id)
        OR EXISTS (SELECT 1 FROM supervision_item i WHERE i.lead_org_id = o.id)) DESC, o.code LIMIT 40`.execute(t.db)
  ).rows.map((x) => x.id);
  users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid ORDER BY username LIMIT 30`.execute(t.db)).rows.map(
    (x) => x.id,
  );
  const campaigns = (await sql<{ id: string }>`SELECT id FROM campaign WHERE commission_id = ${commissionId}::uuid ORDER BY id LIMIT 3`.execute(t.db)).rows.map(
    (x) => x.id,
  );
  const r = rng(20261205);
  const clues = Array.from({ length: 220 }, (_, i) => ({
    commission_id: commissionId,
    year: pick(r, [2025, 2026]),
    source: pick(r, ['PETITION_LETTER', 'PETITION_VISIT'] as const),
    ...randomClueColumns(r, {
      orgs,
      dates: ['2025-12-31', '2026-01-06', '2026-03-02', '2026-07-20'],
      states: ['ASSIGNED', 'UNDER_ANALYSIS', 'CLOSED'] as const,
      proposeDue: '2026-05-01',
    }),
    title: `${MARK}线索${i}`,
    sector_code: r() < 0.5 ? 'SCHOOL_CATERING' : null,
    campaign_id: campaigns.length && r() < 0.15 ? pick(r, campaigns) : null,
  }));
  clueIds = (await t.db.insertInto('clue').values(clues).returning('id').execute()).map((x) => x.id);
  const cases = Array.from({ length: 140 }, (_, i) => {
    const year = pick(r, [2025, 2026]);
    return {
      commission_id: commissionId,
      year,
      seq: 810_000 + i,
      case_no: `兰纪案〔${year}〕${810_000 + i}号`,
      title: `${MARK}案件${i}`,
      subject_name: '测试对象',
      lead_org_id: pick(r, orgs),
      state: pick(r, ['FILED', 'INVESTIGATING', 'IN_TRIAL', 'ARCHIVED'] as const),
      filed_on: r() < 0.15 ? null : pick(r, ['2026-01-06', '2026-04-20']),
      classification: pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const),
    };
  });
  caseIds = (await t.db.insertInto('case_file').values(cases).returning('id').execute()).map((x) => x.id);
  const pool = { commissionId, orgs, users };
  await fileCluesAsCases(t.db, r, clueIds, caseIds, 40);
  // Letters of the test cases' teams, and some demo letters and tasks classified: the case arm and the letter's clearance.
  await sql`UPDATE letter SET case_id = ${pick(r, caseIds)}::uuid WHERE id IN (SELECT id FROM letter ORDER BY md5(id::text) LIMIT 3)`.execute(t.db);
  await sql`UPDATE letter SET classification = 'WORK_SECRET' WHERE id IN (SELECT id FROM letter ORDER BY md5(id::text || 'c') LIMIT 3)`.execute(t.db);
  await caseTeams(t.db, r, pool, caseIds, 60);
  // Rectification tasks written after the aggregate of migration 0061 exists (its triggers keep it): new tasks on random
  // supervising and unit orgs, by hand or from letters (some classified, of cases, recused below), supervised by the
  // accounts the actors are drawn from (the supervising-user arm) or tagged with a 专班's campaign; then moved between
  // orgs, re-stated and re-dated, some deleted, letters re-classified — each a statement the aggregate must follow.
  const letters = (
    await sql<{ id: string }>`SELECT id FROM letter WHERE commission_id = ${commissionId}::uuid ORDER BY md5(id::text || 't') LIMIT 12`.execute(t.db)
  ).rows.map((x) => x.id);
  await sql`UPDATE letter SET case_id = ${pick(r, caseIds)}::uuid WHERE id = ANY(${letters.slice(0, 4)}::uuid[])`.execute(t.db);
  const taskStates = ['ASSIGNED', 'PLAN_SUBMITTED', 'IN_PROGRESS', 'REPORTED_DONE', 'VERIFIED', 'CLOSED', 'OVERDUE'] as const;
  const tasks = Array.from({ length: 160 }, (_, i) => {
    const letter = letters.length && r() < 0.5 ? pick(r, letters) : null;
    return {
      commission_id: commissionId,
      source: letter ? 'RECOMMENDATION' : 'MANUAL',
      letter_id: letter,
      unit_org_id: pick(r, orgs),
      issue: `${MARK}整改任务${i}`,
      deadline: pick(r, ['2025-11-30', '2026-03-31', '2026-12-31', '2027-06-30']),
      supervisor_user_id: pick(r, users),
      supervisor_org_id: pick(r, orgs),
      state: pick(r, taskStates),
      campaign_id: campaigns.length && r() < 0.15 ? pick(r, campaigns) : null,
    };
  });
  const taskIds = (await t.db.insertInto('rectification_task').values(tasks).returning('id').execute()).map((x) => x.id);
  for (let i = 0; i < 30; i++) {
    const id = pick(r, taskIds);
    switch (i % 3) {
      case 0:
        await sql`UPDATE rectification_task SET supervisor_org_id = ${pick(r, orgs)}::uuid, unit_org_id = ${pick(r, orgs)}::uuid WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 1:
        await sql`UPDATE rectification_task SET state = ${pick(r, taskStates)}, deadline = deadline + 200 WHERE id = ${id}::uuid`.execute(t.db);
        break;
      default:
        await sql`DELETE FROM rectification_task WHERE id = ${id}::uuid`.execute(t.db);
    }
  }
  await sql`UPDATE letter SET classification = 'WORK_SECRET' WHERE id = ANY(${letters.slice(2, 7)}::uuid[])`.execute(t.db);
  // Supervision items written after the aggregate of migration 0065 exists: new items on random lead and assist orgs of
  // random lists (the list arm: lists re-assigned to the scopes' orgs below), in random states, done at times around a
  // month's end in UTC and in Beijing; then moved between orgs and lists (another year), re-stated and re-dated, some
  // deleted; lists re-classified (above either clearance) — each a statement the aggregate must follow.
  const lists = (
    await sql<{ id: string }>`SELECT id FROM supervision_list WHERE commission_id = ${commissionId}::uuid ORDER BY md5(id::text) LIMIT 8`.execute(t.db)
  ).rows.map((x) => x.id);
  const itemStates = ['DRAFT', 'APPROVED', 'IN_PROGRESS', 'ISSUE_FOUND', 'COMPLETED', 'CLOSED', 'CANCELLED'] as const;
  const doneAt = [
    '2025-12-31T15:30:00Z',
    '2025-12-31T16:30:00Z',
    '2026-02-28T16:05:00Z',
    '2026-03-14T08:00:00Z',
    '2026-07-01T02:00:00Z',
    '2026-11-30T17:00:00Z',
  ];
  const items = Array.from({ length: 150 }, (_, i) => {
    const state = pick(r, itemStates);
    const assist = r() < 0.6 ? pick(r, orgs) : null;
    return {
      commission_id: commissionId,
      list_id: pick(r, lists),
      seq: 930_000 + i,
      matter: `${MARK}监督事项${i}`,
      lead_side: 'OFFICE' as const,
      lead_org_id: pick(r, orgs),
      assist_side: assist ? ('GROUP' as const) : null,
      assist_org_id: assist,
      due_date: r() < 0.15 ? null : pick(r, ['2025-10-31', '2026-03-31', '2026-12-31', '2027-06-30']),
      state,
      completed_at: ['COMPLETED', 'CLOSED', 'CANCELLED'].includes(state) ? new Date(pick(r, doneAt)) : null,
    };
  });
  const itemIds = (await t.db.insertInto('supervision_item').values(items).returning('id').execute()).map((x) => x.id);
  for (let i = 0; i < 40; i++) {
    const id = pick(r, itemIds);
    switch (i % 4) {
      case 0:
        await sql`UPDATE supervision_item SET lead_org_id = ${pick(r, orgs)}::uuid, assist_org_id = ${pick(r, orgs)}::uuid, assist_side = 'COUNTY' WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 1:
        await sql`UPDATE supervision_item SET state = ${pick(r, itemStates)}, completed_at = ${pick(r, doneAt)}::timestamptz, due_date = due_date + 200 WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 2:
        await sql`UPDATE supervision_item SET list_id = ${pick(r, lists)}::uuid, seq = ${1_000_000 + i} WHERE id = ${id}::uuid`.execute(t.db);
        break;
      default:
        await sql`DELETE FROM supervision_item WHERE id = ${id}::uuid`.execute(t.db);
    }
  }
  for (const list of lists.slice(0, 3)) {
    const owner = pick(r, orgs);
    await sql`UPDATE supervision_list l SET liaison_office_id = ${pick(r, orgs)}::uuid,
        owner_group_id = CASE WHEN EXISTS (SELECT 1 FROM supervision_list o WHERE o.commission_id = l.commission_id AND o.year = l.year AND o.type = l.type
          AND o.owner_group_id = ${owner}::uuid) THEN l.owner_group_id ELSE ${owner}::uuid END
      WHERE l.id = ${list}::uuid`.execute(t.db);
  }
  await sql`UPDATE supervision_list SET classification = 'PUBLIC' WHERE id = ANY(${lists.slice(3, 5)}::uuid[])`.execute(t.db);
  await sql`UPDATE supervision_list SET classification = 'SECRET' WHERE id = ${lists[5]}::uuid`.execute(t.db);
  // Clues written after the aggregate of migration 0071 exists (its triggers keep it): the test's clues moved between
  // receiving, undertaking and subject orgs (some to none), re-classified (above either clearance), re-stated, moved to
  // the other year and month, re-sectored; more clues inserted and some of them deleted; clue-team memberships (some
  // left) — each a statement the aggregate must follow.
  for (let i = 0; i < 60; i++) {
    const id = pick(r, clueIds);
    switch (i % 5) {
      case 0:
        await sql`UPDATE clue SET receiving_org_id = ${pick(r, orgs)}::uuid, subject_org_id = ${r() < 0.3 ? null : pick(r, orgs)}::uuid WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 1:
        await sql`UPDATE clue SET undertaking_org_id = ${r() < 0.2 ? null : pick(r, orgs)}::uuid, state = ${pick(r, ['ASSIGNED', 'UNDER_ANALYSIS', 'CLOSED'])} WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 2:
        await sql`UPDATE clue SET classification = ${pick(r, ['PUBLIC', 'WORK_SECRET', 'SECRET'])} WHERE id = ${id}::uuid`.execute(t.db);
        break;
      case 3:
        await sql`UPDATE clue SET year = ${pick(r, [2025, 2026])}, received_on = ${pick(r, ['2025-12-31', '2026-02-27', '2026-11-03'])}::date,
          sector_code = ${r() < 0.5 ? 'SCHOOL_CATERING' : null} WHERE id = ${id}::uuid`.execute(t.db);
        break;
      default: {
        const [made] = await t.db
          .insertInto('clue')
          .values({ ...clues[i % clues.length], title: `${MARK}线索补${i}`, receiving_org_id: pick(r, orgs) } as (typeof clues)[number])
          .returning('id')
          .execute();
        if (made && r() < 0.5) await t.db.deleteFrom('clue').where('id', '=', made.id).execute();
      }
    }
  }
  for (let i = 0; i < 40; i++) {
    await sql`INSERT INTO clue_team_member (commission_id, clue_id, verification_id, user_id, left_on)
      SELECT ${commissionId}::uuid, ${pick(r, clueIds)}::uuid, v.id, ${pick(r, users)}::uuid, ${r() < 0.2 ? '2026-02-01' : null}::date
      FROM clue_verification v ORDER BY md5(v.id::text || ${String(i)}) LIMIT 1 ON CONFLICT DO NOTHING`.execute(t.db);
  }
  // Letters written after the aggregate of migration 0071 exists: moved between drafting and recipient orgs, re-classified,
  // moved between years (the document year, or none and the creation time around the new year in UTC and in Beijing),
  // replies owed and given, drawn from the test's cases (whose recusals hide them) — each a statement it must follow.
  const letterStates = ['DRAFTING', 'ISSUED', 'SERVED', 'REPLIED', 'CLOSED', 'WITHDRAWN'] as const;
  for (let i = 0; i < 160; i++) {
    const state = pick(r, letterStates);
    const issued = state !== 'DRAFTING';
    await sql`INSERT INTO letter (commission_id, type, origin, drafting_org_id, recipient_org_id, recipient_name, title, state, classification,
        doc_code, doc_year, doc_seq, doc_no, issued_on, reply_due, replied_on, case_id, campaign_id, created_at)
      SELECT l.commission_id, l.type, l.origin, ${pick(r, orgs)}::uuid, ${pick(r, orgs)}::uuid, l.recipient_name, ${`${MARK}建议书${i}`}, ${state},
        ${pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET', 'SECRET'])}, ${issued ? '驾测' : null}, ${issued ? pick(r, [2025, 2026]) : null}::int,
        ${issued ? 900_000 + i : null}::int, ${issued ? `驾测〔${i}〕号` : null}, ${issued ? pick(r, ['2025-12-31', '2026-01-02', '2026-05-20']) : null}::date,
        ${pick(r, ['2025-12-01', '2026-04-01', '2027-01-01', null])}::date, ${r() < 0.3 ? '2026-03-01' : null}::date,
        ${r() < 0.3 ? pick(r, caseIds) : null}::uuid, ${campaigns.length && r() < 0.15 ? pick(r, campaigns) : null}::uuid,
        ${pick(r, ['2025-12-31T15:30:00Z', '2025-12-31T16:30:00Z', '2026-06-01T04:00:00Z', '2025-05-01T04:00:00Z'])}::timestamptz
      FROM letter l WHERE l.commission_id = ${commissionId}::uuid ORDER BY l.id LIMIT 1`.execute(t.db);
  }
  const someLetters = (
    await sql<{
      id: string;
    }>`SELECT id FROM letter WHERE commission_id = ${commissionId}::uuid ORDER BY (title LIKE ${`${MARK}%`}) DESC, md5(id::text || 'l') LIMIT 120`.execute(t.db)
  ).rows.map((x) => x.id);
  for (let i = 0; i < 80; i++) {
    const id = pick(r, someLetters);
    switch (i % 5) {
      case 0:
        await sql`UPDATE letter SET drafting_org_id = ${pick(r, orgs)}::uuid, recipient_org_id = ${pick(r, orgs)}::uuid WHERE id = ${id}::uuid`.execute(t.db);
        break;
      case 1:
        await sql`UPDATE letter SET classification = ${pick(r, ['PUBLIC', 'WORK_SECRET', 'SECRET'])}, case_id = ${r() < 0.5 ? pick(r, caseIds) : null}::uuid WHERE id = ${id}::uuid`.execute(
          t.db,
        );
        break;
      case 2:
        await sql`UPDATE letter SET doc_year = ${pick(r, [2025, 2026, null])}::int, created_at = ${pick(r, ['2025-12-31T15:30:00Z', '2025-12-31T16:30:00Z', '2026-06-01T04:00:00Z'])}::timestamptz
          WHERE id = ${id}::uuid`.execute(t.db);
        break;
      case 3:
        await sql`UPDATE letter SET replied_on = ${r() < 0.5 ? null : '2026-03-01'}::date, reply_due = ${pick(r, ['2025-12-01', '2026-04-01', '2027-01-01'])}::date,
          state = ${pick(r, ['ISSUED', 'SERVED', 'REPLIED', 'CLOSED', 'DRAFTING', 'WITHDRAWN'])} WHERE id = ${id}::uuid`.execute(t.db);
        break;
      default:
        await sql`UPDATE letter SET issued_on = ${pick(r, ['2025-12-31', '2026-01-01', '2026-08-15'])}::date WHERE id = ${id}::uuid AND doc_no IS NOT NULL`.execute(
          t.db,
        );
    }
  }
  for (let i = 0; i < 80; i++) {
    const [type, id] = r() < 0.5 ? ['letter', pick(r, someLetters)] : ['case', pick(r, caseIds)];
    await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
      VALUES (${commissionId}::uuid, ${pick(r, users)}::uuid, ${type}, ${id}::uuid, '近亲属') ON CONFLICT DO NOTHING`.execute(t.db);
  }
  // Recusals from the test's clues (the aggregate's subtraction of recused clues, migration 0071).
  for (let i = 0; i < 60; i++) {
    await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
      VALUES (${commissionId}::uuid, ${pick(r, users)}::uuid, 'clue', ${pick(r, clueIds)}::uuid, '近亲属') ON CONFLICT DO NOTHING`.execute(t.db);
  }
  // Recusals from clues, cases, letters, tasks and items.
  const others = async (table: string) =>
    (
      await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE commission_id = ${commissionId}::uuid ORDER BY md5(id::text) LIMIT 30`.execute(t.db)
    ).rows.map((x) => x.id);
  const recusable: [string, string[]][] = [
    ['clue', clueIds],
    ['case', caseIds],
    ['letter', [...letters, ...(await others('letter'))]],
    ['rectification_task', [...taskIds, ...(await others('rectification_task'))]],
    ['supervision_item', [...itemIds, ...(await others('supervision_item'))]],
    ['supervision_list', lists],
  ];
  for (let i = 0; i < 90; i++) {
    const [type, ids] = pick(r, recusable);
    if (!ids.length) continue;
    await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
      VALUES (${commissionId}::uuid, ${pick(r, users)}::uuid, ${type}, ${pick(r, ids)}::uuid, '近亲属') ON CONFLICT DO NOTHING`.execute(t.db);
  }
  // And recusals from the test's own items (the aggregate's subtraction of recused items, migration 0065).
  for (let i = 0; i < 60; i++) {
    await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
      VALUES (${commissionId}::uuid, ${pick(r, users)}::uuid, 'supervision_item', ${pick(r, itemIds)}::uuid, '近亲属') ON CONFLICT DO NOTHING`.execute(t.db);
  }
  await taskForceMembers(t.db, r, pool, campaigns);
  for (const table of ['clue', 'case_file', 'letter', 'rectification_task', 'supervision_item', 'supervision_list'])
    await sql`ANALYZE ${sql.table(table)}`.execute(t.db);
});
afterAll(() => t?.close());

/** The cockpit's scoped readers (and a trial role beside an office: the case and letter arms of 审理). */
const ROLE_SETS: Role[][] = [
  ['GROUP_STAFF'],
  ['OFFICE_STAFF'],
  ['COUNTY_STAFF'],
  ['DEPUTY_OR_MEMBER'],
  ['OFFICE_STAFF', 'TRIAL_STAFF'],
  // The clue arms of a commission-wide coordinator (its own org's clues) and of the clue book (信访室: every clue).
  ['CADRE_SUPERVISION'],
  ['PETITION_OFFICER'],
];

const actorArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  wide: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  scope: fc.uniqueArray(fc.nat(39), { maxLength: 14 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  grantIds: fc.uniqueArray(fc.nat(219), { maxLength: 6 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
});
type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

const paramsArb = fc.record({
  year: fc.constantFrom(2025, 2026),
  dimension: fc.constantFrom<CockpitDimension>('office', 'group', 'county', 'sector'),
  // Half the runs filtered to one org (the ledgers' org filter), half not: the aggregates' totals over whole scopes too.
  org: fc.option(fc.nat(39), { nil: undefined, freq: 1 }),
  // The clues summed from the aggregates, each arm probed per org (area-scan-keyed.ts ORG_PROBE_LIMIT 0, migration 0079) or
  // the year's keys read once with the arms hashed (CLUE_YEAR_KEYS_LIMIT 0), or row by row (ORG_PROBE_LIMIT above any scope).
  cluePlan: fc.constantFrom('probes', 'yearKeys', 'rows'),
  // The letters read per org of each arm, or the year's letters once with the arms hashed (area-scan.ts LETTER_PROBE_LIMIT 0).
  yearLetters: fc.boolean(),
  // The test's scopes are small (up to 14 orgs): the same orgs repeated stand for an office's scope of hundreds, over
  // supervision's LIST_HASH_ORGS (50: the items' lists found through the scope's orgs hashed), the same visible rows.
  longScope: fc.boolean(),
});

/** More entries than supervision/repo.ts LIST_HASH_ORGS (50; not on the module's face). */
const LONG_SCOPE = 60;

const actorOf = (s: ActorSpec): Actor => actorFrom({ commissionId, orgs, users }, s);

/** Synthetic 信息互通 grants on clues and cases: named objects and owner orgs (category grants). */
function grantsOf(s: ActorSpec): Grants {
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  const entry = (ids: string[]) => ({ ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() });
  if (!s.grantIds.length && !owners.length) return { byType: {}, fingerprint: '' };
  return {
    byType: {
      CLUE: entry(s.grantIds.map((i) => clueIds[i % clueIds.length] as string)),
      CASE: entry(s.grantIds.map((i) => caseIds[i % caseIds.length] as string)),
    },
    fingerprint: 'prop',
  };
}

type Figures = Map<string, Partial<Record<CockpitMetric, number>>>;

/** Counts per key (and in total) of a relation's rows by the metrics' conditions: the oracle's grouped count. */
async function countBy(
  from: ReturnType<typeof sql>,
  where: ReturnType<typeof sql>,
  key: string | null,
  metrics: [CockpitMetric, ReturnType<typeof sql> | null][],
): Promise<Figures> {
  const cols = sql.join(metrics.map(([m, c]) => sql`count(*) FILTER (WHERE ${c ?? sql`true`})::int AS ${sql.ref(m)}`));
  const { rows } = await sql<Record<string, number | string | null>>`SELECT ${key ? sql`${sql.ref(key)}::text` : sql`NULL::text`} AS k,
      GROUPING(${key ? sql.ref(key) : sql`NULL::text`}) AS g, ${cols} FROM ${from} WHERE ${where} GROUP BY ROLLUP (${key ? sql.ref(key) : sql`NULL::text`})`.execute(
    t.db,
  );
  const out: Figures = new Map();
  for (const r of rows) {
    const k = r.g === 1 ? TOTAL : (r.k as string | null);
    if (k === null || (key === null && r.g === 0)) continue;
    out.set(k, Object.fromEntries(metrics.map(([m]) => [m, Number(r[m])])));
  }
  return out;
}

describe('the scoped cockpit equals the ledgers', () => {
  it('for random actors, years, dimensions and org filters: every figure of the total and of every row', async () => {
    const [d, td] = await Promise.all([lightDates(t.db, commissionId), taskLightDates(t.db, commissionId)]);
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, paramsArb, async (spec, ps) => {
        const drawn = actorOf(spec);
        const actor =
          ps.longScope && !drawn.scope.wide && drawn.scope.orgIds.length
            ? {
                ...drawn,
                scope: { ...drawn.scope, orgIds: Array.from({ length: Math.ceil(LONG_SCOPE / drawn.scope.orgIds.length) }, () => drawn.scope.orgIds).flat() },
              }
            : drawn;
        const grants = grantsOf(spec);
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const orgId = ps.org === undefined ? null : (orgs[ps.org] as string);
        const p = { year: ps.year, dimension: ps.dimension, orgId, sector: null };
        // The same synthetic grants for the cockpit (which else reads the caller's org's grants) and the ledgers.
        const shared = { use: 'any' as const, grants };
        const got = await computeFigures(ctx, p, {
          shared,
          orgProbeLimit: ps.cluePlan === 'rows' ? 100_000 : 0,
          clueYearKeysLimit: ps.cluePlan === 'yearKeys' ? 0 : undefined,
          letterProbeLimit: ps.yearLetters ? 0 : undefined,
        });
        const bySector = ps.dimension === 'sector';
        const orgIs = (c: string) => (orgId ? sql`${sql.ref(c)} = ${orgId}::uuid` : sql`true`);
        const year = ps.year;

        // Clues and cases: the ledgers' own services, exact totals, per key by the ledger's filter.
        const clueKey = bySector ? 'c.sector_code' : 'c.undertaking_org_id';
        const clueIdsSeen = (await ledgerPage(ctx, ClueQuerySchema.parse({ year }), 100_000, 0, { keyed: false, exact: true, shared })).ids;
        // The clues' series: the ledger's clues of the year by the month of receipt, when received in that year.
        const receivedByMonth = await sql<{ m: number; n: number }>`SELECT date_part('month', c.received_on)::int AS m, count(*)::int AS n FROM clue c
          WHERE c.id = ANY(${clueIdsSeen}::uuid[]) AND ${orgIs('c.undertaking_org_id')} AND extract(year FROM c.received_on) = ${year} GROUP BY 1`.execute(
          t.db,
        );
        if (got.readable.clues)
          expect(got.series.find((x) => x.key === 'cluesReceived')?.values, 'cluesReceived by month').toEqual(
            Array.from({ length: 12 }, (_, m) => receivedByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0),
          );
        const clueRows = await countBy(sql`clue c`, sql`c.id = ANY(${clueIdsSeen}::uuid[]) AND ${orgIs('c.undertaking_org_id')}`, clueKey, [
          ['cluesReceived', null],
          ['cluesOpen', sql`c.state = ANY(${[...CLUE_OPEN]}::text[])`],
          ['cluesClosed', sql`c.state = ANY(${[...CLUE_STATE_GROUPS.CLOSED]}::text[])`],
        ]);
        const caseIdsSeen = (await casePage(ctx, { ...CaseListQuerySchema.parse({ year }), page: 1, pageSize: 100_000 }, { keyed: false, exact: true, grants }))
          .ids;
        const caseRows = await countBy(
          sql`case_file c`,
          sql`c.id = ANY(${caseIdsSeen}::uuid[]) AND ${orgIs('c.lead_org_id')}`,
          bySector ? 'c.sector_code' : 'c.lead_org_id',
          [
            ['casesFiled', null],
            ['casesClosed', sql`c.state = ANY(${[...CASE_STAGE_STATES.CLOSED]}::text[])`],
          ],
        );
        // Items, letters and tasks: the ledgers' predicates over the whole table.
        const itemRows = await countBy(
          sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id`,
          sql`${itemVisible(actor)} AND i.year = ${year} AND ${orgIs('i.lead_org_id')}`,
          bySector ? null : 'i.lead_org_id',
          [
            ['itemsTotal', null],
            ['itemsDone', lightIs('i.state', 'i.due_date', 'DONE', d)],
            ['itemsRed', lightIs('i.state', 'i.due_date', 'RED', d)],
          ],
        );
        // The items' series: done items of the year by the local month of completion.
        const doneByMonth = await sql<{
          m: number;
          n: number;
        }>`SELECT date_part('month', i.completed_at AT TIME ZONE current_setting('TimeZone'))::int AS m, count(*)::int AS n
          FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
          WHERE ${itemVisible(actor)} AND i.year = ${year} AND ${orgIs('i.lead_org_id')} AND ${lightIs('i.state', 'i.due_date', 'DONE', d)}
            AND extract(year FROM i.completed_at AT TIME ZONE current_setting('TimeZone')) = ${year} GROUP BY 1`.execute(t.db);
        const itemSeries = Array.from({ length: 12 }, (_, m) => doneByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0);
        expect(got.series.find((x) => x.key === 'itemsDone')?.values, 'itemsDone by month').toEqual(itemSeries);
        const letterRows = await countBy(
          sql`letter r`,
          sql`${letterVisible(actor, 'r')} AND COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${year} AND ${orgIs('r.drafting_org_id')}`,
          bySector ? null : 'r.drafting_org_id',
          [
            ['lettersIssued', sql`r.state = ANY(${[...LETTER_ISSUED_STATES]}::text[])`],
            ['lettersReplied', sql`r.state = ANY(${[...LETTER_REPLIED]}::text[])`],
            ['lettersOverdue', REPLY_OVERDUE_SQL],
          ],
        );
        // The letters' series: issued letters of the year by the month of issue, when issued in that year.
        const issuedByMonth = await sql<{ m: number; n: number }>`SELECT date_part('month', r.issued_on)::int AS m, count(*)::int AS n FROM letter r
          WHERE ${letterVisible(actor, 'r')} AND COALESCE(r.doc_year, extract(year FROM r.created_at AT TIME ZONE current_setting('TimeZone'))::int) = ${year}
            AND ${orgIs('r.drafting_org_id')} AND r.state = ANY(${[...LETTER_ISSUED_STATES]}::text[]) AND extract(year FROM r.issued_on) = ${year} GROUP BY 1`.execute(
          t.db,
        );
        if (got.readable.letters)
          expect(got.series.find((x) => x.key === 'lettersIssued')?.values, 'lettersIssued by month').toEqual(
            Array.from({ length: 12 }, (_, m) => issuedByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0),
          );
        const taskRows = await countBy(
          sql`rectification_task t`,
          sql`${taskVisible(actor, 't')} AND ${orgIs('t.supervisor_org_id')}`,
          bySector ? null : 't.supervisor_org_id',
          [
            ['tasksOpen', sql`t.state = ANY(${TASK_NOT_DONE}::text[])`],
            ['tasksDone', taskLightIs('t.state', 't.deadline', 'DONE', td)],
            ['tasksOverdue', taskLightIs('t.state', 't.deadline', 'RED', td)],
          ],
        );

        // An area the caller's roles do not read shows no figures (a 信访室 clerk on a case team reads no case ledger here).
        const areas: [keyof typeof got.readable, Figures][] = [
          ['clues', clueRows],
          ['cases', caseRows],
          ['supervision', itemRows],
          ['letters', letterRows],
          ['tasks', taskRows],
        ];
        for (const [, expected] of areas.filter(([area]) => got.readable[area])) {
          for (const [key, figures] of expected) {
            for (const [metric, value] of Object.entries(figures)) {
              expect(got.counts.get(key)?.[metric as CockpitMetric] ?? 0, `${metric} of ${key === TOTAL ? 'the total' : key}`).toBe(value);
            }
          }
          // And no figure the ledgers do not have: every counted key is one of theirs (or a zero).
          const metrics = Object.keys(expected.get(TOTAL) ?? {}) as CockpitMetric[];
          for (const [key, figures] of got.counts) {
            for (const m of metrics) if ((figures[m] ?? 0) !== 0) expect(expected.has(key), `${m} of ${key}`).toBe(true);
          }
        }
        if ((got.counts.get(TOTAL)?.cluesReceived ?? 0) > 0 || (got.counts.get(TOTAL)?.tasksOpen ?? 0) > 0) nonZero++;
      }),
      { numRuns: 60, seed: 1205 },
    );
    // Not vacuous: most actors see something.
    expect(nonZero).toBeGreaterThan(20);
  });
});
