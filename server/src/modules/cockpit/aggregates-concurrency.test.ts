/**
 * The statement-trigger aggregates (cockpit_*_agg of 0052, 0061, 0065, 0071; casework_*_agg of 0058, 0062, 0066) under
 * concurrent writers. Every write upserts its buckets' rows and holds their locks until it commits, so two writers whose
 * buckets overlap wait for each other; if they wait in a cycle PostgreSQL rolls one back (40P01) and the API answers
 * 409 "并发冲突，请重试" instead of doing the write (there is no retry). Here 12 connections write at once, for a few
 * seconds, to rows whose buckets overlap in opposite orders (clues, cases, items, tasks and letters moved between two
 * orgs in both directions in one statement, states flipped both ways, inserts and deletes in one transaction), and no
 * transaction may fail, and afterwards every aggregate must equal its recount from the base tables. Before migration
 * 0072 both races deadlocked (the area's epoch row was locked between the aggregates' triggers).
 *
 * Then, through the API: 16 requests at once change the same clue or item with the same version (optimistic locking):
 * exactly one wins, the others get 409 with the zh-CN message, and the aggregates stay exact.
 */
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, COCKPIT_RECOUNTS, caseworkRecounts, lcg, type Recount } from '../../../test/aggregate-recount';
import { createTestApp, type TestApp } from '../../../test/app';
import { createClue, orgId } from '../clues/fixtures';
import { addItem, attempt, consult, createList } from '../supervision/fixtures';

let t: TestApp;
const YEAR = 2026;
const WORKERS = 12;
const SECONDS = 4;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * Every aggregate the writers below touch, with its recount from the base table (the recounts that
 * cockpit/aggregates.test.ts and casework/dashboard-aggregates.test.ts check, from test/aggregate-recount.ts): the
 * cockpit's of 0052, 0061, 0065, 0071, 0088 and 0098, and every casework aggregate.
 */
const COCKPIT_TOUCHED = [
  'cockpit_clue_agg',
  'cockpit_clue_org_agg',
  'cockpit_clue_org_month_agg',
  'cockpit_clue_undertaking_agg',
  'cockpit_clue_undertaking_month_agg',
  'cockpit_clue_org_triple_agg',
  'cockpit_case_agg',
  'cockpit_item_agg',
  'cockpit_item_org_agg',
  'cockpit_letter_agg',
  'cockpit_task_agg',
  'cockpit_task_org_agg',
  'cockpit_task_org_month_agg',
];
function recounts(): Recount[] {
  const cockpit = COCKPIT_RECOUNTS.filter(([table]) => COCKPIT_TOUCHED.includes(table));
  expect(cockpit.map(([table]) => table).sort()).toEqual([...COCKPIT_TOUCHED].sort());
  return [...cockpit, ...caseworkRecounts(t.db)];
}

const differences = () => aggregateDifferences(t.db, recounts());

interface Rows {
  clues: string[];
  cases: string[];
  items: string[];
  tasks: string[];
  letters: string[];
}

/**
 * Each worker's own rows (no two workers ever write the same base row, so every lock they share is an aggregate
 * row's): clues, cases, items and tasks spread over two orgs, two states and a few months — the same few dozen
 * buckets for every worker.
 */
