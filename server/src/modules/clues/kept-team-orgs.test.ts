/**
 * The orgs a case team membership keeps of its case (issue 12): the case's lead org (0068), read by the team arm of
 * caseVisible, and its clues' undertaking org (0073), read by the team arm of clueVisible — each follows every write
 * that moves it, concurrent ones too (the data set: server/test/keyed-ledger-data.ts, as keyed-ledger.test.ts's).
 */
import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type ActorSpec, insertClue, keyedLedgerFile, MARK } from '../../../test/keyed-ledger-data';
import { listCases } from '../cases';
import { ledgerRows } from './service-ledger';

const d = keyedLedgerFile();

/** A county's staff (the pool's org 11) with the account `user` of the pool: no grants, cleared for work secrets. */
const countyStaff = (user: number): ActorSpec => ({
  roles: ['COUNTY_STAFF'],
  wide: false,
  scope: [11],
  org: 11,
  user,
  clearance: 'WORK_SECRET',
  grantIds: [],
  grantOwners: [],
  fullGrants: false,
  widen: false,
});

/**
 * A's write done and not committed when B's write starts (B waits for A: both touch one case's memberships), then A
 * committed, then B.
 */
async function bAfterA(a: pg.Client, b: pg.Client, writeA: () => Promise<unknown>, writeB: () => Promise<unknown>): Promise<void> {
  await a.query('BEGIN');
  await writeA();
  await b.query('BEGIN');
  const waiting = writeB();
  await new Promise((r) => setTimeout(r, 150));
  await a.query('COMMIT');
  await waiting;
  await b.query('COMMIT');
}

describe('the lead org kept on a case team membership (0068)', () => {
  it('follows the case: on joining, on moving to another case, and when the case changes lead org', async () => {
    const drift = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member m JOIN case_file k ON k.id = m.case_id
          WHERE m.case_lead_org_id IS DISTINCT FROM k.lead_org_id`.execute(d.t.db)
      ).rows[0]?.n;
    // A county member on the team of a case its county leads sees it (lead-org arm); once the case is led elsewhere,
    // still (team arm) — the membership no longer says "led in your scope".
    const member = d.users[3] as string;
    const c = d.caseIds[5] as string;
    const county = d.orgs[11] as string;
    await sql`UPDATE case_file SET lead_org_id = ${county}::uuid, state = 'INVESTIGATING', year = 2031 WHERE id = ${c}::uuid`.execute(d.t.db);
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
      SELECT ${d.commissionId}::uuid, ${c}::uuid, 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = ${member}::uuid
      ON CONFLICT DO NOTHING`.execute(d.t.db);
    const actor = d.actorOf(countyStaff(3));
    const seen = async () =>
      (
        await listCases(d.ctxOf(actor), CaseListQuerySchema.parse({ year: 2031, pageSize: 100 }), 'list', { grants: { byType: {}, fingerprint: '' } })
      ).items.map((x) => x.id);
    expect(await seen()).toContain(c);
    await sql`UPDATE case_file SET lead_org_id = ${d.orgs[12]}::uuid WHERE id = ${c}::uuid`.execute(d.t.db);
    expect(await seen()).toContain(c);
    expect(await drift()).toBe(0);
    const [a, b] = d.caseIds;
    await sql`UPDATE case_file SET lead_org_id = ${d.orgs[7]}::uuid WHERE id = ${a}::uuid`.execute(d.t.db);
    await sql`UPDATE case_team_member SET case_id = ${b}::uuid, case_lead_org_id = ${d.orgs[8]}::uuid WHERE case_id = ${a}::uuid AND left_on IS NOT NULL`.execute(
      d.t.db,
    );
    expect(await drift()).toBe(0);
  });
});

