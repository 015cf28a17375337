/**
 * Issue 12: the letter and reform-record ledgers of a scope of many orgs (an office's, a 分管领导's: hundreds) walk their
 * default order testing each row against the whole predicate, and that predicate is written for the walk — every set
 * hashed once per statement (the letters: `hashedVisible` over `letterVisibleParts` with `hashedSets`; the records:
 * `reformWalkVisible`, `reformVisible`'s own shape off the record's columns, each set once). Property: for every actor
 * and the same actor with a wide scope, and after random writes that change what the predicates read (a letter's or a
 * record's classification, its orgs, its case's lead org, state or classification, a case team, a co-owner, a recusal),
 * the walk predicates admit exactly the rows of `letterVisible` / `reformVisible`, and the ledgers walk exactly those in
 * their order; the writes do move rows in and out.
 */
import { ClassificationSchema } from '@liandong/domain/access/enums';
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { joinOrLeaveCaseTeam } from '../../../test/case-team';
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf, walk } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { hashedVisible } from '../../platform/keyed-page';
import { listLetters } from '../letters';
import { letterVisible, letterVisibleParts, reformVisible, reformWalkVisible } from '../visibility';
import { listRecords } from './service-records-read';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;
const ctxOf = (actor: Actor) => walkerCtxOf(t.db, actor);

const ids = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(t.db)).rows.map((r) => r.id);
const recordsOf = (a: Actor) => ids(sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE ${reformVisible(a, 'r')} ORDER BY r.created_at DESC, r.id`);
const recordsWalked = (a: Actor) =>
  ids(sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE ${reformWalkVisible(a, 'r')} ORDER BY r.created_at DESC, r.id`);
const lettersOf = (a: Actor) =>
  ids(sql<{ id: string }>`SELECT r.id FROM letter r WHERE ${letterVisible(a, 'r', { caseCheck: 'set' })} ORDER BY r.created_at DESC, r.id DESC`);
const lettersWalked = (a: Actor) =>
  ids(sql<{ id: string }>`SELECT r.id FROM letter r WHERE ${hashedVisible(letterVisibleParts(a, 'r', { caseCheck: 'stored', hashedSets: true }), 'r')}
    ORDER BY r.created_at DESC, r.id DESC`);

