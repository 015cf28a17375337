/**
 * Issue 12, migration 0064: the 以案促改 record ledger reads its whole visibility off the record (reformVisibleParts
 * `stored`): the record's clearance, the actor's recusals from the record and its case gathered once, and the case's gate
 * — cleared for the case, the case decided or one of its arms (lead org in scope, team, …) — from the facts the record
 * keeps of its case (case_lead_org_id, case_decided, case_classification; migration 0059's triggers). Property: for every
 * actor, and after random writes that change what that gate reads (a case's state, lead org or classification, the
 * record's classification, a recusal, a case team), the stored predicate, the predicate reading the case by its key
 * (`row`) and the original `reformVisible` admit the same records, and the ledger walks exactly those in its order —
 * keyed, walked (a wide scope) and with its capped total — and the writes do move records in and out. Also: co-owner orgs
 * tested by the record's key (the walk's `coOwnerCheck: 'row'`) = by the scope's set, under co-owner writes too; the
 * page's letter and task counts (org sets hashed) = the record's own (getRecord); and a scope of many distinct orgs (each
 * org list sent once per statement, arrays-once.ts executeArraysOnce) walks the same records.
 */
import { ClassificationSchema } from '@liandong/domain/access/enums';
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { joinOrLeaveCaseTeam } from '../../../test/case-team';
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf, walk } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { SHARED_ARRAY_MIN } from '../../platform/arrays-once';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { type RecordCaseCheck, reformVisible, reformVisibleKeyed } from '../visibility';
import { getRecord, listRecords } from './service-records-read';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;

const ctxOf = (actor: Actor) => walkerCtxOf(t.db, actor);
const rq = ReformRecordQuerySchema.parse({});

/** The records `reformVisible` admits, in the ledger's order. */
const original = async (a: Actor) =>
  (await sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE ${reformVisible(a, 'r')} ORDER BY r.created_at DESC, r.id`.execute(t.db)).rows.map(
    (r) => r.id,
  );
/** The records the keyed predicate admits (`stored` or `row`), in the same order. */
const keyed = async (a: Actor, caseCheck: RecordCaseCheck, coOwnerCheck: 'set' | 'row' = 'set') =>
  (
    await sql<{
      id: string;
    }>`SELECT r.id FROM reform_record r WHERE ${reformVisibleKeyed(a, 'r', { caseCheck, coOwnerCheck })} ORDER BY r.created_at DESC, r.id`.execute(t.db)
  ).rows.map((r) => r.id);

/** The same actor with a scope of over 900 probes (the demo's orgs repeated): the ledger walks its order and counts it so. */
const widen = (a: Actor): Actor => {
  const copies = Math.ceil(1000 / Math.max(1, a.scope.orgIds.length));
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
};

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  // More records than the demo has: copies over random owner and unit orgs, with ties on created_at (the id decides),
  // random classifications, and half of them born from a case that had no record yet (the triggers fill its facts).
  await sql`CREATE TEMP TABLE kr_rec AS SELECT * FROM reform_record`.execute(t.owner);
  for (let g = 1; g <= 4; g++) {
    await sql`UPDATE kr_rec SET id = gen_random_uuid(), origin = 'CAMPAIGN', case_id = NULL, finding_id = NULL,
        owner_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kr_rec.commission_id AND kr_rec.id IS NOT NULL ORDER BY random() LIMIT 1),
        unit_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kr_rec.commission_id AND kr_rec.id IS NOT NULL ORDER BY random() LIMIT 1),
        classification = (ARRAY['PUBLIC','WORK_SECRET','WORK_SECRET','SECRET'])[1 + floor(random() * 4)::int],
        created_at = timestamptz '2026-01-01' + (floor(random() * 4) || ' days')::interval`.execute(t.owner);
    await sql`INSERT INTO reform_record SELECT * FROM kr_rec`.execute(t.owner);
  }
  await sql`WITH free AS (SELECT k.id, row_number() OVER (ORDER BY random()) AS n FROM case_file k
        WHERE k.commission_id = ${commissionId}::uuid AND NOT EXISTS (SELECT 1 FROM reform_record x WHERE x.case_id = k.id)),
      open AS (SELECT r.id, row_number() OVER (ORDER BY random()) AS n FROM reform_record r WHERE r.origin = 'CAMPAIGN' AND r.case_id IS NULL)
    UPDATE reform_record r SET origin = 'CASE', case_id = free.id FROM free JOIN open ON open.n = free.n
     WHERE r.id = open.id AND free.n % 2 = 0`.execute(t.owner);
  // Co-owner orgs on one record in four (so that a co-owner in scope is often the only arm that admits a record): the
  // walk tests them by the record's key (`coOwnerCheck: 'row'`), the keyed parts and counts by the scope's set.
  await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id)
    SELECT r.commission_id, r.id, (SELECT o.id FROM org o WHERE o.commission_id = r.commission_id AND o.id <> r.owner_org_id AND r.id IS NOT NULL
      ORDER BY random() LIMIT 1) FROM reform_record r WHERE random() < 0.25 ON CONFLICT DO NOTHING`.execute(t.owner);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());