describe('the undertaking org kept on a case team membership (0073)', () => {
  it('follows the clues of the case: filed, moved to another undertaking org or case, joined by another clue; memberships joined and moved', async () => {
    // A county member on the team of a case filed on a clue the county undertakes (received and about someone elsewhere):
    // the undertaking-org arm shows it, the team arm leaves the case out. Once the clue is undertaken elsewhere, or the
    // case has a clue of another undertaking org, the team arm shows them — the membership must say so at once.
    const county = d.orgs[11] as string;
    const elsewhere = d.orgs[12] as string;
    const member = d.users[4] as string;
    const k = d.caseIds[9] as string;
    const actor = d.actorOf(countyStaff(4));
    const addClue = (undertaking: string, caseId: string | null) =>
      insertClue(d.t.db, {
        commissionId: d.commissionId,
        year: 2032,
        receivingOrgId: elsewhere,
        title: `${MARK}城关承办`,
        undertakingOrgId: undertaking,
        caseId,
      });
    const seen = async () =>
      (
        await ledgerRows(d.ctxOf(actor), ClueQuerySchema.parse({ year: 2032, pageSize: 100 }), 100, 0, 'list', {
          shared: { use: 'any', grants: { byType: {}, fingerprint: '' } },
        })
      ).items
        .map((x) => x.id)
        .sort();
    const kept = async (caseId: string) =>
      (
        await sql<{
          o: string | null;
        }>`SELECT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${caseId}::uuid AND user_id = ${member}::uuid`.execute(d.t.db)
      ).rows[0]?.o;

    await sql`DELETE FROM case_team_member WHERE case_id = ${k}::uuid OR (user_id = ${member}::uuid AND case_id = ANY(${d.caseIds.slice(10, 12)}::uuid[]))`.execute(
      d.t.db,
    );
    await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k}::uuid`.execute(d.t.db);
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
      SELECT ${d.commissionId}::uuid, ${k}::uuid, 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = ${member}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBeNull();
    // 立案: the clue filed as the case — the membership keeps the county.
    const x = await addClue(county, null);
    await sql`UPDATE clue SET case_id = ${k}::uuid WHERE id = ${x}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBe(county);
    expect(await seen()).toEqual([x]);
    // 改办: undertaken elsewhere — seen through the team now.
    await sql`UPDATE clue SET undertaking_org_id = ${elsewhere}::uuid WHERE id = ${x}::uuid`.execute(d.t.db);
    expect(await seen()).toEqual([x]);
    expect(await kept(k)).toBe(elsewhere);
    await sql`UPDATE clue SET undertaking_org_id = ${county}::uuid WHERE id = ${x}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBe(county);
    // A second clue of another undertaking org filed as the case (并案): nothing left out.
    const y = await addClue(elsewhere, k);
    expect(await seen()).toEqual([x, y].sort());
    expect(await kept(k)).toBeNull();
    // That clue moved to another case, then removed: the county again.
    await sql`UPDATE clue SET case_id = ${d.caseIds[10]}::uuid WHERE id = ${y}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBe(county);
    expect(await seen()).toEqual([x]);
    const z = await addClue(elsewhere, k);
    expect(await kept(k)).toBeNull();
    await sql`DELETE FROM clue WHERE id = ${z}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBe(county);
    // The clue moved to a case of no clue of the county (its membership too): the membership on the old case keeps nothing.
    const k2 = d.caseIds[11] as string;
    await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k2}::uuid`.execute(d.t.db);
    await sql`UPDATE clue SET case_id = ${k2}::uuid, undertaking_org_id = ${elsewhere}::uuid WHERE id = ${x}::uuid`.execute(d.t.db);
    expect(await kept(k)).toBeNull();
    await sql`UPDATE case_team_member SET case_id = ${k2}::uuid WHERE case_id = ${k}::uuid AND user_id = ${member}::uuid`.execute(d.t.db);
    expect(await kept(k2)).toBe(elsewhere);
    expect(await seen()).toEqual([x]);
    // A change of the case's lead org (指定管辖) leaves the clues' undertaking org as it is.
    await sql`UPDATE case_file SET lead_org_id = ${county}::uuid WHERE id = ${k2}::uuid`.execute(d.t.db);
    expect(await kept(k2)).toBe(elsewhere);
    expect(await d.clueKeyDrift()).toBe(0);
  });
});

describe('the undertaking org kept on a membership under concurrent writes (0073)', () => {
  it('a membership joined while a clue of the case moves, and two clues of one case moving at once: the value both writes leave', async () => {
    const [u, v] = [d.orgs[20] as string, d.orgs[21] as string];
    const k = d.caseIds[30] as string;
    const a = new pg.Client({ connectionString: d.t.appDatabaseUrl });
    const b = new pg.Client({ connectionString: d.t.appDatabaseUrl });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await sql`DELETE FROM case_team_member WHERE case_id = ${k}::uuid`.execute(d.t.db);
      await sql`UPDATE clue SET case_id = NULL WHERE case_id = ${k}::uuid`.execute(d.t.db);
      const [x, y] = d.clueIds.slice(200, 202) as [string, string];
      await sql`UPDATE clue SET case_id = ${k}::uuid, undertaking_org_id = ${u}::uuid WHERE id = ANY(${[x, y]}::uuid[])`.execute(d.t.db);
      const join = (user: string) =>
        `INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on)
         SELECT '${d.commissionId}', '${k}', 'INVESTIGATION', u.id, u.org_id, '2026-01-01' FROM app_user u WHERE u.id = '${user}'`;
      // A moves both clues elsewhere and has not committed when B joins the team: B waits for A, then keeps v.
      await bAfterA(
        a,
        b,
        () => a.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = ANY($2::uuid[])', [v, [x, y]]),
        () => b.query(join(d.users[5] as string)),
      );
      expect(
        (await sql<{ o: string | null }>`SELECT DISTINCT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${k}::uuid`.execute(d.t.db)).rows,
      ).toEqual([{ o: v }]);
      // A and B each move one of the two clues (u, v → v, u): both committed, the case has two undertaking orgs.
      await sql`UPDATE clue SET undertaking_org_id = ${u}::uuid WHERE id = ${x}::uuid`.execute(d.t.db);
      await bAfterA(
        a,
        b,
        () => a.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = $2', [v, x]),
        () => b.query('UPDATE clue SET undertaking_org_id = $1 WHERE id = $2', [u, y]),
      );
      expect(
        (await sql<{ o: string | null }>`SELECT DISTINCT clue_undertaking_org_id AS o FROM case_team_member WHERE case_id = ${k}::uuid`.execute(d.t.db)).rows,
      ).toEqual([{ o: null }]);
      expect(await d.clueKeyDrift()).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
