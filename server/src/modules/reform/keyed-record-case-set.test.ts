/**
 * Issue 12: the record ledger's "case's other arms" (team, 专班) test a record's case by its ids read off those arms' own
 * sets and the case's commission by its key (`caseRestSet`, `RecordVisibleOptions.caseSet` 'keyed'), not every team case
 * looked up in case_file first ('gathered'). Property: for random actors and random writes — the actor joins or leaves a
 * case's team, of this commission or of another one, and a record is moved onto a case of this commission or off any
 * (onto a case of another one: refused by the database, migration 0095) — the keyed predicate and the gathered one admit
 * the same records, and so do the walk's two (`reformVisible` itself: walked-ledgers and keyed-records); the writes do
 * move rows.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createOtherCommission } from '../../../test/fixtures';
import { actorOf as walkerActorOf } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { reformVisibleKeyed, reformWalkVisible } from '../visibility';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;
/** Cases of this commission and of another one (the actor on a foreign case's team; a record linked to one: refused, 0095). */
let cases: string[] = [];
let foreignCases = new Set<string>();
let records: string[] = [];

const ids = async (where: ReturnType<typeof sql<boolean>>) =>
  (await sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE ${where} ORDER BY r.created_at DESC, r.id`.execute(t.db)).rows.map((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  const other = await createOtherCommission(t.db);
  await sql`CREATE TEMP TABLE kc_case AS SELECT * FROM case_file WHERE commission_id = ${commissionId}::uuid ORDER BY id LIMIT 6`.execute(t.owner);
  await sql`UPDATE kc_case SET id = gen_random_uuid(), commission_id = ${other.commissionId}::uuid, lead_org_id = ${other.orgId}::uuid,
      case_no = case_no || '-外'`.execute(t.owner);
  await sql`INSERT INTO case_file SELECT * FROM kc_case`.execute(t.owner);
  const own = (await sql<{ id: string }>`SELECT id FROM case_file WHERE commission_id = ${commissionId}::uuid ORDER BY id LIMIT 12`.execute(t.db)).rows;
  const foreign = (await sql<{ id: string }>`SELECT id FROM kc_case ORDER BY id`.execute(t.owner)).rows;
  cases = [...own, ...foreign].map((r) => r.id);
  foreignCases = new Set(foreign.map((r) => r.id));
  records = (await sql<{ id: string }>`SELECT id FROM reform_record WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map(
    (r) => r.id,
  );
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());

describe('the record ledger: the case team and 专班 arms by their ids = the cases gathered (property)', () => {
  it('random actors, team memberships and record links over two commissions: the same records', async () => {
    let moved = 0;
    let viaTeam = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => actors[i % actors.length]!),
        fc.constantFrom('team', 'link'),
        fc.nat(),
        fc.nat(),
        async (actor, write, i, j) => {
          const want0 = await ids(reformVisibleKeyed(actor, 'r', { caseSet: 'gathered' }));
          const kase = cases[i % cases.length]!;
          const rec = records[j % records.length]!;
          if (write === 'team') {
            // The actor onto the case's team (of whichever commission), or off it.
            const on = await sql`UPDATE case_team_member SET left_on = current_date WHERE case_id = ${kase}::uuid AND user_id = ${actor.userId}::uuid
              AND left_on IS NULL`.execute(t.owner);
            if (!Number(on.numAffectedRows)) {
              await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id)
                SELECT k.commission_id, k.id, 'INVESTIGATION', ${actor.userId}::uuid, ${actor.orgId}::uuid FROM case_file k WHERE k.id = ${kase}::uuid`.execute(
                t.owner,
              );
            }
          } else if (foreignCases.has(kase) && j % 5 !== 0) {
            // A record of this commission onto a case of another one: refused, nothing written (0095).
            const before = (await sql<{ case_id: string | null }>`SELECT case_id FROM reform_record WHERE id = ${rec}::uuid`.execute(t.owner)).rows[0];
            await expect(sql`UPDATE reform_record SET case_id = ${kase}::uuid, origin = 'CASE' WHERE id = ${rec}::uuid`.execute(t.owner)).rejects.toThrow(
              /another commission/,
            );
            expect((await sql<{ case_id: string | null }>`SELECT case_id FROM reform_record WHERE id = ${rec}::uuid`.execute(t.owner)).rows[0]).toEqual(before);
          } else {
            // One record per case: the case's record (if another) let go first.
            await sql`UPDATE reform_record SET case_id = NULL, origin = 'CAMPAIGN' WHERE case_id = ${kase}::uuid AND id <> ${rec}::uuid`.execute(t.owner);
            await sql`UPDATE reform_record SET case_id = ${j % 5 === 0 ? null : kase}::uuid, origin = ${j % 5 === 0 ? 'CAMPAIGN' : 'CASE'}
              WHERE id = ${rec}::uuid`.execute(t.owner);
          }
          // The reference here is the same stored gate (0059) with the cases gathered.
          const want = await ids(reformVisibleKeyed(actor, 'r', { caseSet: 'gathered' }));
          expect(await ids(reformVisibleKeyed(actor, 'r')), `${actor.username} ${write} keyed`).toEqual(want);
          expect(await ids(reformVisibleKeyed(actor, 'r', { hashedSets: true })), `${actor.username} ${write} hashed`).toEqual(want);
          expect(await ids(reformWalkVisible(actor, 'r')), `${actor.username} ${write} walked`).toEqual(
            await ids(reformWalkVisible(actor, 'r', { caseSet: 'gathered' })),
          );
          if (want.join() !== want0.join()) moved++;
          // Records of a team case the scope does not otherwise reach: the arm is exercised.
          viaTeam += (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM reform_record r JOIN case_team_member m ON m.case_id = r.case_id
              WHERE m.user_id = ${actor.userId}::uuid AND m.left_on IS NULL`.execute(t.db)
          ).rows[0]!.n;
        },
      ),
      { numRuns: 150, seed: 1206 },
    );
    expect(moved).toBeGreaterThan(4);
    expect(viaTeam).toBeGreaterThan(0);
  }, 480_000);
});