describe('reform records: the gate read off the record (0064) = the original predicate', () => {
  it('for every actor: stored = row = reformVisible; the ledger walks them, keyed and (wide) walked, with the capped total', async () => {
    const cased = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM reform_record WHERE case_id IS NOT NULL AND NOT case_decided`.execute(t.db)).rows[0]!
      .n;
    expect(cased).toBeGreaterThan(0);
    let seen = 0;
    let counted = 0;
    for (const a of actors) {
      const want = await original(a);
      expect(await keyed(a, 'stored'), a.username).toEqual(want);
      expect(await keyed(a, 'row'), a.username).toEqual(want);
      expect(await keyed(a, 'stored', 'row'), `${a.username} co-owners by row`).toEqual(want);
      seen += want.length;
    }
    expect(seen).toBeGreaterThan(0);
    // Records a scoped actor sees through a co-owner org alone: the co-owner arm is exercised.
    const viaCoOwner = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM reform_record r JOIN reform_record_co_owner co ON co.record_id = r.id
        WHERE r.case_id IS NULL AND co.org_id = ANY(${[...new Set(actors.filter((a) => !a.scope.wide).flatMap((a) => a.scope.orgIds))]}::uuid[])`.execute(t.db)
    ).rows[0]!.n;
    expect(viaCoOwner).toBeGreaterThan(0);
    const scoped = actors.filter((a) => a.scope.orgIds.length > 0 && !a.scope.wide);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => actors[i % actors.length]!),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (actor, pageSize, wide) => {
          const a = wide && actor.scope.orgIds.length > 0 && !actor.scope.wide ? widen(actor) : actor;
          const want = await original(actor);
          expect(await walk((page, size) => listRecords(ctxOf(a), { ...rq, page, pageSize: size }), pageSize), actor.username).toEqual(want);
          const first = await listRecords(ctxOf(a), { ...rq, page: 1, pageSize });
          expect(first.total).toBe(Math.min(want.length, TOTAL_CAP));
          const exact = await listRecords(ctxOf(a), { ...rq, page: 1, pageSize, exactTotal: true });
          expect(exact.total).toBe(want.length);
          // The page's letter and task counts (the org sets hashed: `hashedKeys`) = the record's own (getRecord: its
          // columns with the parameter arrays, and its lists of visible letters and tasks).
          for (const item of first.items) {
            const detail = await getRecord(ctxOf(actor), item.id);
            expect([item.letterCount, item.taskCount], `${actor.username} ${item.id}`).toEqual([detail.letterCount, detail.taskCount]);
            expect([item.letterCount, item.taskCount]).toEqual([detail.letters.length, detail.tasks.length]);
            counted += item.letterCount + item.taskCount;
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(scoped.length).toBeGreaterThan(3);
    // Not a comparison of zeros: some pages showed records with letters or tasks.
    expect(counted).toBeGreaterThan(0);
  }, 480_000);

  it('a scope of many distinct orgs (each org list sent once per statement: executeArraysOnce) walks the same records', async () => {
    const orgs = (await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map((r) => r.id);
    expect(orgs.length).toBeGreaterThan(SHARED_ARRAY_MIN + 8);
    const scoped = actors.filter((a) => !a.scope.wide && a.scope.orgIds.length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => scoped[i % scoped.length]!),
        fc.shuffledSubarray(orgs, { minLength: SHARED_ARRAY_MIN, maxLength: SHARED_ARRAY_MIN + 8 }),
        fc.constantFrom(1, 7, 20),
        async (someone, extra, pageSize) => {
          const a = { ...someone, scope: { ...someone.scope, orgIds: [...new Set([...someone.scope.orgIds, ...extra])] } };
          const want = await original(a);
          expect(await walk((page, size) => listRecords(ctxOf(a), { ...rq, page, pageSize: size }), pageSize), a.username).toEqual(want);
          expect((await listRecords(ctxOf(a), { ...rq, page: 1, pageSize })).total).toBe(Math.min(want.length, TOTAL_CAP));
        },
      ),
      { numRuns: 12 },
    );
  }, 480_000);

  it('writes that change the gate move records in and out of the stored predicate and the ledger alike', async () => {
    const scoped = actors.filter((a) => !a.roles.includes('UNIT_LIAISON') && a.scope.orgIds.length > 0 && !a.scope.wide);
    const recordCases = (
      await sql<{
        id: string;
      }>`SELECT case_id AS id FROM reform_record WHERE case_id IS NOT NULL AND commission_id = ${commissionId}::uuid ORDER BY case_id`.execute(t.db)
    ).rows.map((r) => r.id);
    const records = (await sql<{ id: string }>`SELECT id FROM reform_record WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map(
      (r) => r.id,
    );
    const orgs = [...new Set(scoped.flatMap((a) => a.scope.orgIds))].sort();
    const levels = ClassificationSchema.options;
    const states = ['INVESTIGATING', 'IN_TRIAL', 'DECIDED', 'EXECUTED', 'FILED'];
    expect(recordCases.length).toBeGreaterThan(3);
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => scoped[i % scoped.length]!),
        fc.constantFrom('caseState', 'caseLeadOrg', 'caseClassification', 'recordClassification', 'recusal', 'caseTeam', 'coOwner'),
        fc.nat(),
        fc.nat(),
        async (actor, write, i, j) => {
          const before = await keyed(actor, 'stored');
          const kase = recordCases[i % recordCases.length]!;
          if (write === 'caseState') {
            await sql`UPDATE case_file SET state = ${states[j % states.length]} WHERE id = ${kase}::uuid`.execute(t.owner);
          } else if (write === 'caseLeadOrg') {
            // Moved into or away from the actor's scope.
            const to = j % 2 === 0 ? actor.scope.orgIds[j % actor.scope.orgIds.length]! : orgs[j % orgs.length]!;
            await sql`UPDATE case_file SET lead_org_id = ${to}::uuid WHERE id = ${kase}::uuid`.execute(t.owner);
          } else if (write === 'caseClassification') {
            await sql`UPDATE case_file SET classification = ${levels[j % levels.length]} WHERE id = ${kase}::uuid`.execute(t.owner);
          } else if (write === 'recordClassification') {
            await sql`UPDATE reform_record SET classification = ${levels[j % levels.length]} WHERE id = ${records[i % records.length]}::uuid`.execute(t.owner);
          } else if (write === 'coOwner') {
            // A co-owner org in or out of the actor's scope added to a record, or one removed.
            const rec = records[i % records.length]!;
            const org = j % 2 === 0 ? actor.scope.orgIds[j % actor.scope.orgIds.length]! : orgs[j % orgs.length]!;
            if (j % 3 === 0) await sql`DELETE FROM reform_record_co_owner WHERE record_id = ${rec}::uuid`.execute(t.owner);
            else {
              await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id) SELECT commission_id, id, ${org}::uuid
                FROM reform_record WHERE id = ${rec}::uuid AND owner_org_id <> ${org}::uuid ON CONFLICT DO NOTHING`.execute(t.owner);
            }
          } else if (write === 'recusal') {
            const [type, id] = j % 2 === 0 ? ['reform_record', before[j % Math.max(1, before.length)] ?? records[i % records.length]!] : ['case', kase];
            await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
              VALUES (${commissionId}::uuid, ${actor.userId}::uuid, ${type}, ${id}::uuid, '演示数据：回避') ON CONFLICT DO NOTHING`.execute(t.owner);
          } else {
            // Joins the case's team (or leaves it): the case's team arm.
            await joinOrLeaveCaseTeam(t.db, t.owner, commissionId, kase, actor);
          }
          const want = await original(actor);
          const after = await keyed(actor, 'stored');
          expect(after, `${actor.username} ${write}`).toEqual(want);
          expect(await keyed(actor, 'stored', 'row'), `${actor.username} ${write} co-owners by row`).toEqual(want);
          if (after.join() !== before.join()) moved++;
          expect(await walk((page, size) => listRecords(ctxOf(actor), { ...rq, page, pageSize: size }), 50), `${actor.username} ${write}`).toEqual(want);
          expect(await walk((page, size) => listRecords(ctxOf(widen(actor)), { ...rq, page, pageSize: size }), 50), `${actor.username} ${write} wide`).toEqual(
            want,
          );
        },
      ),
      { numRuns: 40, seed: 1206 },
    );
    // Not a test that cannot fail: the writes did change what the actors see.
    expect(moved).toBeGreaterThan(3);
  }, 480_000);
});