async function seedRows(x: string, y: string): Promise<Rows[]> {
  const cid = (await t.db.selectFrom('org').select('commission_id').where('id', '=', x).executeTakeFirstOrThrow()).commission_id;
  const receiving = await orgId(t, 'LZ-JW-XFS');
  const item = await t.db.selectFrom('supervision_item').select('id').orderBy('id').executeTakeFirstOrThrow();
  const task = await t.db.selectFrom('rectification_task').select('id').orderBy('id').executeTakeFirstOrThrow();
  const letter = await t.db.selectFrom('letter').select('id').orderBy('id').executeTakeFirstOrThrow();
  const out: Rows[] = [];
  for (let w = 0; w < WORKERS; w++) {
    const { rows: clues } = await sql<{ id: string }>`
      INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, undertaking_org_id, state, propose_due)
      SELECT ${cid}::uuid, ${YEAR}, 'PETITION_LETTER', make_date(${YEAR}, 1 + k % 4, 10), ${receiving}::uuid, '演示数据：并发聚合测试线索', '演示数据', '测试对象某某',
        CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, CASE WHEN k % 3 = 0 THEN 'REGISTERED' ELSE 'UNDER_ANALYSIS' END, make_date(${YEAR + 1}, 1, 1 + k % 3)
      FROM generate_series(0, 23) k RETURNING id`.execute(t.db);
    const { rows: cases } = await sql<{ id: string }>`
      INSERT INTO case_file (commission_id, year, seq, case_no, title, subject_name, lead_org_id, state, filed_on)
      SELECT ${cid}::uuid, ${YEAR}, ${900_000 + 100 * w} + k, '演示数据-并发-' || ${w} || '-' || k, '演示数据：并发聚合测试案件', '测试对象某某',
        CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, 'FILED', make_date(${YEAR}, 1 + k % 3, 5)
      FROM generate_series(0, 11) k RETURNING id`.execute(t.db);
    const { rows: items } = await sql<{ id: string }>`
      INSERT INTO supervision_item (commission_id, list_id, seq, matter, lead_side, lead_org_id, assist_side, assist_org_id, due_date, state, completed_at)
      SELECT commission_id, list_id, ${3_000_000 + 100 * w} + k, '演示数据：并发聚合测试事项', lead_side, CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END,
        'OFFICE', CASE WHEN k % 2 = 0 THEN ${y}::uuid ELSE ${x}::uuid END, make_date(${YEAR}, 12, 1 + k % 2),
        CASE WHEN k % 3 = 0 THEN 'COMPLETED' ELSE 'IN_PROGRESS' END, make_timestamptz(${YEAR}, 6, 15, 3, 0, 0, 'UTC')
      FROM supervision_item, generate_series(0, 11) k WHERE id = ${item.id}::uuid RETURNING id`.execute(t.db);
    const { rows: tasks } = await sql<{ id: string }>`
      INSERT INTO rectification_task SELECT (jsonb_populate_record(t, jsonb_build_object('id', gen_random_uuid(), 'supervisor_org_id',
        CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, 'unit_org_id', CASE WHEN k % 2 = 0 THEN ${y}::uuid ELSE ${x}::uuid END))).*
      FROM rectification_task t, generate_series(0, 7) k WHERE t.id = ${task.id}::uuid RETURNING id`.execute(t.db);
    const { rows: letters } = await sql<{ id: string }>`
      INSERT INTO letter SELECT (jsonb_populate_record(l, jsonb_build_object('id', gen_random_uuid(), 'doc_year', ${YEAR}::int, 'doc_seq', ${5_000_000 + 100 * w} + k,
        'drafting_org_id', CASE WHEN k % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, 'reply_due', make_date(${YEAR}, 1 + k % 3, 9), 'replied_on', NULL))).*
      FROM letter l, generate_series(0, 7) k WHERE l.id = ${letter.id}::uuid RETURNING id`.execute(t.db);
    out.push({
      clues: clues.map((r) => r.id),
      cases: cases.map((r) => r.id),
      items: items.map((r) => r.id),
      tasks: tasks.map((r) => r.id),
      letters: letters.map((r) => r.id),
    });
  }
  return out;
}

/** A random non-empty subset, in random order. */
function subset(rand: () => number, ids: string[]): string[] {
  const n = 1 + Math.floor(rand() * ids.length);
  return [...ids].sort(() => rand() - 0.5).slice(0, n);
}

interface Outcome {
  committed: number;
  failed: Map<string, number>;
}

/** Runs `step` in transactions on its own connection until `until`, counting commits and failures by SQLSTATE. */
async function worker(client: pg.Client, until: number, step: (c: pg.Client) => Promise<(() => void) | undefined>, out: Outcome): Promise<void> {
  while (Date.now() < until) {
    await client.query('BEGIN');
    try {
      const done = await step(client);
      await client.query('COMMIT');
      done?.();
      out.committed++;
    } catch (err) {
      await client.query('ROLLBACK');
      const code = (err as { code?: string }).code ?? String(err);
      out.failed.set(code, (out.failed.get(code) ?? 0) + 1);
    }
  }
}

async function run(c: pg.Client, q: RawBuilder<unknown>): Promise<pg.QueryResult> {
  const k = q.compile(t.db);
  return c.query(k.sql, k.parameters as unknown[]);
}

type Step = (c: pg.Client, w: number, rand: () => number) => Promise<(() => void) | undefined>;

