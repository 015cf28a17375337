import { sql } from 'kysely';
import { createTestApp } from './app';
import { caseTeams, fileCluesAsCases, orgsWithDataFirst, pick, randomClueColumns, rng, taskForceMembers } from './property-data';

/*
 * The data set of the scoped cockpit's property test (cockpit/scoped-figures.test.ts): random clues, cases,
 * rectification tasks, supervision items and letters over a pool of the demo's orgs and accounts, written after the
 * aggregates of 0061, 0065 and 0071 exist and then moved, re-stated, re-dated, re-classified and deleted; case and clue
 * teams, recusals from every kind of object, 专班 members. Seeded: the same data on every run.
 */

/** Test-only commission rows are told apart by this title prefix. */
export const MARK = '驾驶舱属性';

/** A cloned test database with the data set: its commission, the pool of orgs and accounts, the test's clues and cases. */
export async function cockpitFiguresData() {
  const t = await createTestApp();
  let commissionId: string;
  let orgs: string[] = [];
  let users: string[] = [];
  let clueIds: string[] = [];
  let caseIds: string[] = [];
  commissionId = (await t.db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  // The orgs that carry the demo data's items, letters and tasks first, then others: a pool the scopes draw from.
  orgs = await orgsWithDataFirst(t.db, commissionId, 40, { clues: false });
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
  return { t, commissionId, orgs, users, clueIds, caseIds };
}