/** The same actor with a scope of over 900 org probes (the demo's orgs repeated): both ledgers then walk their order. */
const widen = (a: Actor): Actor => {
  const copies = Math.ceil(1000 / Math.max(1, a.scope.orgIds.length));
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
};

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  // More letters and records than the demo has, over random orgs and classifications, ties on created_at.
  await sql`CREATE TEMP TABLE kw_letter AS SELECT * FROM letter`.execute(t.owner);
  await sql`CREATE TEMP TABLE kw_rec AS SELECT * FROM reform_record`.execute(t.owner);
  for (let g = 1; g <= 4; g++) {
    await sql`UPDATE kw_letter SET id = gen_random_uuid(), doc_seq = doc_seq + ${1000 * g},
        drafting_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kw_letter.commission_id AND kw_letter.id IS NOT NULL ORDER BY random() LIMIT 1),
        recipient_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kw_letter.commission_id AND kw_letter.id IS NOT NULL ORDER BY random() LIMIT 1),
        classification = (ARRAY['PUBLIC','WORK_SECRET','WORK_SECRET','SECRET'])[1 + floor(random() * 4)::int],
        created_at = timestamptz '2026-01-01' + (floor(random() * 4) || ' days')::interval`.execute(t.owner);
    await sql`INSERT INTO letter SELECT * FROM kw_letter`.execute(t.owner);
    await sql`UPDATE kw_rec SET id = gen_random_uuid(), origin = 'CAMPAIGN', case_id = NULL, finding_id = NULL,
        owner_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kw_rec.commission_id AND kw_rec.id IS NOT NULL ORDER BY random() LIMIT 1),
        unit_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kw_rec.commission_id AND kw_rec.id IS NOT NULL ORDER BY random() LIMIT 1),
        classification = (ARRAY['PUBLIC','WORK_SECRET','WORK_SECRET','SECRET'])[1 + floor(random() * 4)::int],
        created_at = timestamptz '2026-01-01' + (floor(random() * 4) || ' days')::interval`.execute(t.owner);
    await sql`INSERT INTO reform_record SELECT * FROM kw_rec`.execute(t.owner);
  }
  // Half the new records born from a case that had none; letters moved onto random cases (the triggers fill the facts).
  await sql`WITH free AS (SELECT k.id, row_number() OVER (ORDER BY random()) AS n FROM case_file k
        WHERE k.commission_id = ${commissionId}::uuid AND NOT EXISTS (SELECT 1 FROM reform_record x WHERE x.case_id = k.id)),
      open AS (SELECT r.id, row_number() OVER (ORDER BY random()) AS n FROM reform_record r WHERE r.origin = 'CAMPAIGN' AND r.case_id IS NULL)
    UPDATE reform_record r SET origin = 'CASE', case_id = free.id FROM free JOIN open ON open.n = free.n
     WHERE r.id = open.id AND free.n % 2 = 0`.execute(t.owner);
  await sql`UPDATE letter l SET case_id = (SELECT k.id FROM case_file k WHERE k.commission_id = l.commission_id AND l.id IS NOT NULL ORDER BY random() LIMIT 1)
    WHERE random() < 0.4`.execute(t.owner);
  await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id)
    SELECT r.commission_id, r.id, (SELECT o.id FROM org o WHERE o.commission_id = r.commission_id AND o.id <> r.owner_org_id AND r.id IS NOT NULL
      ORDER BY random() LIMIT 1) FROM reform_record r WHERE random() < 0.25 ON CONFLICT DO NOTHING`.execute(t.owner);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());

describe('the walked letter and record predicates = the original ones (property)', () => {
  it('for every actor, narrow and wide: the same rows, and the ledgers walk them in order', async () => {
    let seen = 0;
    for (const a of actors) {
      const want = await recordsOf(a);
      expect(await recordsWalked(a), a.username).toEqual(want);
      expect(await recordsWalked(widen(a)), `${a.username} wide`).toEqual(want);
      const wantL = await lettersOf(a);
      expect(await lettersWalked(a), a.username).toEqual(wantL);
      expect(await lettersWalked(widen(a)), `${a.username} wide`).toEqual(wantL);
      seen += want.length + wantL.length;
    }
    expect(seen).toBeGreaterThan(0);
    const scoped = actors.filter((a) => a.scope.orgIds.length > 0 && !a.scope.wide);
    expect(scoped.length).toBeGreaterThan(3);
    const rq = ReformRecordQuerySchema.parse({});
    const lq = LetterListQuerySchema.parse({});
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => scoped[i % scoped.length]!),
        fc.integer({ min: 1, max: 9 }),
        async (actor, pageSize) => {
          const wide = widen(actor);
          expect(await walk((page, size) => listRecords(ctxOf(wide), { ...rq, page, pageSize: size }), pageSize), actor.username).toEqual(
            await recordsOf(actor),
          );
          expect(await walk((page, size) => listLetters(ctxOf(wide), { ...lq, page, pageSize: size }), pageSize), actor.username).toEqual(
            await lettersOf(actor),
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 480_000);

  it('writes that change what the predicates read move rows in and out of both alike', async () => {
    const scoped = actors.filter((a) => !a.roles.includes('UNIT_LIAISON') && a.scope.orgIds.length > 0 && !a.scope.wide);
    const cases = (await sql<{ id: string }>`SELECT id FROM case_file WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map(
      (r) => r.id,
    );
    const records = (await sql<{ id: string }>`SELECT id FROM reform_record WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map(
      (r) => r.id,
    );
    const letters = (await sql<{ id: string }>`SELECT id FROM letter WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map(
      (r) => r.id,
    );
    const orgs = [...new Set(scoped.flatMap((a) => a.scope.orgIds))].sort();
    const levels = ClassificationSchema.options;
    const states = ['INVESTIGATING', 'IN_TRIAL', 'DECIDED', 'EXECUTED', 'FILED'];
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => scoped[i % scoped.length]!),
        fc.constantFrom('caseState', 'caseLeadOrg', 'caseClassification', 'classification', 'orgs', 'recusal', 'caseTeam', 'coOwner', 'letterCase'),
        fc.nat(),
        fc.nat(),
        async (actor, write, i, j) => {
          const before = [...(await recordsWalked(actor)), ...(await lettersWalked(actor))].join();
          const kase = cases[i % cases.length]!;
          const rec = records[i % records.length]!;
          const letter = letters[j % letters.length]!;
          // An org in the actor's scope or out of it.
          const org = j % 2 === 0 ? actor.scope.orgIds[j % actor.scope.orgIds.length]! : orgs[j % orgs.length]!;
          if (write === 'caseState') await sql`UPDATE case_file SET state = ${states[j % states.length]} WHERE id = ${kase}::uuid`.execute(t.owner);
          else if (write === 'caseLeadOrg') await sql`UPDATE case_file SET lead_org_id = ${org}::uuid WHERE id = ${kase}::uuid`.execute(t.owner);
          else if (write === 'caseClassification') {
            await sql`UPDATE case_file SET classification = ${levels[j % levels.length]} WHERE id = ${kase}::uuid`.execute(t.owner);
          } else if (write === 'classification') {
            await sql`UPDATE reform_record SET classification = ${levels[j % levels.length]} WHERE id = ${rec}::uuid`.execute(t.owner);
            await sql`UPDATE letter SET classification = ${levels[i % levels.length]} WHERE id = ${letter}::uuid`.execute(t.owner);
          } else if (write === 'orgs') {
            await sql`UPDATE reform_record SET ${sql.raw(j % 3 === 0 ? 'unit_org_id' : 'owner_org_id')} = ${org}::uuid WHERE id = ${rec}::uuid`.execute(
              t.owner,
            );
            await sql`UPDATE letter SET ${sql.raw(i % 2 === 0 ? 'recipient_org_id' : 'drafting_org_id')} = ${org}::uuid WHERE id = ${letter}::uuid`.execute(
              t.owner,
            );
          } else if (write === 'coOwner') {
            if (j % 3 === 0) await sql`DELETE FROM reform_record_co_owner WHERE record_id = ${rec}::uuid`.execute(t.owner);
            else {
              await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id) SELECT commission_id, id, ${org}::uuid
                FROM reform_record WHERE id = ${rec}::uuid AND owner_org_id <> ${org}::uuid ON CONFLICT DO NOTHING`.execute(t.owner);
            }
          } else if (write === 'letterCase') {
            await sql`UPDATE letter SET case_id = ${j % 4 === 0 ? null : kase}::uuid WHERE id = ${letter}::uuid`.execute(t.owner);
          } else if (write === 'recusal') {
            const [type, id] = [
              ['reform_record', rec],
              ['case', kase],
              ['letter', letter],
            ][j % 3]!;
            await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
              VALUES (${commissionId}::uuid, ${actor.userId}::uuid, ${type}, ${id}::uuid, '演示数据：回避') ON CONFLICT DO NOTHING`.execute(t.owner);
          } else {
            // Joins the case's team (or leaves it): the case's team arm.
            await joinOrLeaveCaseTeam(t.db, t.owner, commissionId, kase, actor);
          }
          const want = await recordsOf(actor);
          const wantL = await lettersOf(actor);
          expect(await recordsWalked(actor), `${actor.username} ${write}`).toEqual(want);
          expect(await recordsWalked(widen(actor)), `${actor.username} ${write} wide`).toEqual(want);
          expect(await lettersWalked(actor), `${actor.username} ${write}`).toEqual(wantL);
          expect(await lettersWalked(widen(actor)), `${actor.username} ${write} wide`).toEqual(wantL);
          if ([...want, ...wantL].join() !== before) moved++;
        },
      ),
      { numRuns: 60, seed: 1206 },
    );
    // Not a test that cannot fail: the writes did change what the actors see.
    expect(moved).toBeGreaterThan(2);
  }, 480_000);
});