async function race(step: Step): Promise<Outcome> {
  const clients = Array.from({ length: WORKERS }, () => new pg.Client({ connectionString: t.appDatabaseUrl }));
  await Promise.all(clients.map((c) => c.connect()));
  const out: Outcome = { committed: 0, failed: new Map() };
  try {
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      clients.map((c, w) => {
        const rand = lcg(7919 * (w + 1));
        return worker(c, until, (cc) => step(cc, w, rand), out);
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return out;
}

describe('the statement-trigger aggregates under concurrent writers', () => {
  let x = '';
  let y = '';
  let rows: Rows[] = [];
  /** The org column moved to the other of the two orgs (rows of both orgs in one statement: both directions). */
  const swap = (col: string) => sql.raw(`CASE WHEN ${col} = '${x}'::uuid THEN '${y}'::uuid ELSE '${x}'::uuid END`);

  beforeAll(async () => {
    x = await orgId(t, 'LZ-JW-JC1');
    y = await orgId(t, 'LZ-JW-JC2');
    rows = await seedRows(x, y);
    expect(await differences()).toEqual([]);
  });

  it(`${WORKERS} connections moving rows between two orgs in both directions at once: no deadlock, every aggregate equals its recount`, async () => {
    // One write per counted table and transaction, in one order of the areas whose epoch rows (data_epoch) the writes
    // take: clues (clue, case_file), reform (a case's lead org or state also updates its letters and reform records:
    // rectification_task, letter), supervision (supervision_item). Every lock the writers share besides those rows is
    // an aggregate row's, taken by the triggers in an order only they decide.
    const out = await race(async (c, w, rand) => {
      const mine = rows[w] as Rows;
      const statements = [
        sql`UPDATE clue SET undertaking_org_id = ${swap('undertaking_org_id')},
              state = CASE WHEN state = 'UNDER_ANALYSIS' THEN 'REGISTERED' ELSE 'UNDER_ANALYSIS' END WHERE id = ANY(${subset(rand, mine.clues)}::uuid[])`,
        sql`UPDATE case_file SET lead_org_id = ${swap('lead_org_id')}, state = CASE WHEN state = 'FILED' THEN 'IN_TRIAL' ELSE 'FILED' END,
              trial_due = CASE WHEN state = 'FILED' THEN make_date(${YEAR}, 1 + (seq % 12), 1) END WHERE id = ANY(${subset(rand, mine.cases)}::uuid[])`,
        sql`UPDATE rectification_task SET supervisor_org_id = ${swap('supervisor_org_id')}, unit_org_id = ${swap('unit_org_id')}
              WHERE id = ANY(${subset(rand, mine.tasks)}::uuid[])`,
        sql`UPDATE letter SET drafting_org_id = ${swap('drafting_org_id')}, reply_due = reply_due + CASE WHEN drafting_org_id = ${x}::uuid THEN 31 ELSE -31 END
              WHERE id = ANY(${subset(rand, mine.letters)}::uuid[])`,
        sql`UPDATE supervision_item SET lead_org_id = ${swap('lead_org_id')}, assist_org_id = ${swap('assist_org_id')},
              state = CASE WHEN state = 'COMPLETED' THEN 'IN_PROGRESS' ELSE 'COMPLETED' END WHERE id = ANY(${subset(rand, mine.items)}::uuid[])`,
      ];
      for (const s of statements) if (rand() < 0.75) await run(c, s);
      return undefined;
    });
    console.info(`aggregates-concurrency: ${out.committed} transactions committed, failed: ${JSON.stringify(Object.fromEntries(out.failed))}`);
    expect(Object.fromEntries(out.failed)).toEqual({});
    expect(out.committed).toBeGreaterThanOrEqual(WORKERS);
    expect(await differences()).toEqual([]);
  }, 60_000);

  it(`${WORKERS} connections writing several statements per transaction in random orders (inserts and deletes among them): no deadlock, exact`, async () => {
    const cid = (await t.db.selectFrom('org').select('commission_id').where('id', '=', x).executeTakeFirstOrThrow()).commission_id;
    const receiving = await orgId(t, 'LZ-JW-XFS');
    // The clues each worker inserted and has committed (its deletes take them back).
    const inserted: string[][] = rows.map(() => []);
    const out = await race(async (c, w, rand) => {
      const mine = rows[w] as Rows;
      const area = Math.floor(rand() * 3);
      const added: string[] = [];
      let removed: string | undefined;
      // Statements of one area (the areas' writes are serialised by their epoch rows: a transaction writing two areas in
      // the opposite order of another's can deadlock on those rows whatever the aggregates do), in a random order.
      const statements: (() => Promise<unknown>)[] =
        area === 0
          ? [
              async () => {
                const r = await run(
                  c,
                  sql`INSERT INTO clue (commission_id, year, source, received_on, receiving_org_id, title, summary, subject_name, undertaking_org_id, state, propose_due)
                    SELECT ${cid}::uuid, ${YEAR}, 'PETITION_LETTER', make_date(${YEAR}, 1 + (k + ${Math.floor(rand() * 4)}) % 4, 10), ${receiving}::uuid,
                      '演示数据：并发聚合测试线索', '演示数据', '测试对象某某', CASE WHEN (k + ${w}) % 2 = 0 THEN ${x}::uuid ELSE ${y}::uuid END, 'UNDER_ANALYSIS',
                      make_date(${YEAR + 1}, 1, 1 + k % 3)
                    FROM generate_series(0, ${Math.floor(rand() * 3)}) k RETURNING id`,
                );
                added.push(...r.rows.map((o: { id: string }) => o.id));
              },
              async () => {
                removed = inserted[w]?.[Math.floor(rand() * (inserted[w]?.length ?? 0))];
                if (removed) await run(c, sql`DELETE FROM clue WHERE id = ${removed}::uuid`);
              },
              () =>
                run(
                  c,
                  sql`UPDATE clue SET undertaking_org_id = ${swap('undertaking_org_id')}, received_on = received_on + CASE WHEN undertaking_org_id = ${x}::uuid THEN 31 ELSE -31 END
                    WHERE id = ANY(${subset(rand, mine.clues)}::uuid[])`,
                ),
              () => run(c, sql`UPDATE case_file SET lead_org_id = ${swap('lead_org_id')} WHERE id = ANY(${subset(rand, mine.cases)}::uuid[])`),
            ]
          : area === 1
            ? [
                () => run(c, sql`UPDATE supervision_item SET lead_org_id = ${swap('lead_org_id')} WHERE id = ANY(${subset(rand, mine.items)}::uuid[])`),
                () =>
                  run(
                    c,
                    sql`UPDATE supervision_item SET state = CASE WHEN state = 'COMPLETED' THEN 'IN_PROGRESS' ELSE 'COMPLETED' END
                      WHERE id = ANY(${subset(rand, mine.items)}::uuid[])`,
                  ),
              ]
            : [
                () => run(c, sql`UPDATE rectification_task SET unit_org_id = ${swap('unit_org_id')} WHERE id = ANY(${subset(rand, mine.tasks)}::uuid[])`),
                () => run(c, sql`UPDATE letter SET drafting_org_id = ${swap('drafting_org_id')} WHERE id = ANY(${subset(rand, mine.letters)}::uuid[])`),
                () =>
                  run(
                    c,
                    sql`UPDATE rectification_task SET supervisor_org_id = ${swap('supervisor_org_id')} WHERE id = ANY(${subset(rand, mine.tasks)}::uuid[])`,
                  ),
              ];
      for (const s of [...statements].sort(() => rand() - 0.5)) await s();
      return () => {
        const list = inserted[w] as string[];
        if (removed) list.splice(list.indexOf(removed), 1);
        list.push(...added);
      };
    });
    console.info(`aggregates-concurrency (several statements): ${out.committed} committed, failed: ${JSON.stringify(Object.fromEntries(out.failed))}`);
    expect(Object.fromEntries(out.failed)).toEqual({});
    expect(out.committed).toBeGreaterThanOrEqual(WORKERS);
    expect(await differences()).toEqual([]);
  }, 60_000);
});

describe('16 requests at once changing the same object with the same version (optimistic locking)', () => {
  const STALE = '数据已被他人修改，请刷新后重试';

  /** Exactly one answer 200, every other 409 STALE_VERSION with the zh-CN message; returns the winner's index. */
  function oneWinner(answers: { statusCode: number; json(): unknown; body: string }[]): number {
    const won = answers.flatMap((a, i) => (a.statusCode === 200 ? [i] : []));
    expect(won, answers.map((a) => `${a.statusCode} ${a.body}`).join('\n')).toHaveLength(1);
    for (const a of answers) {
      if (a.statusCode === 200) continue;
      expect(a.statusCode, a.body).toBe(409);
      expect(a.json()).toMatchObject({ code: 'STALE_VERSION', message: STALE });
    }
    return won[0] as number;
  }

  it('a clue: its intake edited (moving its month buckets), then registered (moving its state buckets)', async () => {
    await Promise.all(['xf.officer1', 'ag.manager1'].map((u) => t.sessionFor(u)));
    const c = await createClue(t, { receivedOn: `${YEAR}-02-03` });
    const edits = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/clues/${c.id}`,
          as: 'xf.officer1',
          payload: { version: c.version, receivedOn: `${YEAR}-0${1 + (i % 9)}-1${i % 10}`, title: `演示数据：并发修改第${i}号` },
        }),
      ),
    );
    const w = oneWinner(edits);
    const row = await t.db.selectFrom('clue').select(['title', 'received_on', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.title).toBe(`演示数据：并发修改第${w}号`);
    expect(row.version).toBe(c.version + 1);
    const acts = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.request({ method: 'POST', url: `/api/v1/clues/${c.id}/actions`, as: 'ag.manager1', payload: { action: 'register', version: row.version } }),
      ),
    );
    oneWinner(acts);
    const after = await t.db.selectFrom('clue').select(['state', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'REGISTERED', version: row.version + 1 });
    expect(await differences()).toEqual([]);
  });

  it('a supervision item: edited (its due date), then consulted (its state bucket)', async () => {
    await Promise.all(['jc3.staff', 'edu.group'].map((u) => t.sessionFor(u)));
    const list = await createList(t);
    await consult(t, list.id);
    const item = await addItem(t, list.id);
    const edits = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/supervision/items/${item.id}`,
          as: 'edu.group',
          payload: { version: item.version, matter: `演示数据：并发修改第${i}号`, dueDate: `${YEAR}-${10 + (i % 3)}-1${i % 10}` },
        }),
      ),
    );
    const w = oneWinner(edits);
    const row = await t.db.selectFrom('supervision_item').select(['matter', 'version']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ matter: `演示数据：并发修改第${w}号`, version: item.version + 1 });
    oneWinner(await Promise.all(Array.from({ length: 16 }, () => attempt(t, item.id, 'consult', row.version))));
    const after = await t.db.selectFrom('supervision_item').select(['state', 'version']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'CONSULTED', version: row.version + 1 });
    expect(await differences()).toEqual([]);
  });

  it('a deadlock inside a request answers 409 CONFLICT in zh-CN (no 5xx, no retry) and writes nothing of the request', async () => {
    const list = await createList(t);
    await consult(t, list.id);
    const item = await addItem(t, list.id);
    await t.sessionFor('edu.group');
    // Another transaction holds the supervision epoch row; the request locks its item (SELECT … FOR UPDATE), then waits
    // for that row in its UPDATE (migration 0072's BEFORE trigger); the other transaction then asks for the item: a
    // cycle. The request's backend checks first (deadlock_timeout 1 s; the other session's is 10 s) and is rolled back.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query("SET deadlock_timeout = '10s'");
      await other.query('BEGIN');
      await other.query("UPDATE data_epoch SET epoch = epoch WHERE area = 'supervision'");
      const before = await t.db.selectFrom('supervision_item').select(['matter', 'version']).where('id', '=', item.id).executeTakeFirstOrThrow();
      const request = t.request({
        method: 'PATCH',
        url: `/api/v1/supervision/items/${item.id}`,
        as: 'edu.group',
        payload: { version: item.version, matter: '演示数据：死锁中的修改' },
      });
      const deadline = Date.now() + 5000;
      for (;;) {
        const { rows: waiting } = await other.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if ((waiting[0]?.n ?? 0) > 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const otherLock = other.query('SELECT id FROM supervision_item WHERE id = $1 FOR UPDATE', [item.id]);
      const res = await request;
      await otherLock;
      await other.query('ROLLBACK');
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', message: '并发冲突，请重试' });
      expect(await t.db.selectFrom('supervision_item').select(['matter', 'version']).where('id', '=', item.id).executeTakeFirstOrThrow()).toEqual(before);
      expect(await differences()).toEqual([]);
    } finally {
      await other.end();
    }
  });
});
