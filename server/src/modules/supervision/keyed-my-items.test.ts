/**
 * Issue 12: my-items (every role) and the 以案促改 record ledger page arm by arm of their visibility OR
 * (pageRowsByArms, migration 0056). Property: for random actors (group, office, county, 分管领导, commission-wide),
 * roles, filters and page sizes, walking every page gives exactly the ids, in the same order, that the original
 * predicate gives (the item scope as `itemVisible`, the roles as the OR of lead / assist / responsible; the records as
 * `reformVisible`), the capped total agrees, and a record's letter and task counts are the original ORs' counts.
 * The demo's items and records are multiplied over random orgs, lists, cases (decided or not), co-owners and
 * campaigns, with ties on the sort keys; lists whose liaison office alone puts their items in an account's scope. A
 * `role=scope` reader is also drawn with a scope of many orgs: repeated past KEYED_PROBE_LIMIT (the walk, its org sets and
 * the item's own list hashed) or joined by SHARED_ARRAY_MIN distinct orgs (the lists through the orgs hashed, each org
 * list sent once per statement).
 */
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { MyItemsQuerySchema } from '@liandong/domain/supervision/contracts';
import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf, walk } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { SHARED_ARRAY_MIN } from '../../platform/arrays-once';
import { KEYED_PROBE_LIMIT } from '../../platform/keyed-page';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { listRecords, RECORD_WALK_PROBES } from '../reform';
import { letterVisible, reformVisible, taskVisible } from '../visibility';
import { lightDates, lightIs } from './light';
import { itemOwnVisible, itemVisible } from './repo';
import { myItems } from './service-my';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;

const actorOf = (userId: string) => walkerActorOf(t.db, userId);
const ctxOf = (actor: Actor) => walkerCtxOf(t.db, actor);

const randomOrg = (table: string) =>
  sql.raw(`(SELECT o.id FROM org o WHERE o.commission_id = ${table}.commission_id AND ${table}.id IS NOT NULL ORDER BY random() LIMIT 1)`);

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  // Items: copies of the demo's over random lists, lead and assist orgs (a list arm, a lead arm and an assist arm
  // each carry some), due dates with ties and none.
  await sql`CREATE TEMP SEQUENCE kx_seq START 100000`.execute(t.owner);
  await sql`CREATE TEMP TABLE kx_item AS SELECT * FROM supervision_item`.execute(t.owner);
  await sql`CREATE TEMP TABLE kx_rec AS SELECT * FROM reform_record`.execute(t.owner);
  // The business accounts (their orgs lead cases and own records below, so that every arm carries rows of their own).
  const business = sql`SELECT u.id, u.org_id FROM app_user u WHERE u.commission_id = ${commissionId}::uuid
    AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN'))`;
  // Cases for records to be born from (one record per case), decided or not, led by the accounts' orgs or any org.
  await sql`INSERT INTO case_file (commission_id, year, seq, case_no, title, subject_name, lead_org_id, state, filed_on, classification)
    SELECT ${commissionId}::uuid, 2026, 900000 + g, '兰纪案〔2026〕' || (900000 + g) || '号', '以案促改测试案件（演示数据）' || g, '测试对象',
           CASE WHEN g % 3 = 0 THEN (SELECT o.id FROM org o WHERE o.commission_id = ${commissionId}::uuid AND g > 0 ORDER BY random() LIMIT 1)
                ELSE (SELECT b.org_id FROM (${business}) b WHERE g > 0 ORDER BY random() LIMIT 1) END,
           (ARRAY['FILED','INVESTIGATING','IN_TRIAL','DECIDED','ARCHIVED'])[1 + g % 5], date '2026-01-01' + g % 30,
           (ARRAY['PUBLIC','PUBLIC','WORK_SECRET','SECRET'])[1 + g % 4]
      FROM generate_series(1, 150) g`.execute(t.owner);
  // Lists whose owner group is any org and whose liaison office is an account's org: items seen through the liaison
  // office alone (the list arm's second half).
  await sql`CREATE TEMP TABLE kx_list AS SELECT * FROM supervision_list WHERE commission_id = ${commissionId}::uuid`.execute(t.owner);
  await sql`UPDATE kx_list SET id = gen_random_uuid(), year = 2040 + floor(random() * 60)::int, doc_no = NULL, issued_on = NULL, issued_by = NULL,
      owner_group_id = ${randomOrg('kx_list')},
      liaison_office_id = (SELECT b.org_id FROM (${business}) b WHERE kx_list.id IS NOT NULL ORDER BY random() LIMIT 1)`.execute(t.owner);
  await sql`INSERT INTO supervision_list SELECT * FROM kx_list ON CONFLICT DO NOTHING`.execute(t.owner);
  for (let g = 1; g <= 16; g++) {
    if (g <= 4) await copyItems();
    // Records: over random owner and unit orgs (half of them the accounts' own), newest-first ties; some born from a
    // case (decided or not), some of a campaign, some with co-owner orgs.
    await sql`UPDATE kx_rec SET id = gen_random_uuid(),
        owner_org_id = CASE WHEN random() < 0.5 THEN ${randomOrg('kx_rec')} ELSE (SELECT b.org_id FROM (${business}) b WHERE kx_rec.id IS NOT NULL ORDER BY random() LIMIT 1) END,
        unit_org_id = ${randomOrg('kx_rec')},
        created_at = timestamptz '2026-01-01' + (floor(random() * 4) || ' days')::interval,
        case_id = NULL, origin = CASE WHEN finding_id IS NULL THEN 'CAMPAIGN' ELSE 'FINDING' END,
        campaign_id = CASE WHEN random() < 0.4 THEN (SELECT c.id FROM campaign c WHERE c.commission_id = kx_rec.commission_id AND kx_rec.id IS NOT NULL ORDER BY random() LIMIT 1) END`.execute(
      t.owner,
    );
    await sql`WITH free AS (SELECT c.id, row_number() OVER (ORDER BY random()) AS n FROM case_file c
          WHERE c.commission_id = ${commissionId}::uuid AND NOT EXISTS (SELECT 1 FROM reform_record r WHERE r.case_id = c.id)),
        pick AS (SELECT k.id, row_number() OVER (ORDER BY random()) AS n FROM kx_rec k)
      UPDATE kx_rec SET case_id = free.id, origin = 'CASE', finding_id = NULL, campaign_id = NULL FROM pick JOIN free USING (n)
      WHERE kx_rec.id = pick.id AND random() < 0.6`.execute(t.owner);
    await sql`INSERT INTO reform_record SELECT * FROM kx_rec`.execute(t.owner);
    await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id)
      SELECT k.commission_id, k.id, ${randomOrg('k')} FROM kx_rec k WHERE random() < 0.4 ON CONFLICT DO NOTHING`.execute(t.owner);
  }
  async function copyItems() {
    await sql`UPDATE kx_item SET id = gen_random_uuid(), seq = nextval('kx_seq'),
        list_id = (SELECT l.id FROM supervision_list l WHERE l.commission_id = kx_item.commission_id AND kx_item.id IS NOT NULL ORDER BY random() LIMIT 1),
        lead_org_id = ${randomOrg('kx_item')},
        assist_org_id = CASE WHEN random() < 0.5 THEN ${randomOrg('kx_item')} END,
        due_date = CASE WHEN random() < 0.2 THEN NULL ELSE date '2026-03-01' + floor(random() * 4)::int END`.execute(t.owner);
    await sql`UPDATE kx_item SET assist_side = CASE WHEN assist_org_id IS NULL THEN NULL ELSE 'OFFICE' END`.execute(t.owner);
    await sql`INSERT INTO supervision_item SELECT * FROM kx_item`.execute(t.owner);
  }
  // The other arms of the keyed record ledger (migration 0059): accounts on the teams of records' cases (an active
  // membership and one that ended), in the 专班 of campaigns that tag records (in force today and expired), recused from
  // visible records or their cases; cases whose lead org moved (指定管辖: the record's key follows by trigger); records
  // and cases classified above some accounts' clearance.
  await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, left_on)
    SELECT r.commission_id, r.case_id, 'INVESTIGATION', u.id, u.org_id, CASE WHEN random() < 0.2 THEN current_date - 1 END
      FROM (SELECT * FROM reform_record WHERE case_id IS NOT NULL ORDER BY random() LIMIT 40) r
      CROSS JOIN LATERAL (SELECT b.id, b.org_id FROM (${business}) b WHERE r.id IS NOT NULL ORDER BY random() LIMIT 2) u
    ON CONFLICT DO NOTHING`.execute(t.owner);
  await sql`INSERT INTO task_force (commission_id, name_zh, campaign_id, purpose, valid_from)
    SELECT c.commission_id, '专班（演示数据）' || c.name, c.id, 'CAMPAIGN', current_date - 30 FROM campaign c
     WHERE c.commission_id = ${commissionId}::uuid AND NOT EXISTS (SELECT 1 FROM task_force tf WHERE tf.campaign_id = c.id)`.execute(t.owner);
  await sql`INSERT INTO task_force_member (commission_id, task_force_id, user_id, valid_from, valid_to)
    SELECT tf.commission_id, tf.id, u.id, current_date - 10, CASE WHEN random() < 0.25 THEN current_date - 1 ELSE current_date + 10 END
      FROM task_force tf CROSS JOIN LATERAL (SELECT b.id FROM (${business}) b WHERE tf.id IS NOT NULL ORDER BY random() LIMIT 6) u
     WHERE tf.campaign_id IS NOT NULL AND tf.commission_id = ${commissionId}::uuid`.execute(t.owner);
  // Renewed memberships: the same member twice in force (the campaign is one key, probed and counted once).
  await sql`INSERT INTO task_force_member (commission_id, task_force_id, user_id, valid_from, valid_to)
    SELECT commission_id, task_force_id, user_id, current_date - 5, current_date + 20 FROM task_force_member
     WHERE valid_to >= current_date ORDER BY random() LIMIT 6`.execute(t.owner);
  await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
    SELECT r.commission_id, u.id, 'reform_record', r.id, '测试回避（演示数据）' FROM reform_record r JOIN app_user u ON u.org_id = r.owner_org_id
     WHERE r.commission_id = ${commissionId}::uuid ORDER BY random() LIMIT 30 ON CONFLICT DO NOTHING`.execute(t.owner);
  await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
    SELECT r.commission_id, u.id, 'case', r.case_id, '测试回避（演示数据）' FROM reform_record r JOIN app_user u ON u.org_id IN (r.owner_org_id, r.case_lead_org_id)
     WHERE r.commission_id = ${commissionId}::uuid AND r.case_id IS NOT NULL ORDER BY random() LIMIT 30 ON CONFLICT DO NOTHING`.execute(t.owner);
  // Led by (and co-owned by) the orgs the accounts sit in, so that the case and co-owner arms carry records of their own.
  await sql`UPDATE case_file k SET lead_org_id = (SELECT b.org_id FROM (${business}) b WHERE k.id IS NOT NULL ORDER BY random() LIMIT 1)
    WHERE k.id IN (SELECT case_id FROM reform_record WHERE case_id IS NOT NULL ORDER BY random() LIMIT 60)`.execute(t.owner);
  await sql`INSERT INTO reform_record_co_owner (commission_id, record_id, org_id)
    SELECT r.commission_id, r.id, (SELECT b.org_id FROM (${business}) b WHERE r.id IS NOT NULL ORDER BY random() LIMIT 1)
      FROM reform_record r WHERE r.commission_id = ${commissionId}::uuid ORDER BY random() LIMIT 40 ON CONFLICT DO NOTHING`.execute(t.owner);
  await sql`UPDATE reform_record SET classification = (ARRAY['PUBLIC','WORK_SECRET','SECRET','CONFIDENTIAL'])[1 + floor(random() * 4)::int]
    WHERE commission_id = ${commissionId}::uuid AND random() < 0.4`.execute(t.owner);
  await sql`UPDATE case_file SET classification = 'SECRET' WHERE id IN (SELECT case_id FROM reform_record WHERE case_id IS NOT NULL ORDER BY random() LIMIT 30)`.execute(
    t.owner,
  );
  // Letters of the copied records (the counts): a few letters moved onto them.
  await sql`UPDATE letter l SET record_id = (SELECT r.id FROM reform_record r WHERE l.id IS NOT NULL ORDER BY random() LIMIT 1)
    WHERE l.commission_id = ${commissionId}::uuid AND random() < 0.5`.execute(t.owner);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await actorOf(r.id));
}, 240_000);
afterAll(() => t.close());

const actorArb = () => fc.integer({ min: 0, max: 10_000 }).map((i) => actors[i % actors.length]!);

/** The role's condition as my-items wrote it before issue 12 (items `i` of lists `l`). */
function roleWhere(actor: Actor, role: string): RawBuilder<boolean> {
  const org = actor.orgId;
  if (role === 'scope') return itemVisible(actor);
  const mine =
    role === 'lead'
      ? sql`i.lead_org_id = ${org}::uuid`
      : role === 'assist'
        ? sql`i.assist_org_id = ${org}::uuid`
        : sql`(i.lead_org_id = ${org}::uuid OR i.assist_org_id = ${org}::uuid OR i.responsible_user_ids @> ARRAY[${actor.userId}::uuid])`;
  return sql<boolean>`(i.commission_id = ${actor.commissionId}::uuid AND ${mine} AND ${itemOwnVisible(actor)})`;
}

describe('my items and reform records = the original predicate (property)', () => {
  it('my items: every role, filters, every page, the capped total', async () => {
    const commissionOrgs = (
      await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY md5(id::text)`.execute(t.db)
    ).rows.map((r) => r.id);
    expect(commissionOrgs.length).toBeGreaterThan(SHARED_ARRAY_MIN + 5);
    expect(actors.length).toBeGreaterThan(10);
    const counted = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_item`.execute(t.db)).rows[0]!.n;
    expect(counted).toBeGreaterThan(20);
    // The years of the items (with one asked, a scope reads only that year's lists: repo.ts itemScopeArms `listYear`).
    const years = (await sql<{ y: number }>`SELECT DISTINCT year AS y FROM supervision_item ORDER BY 1`.execute(t.db)).rows.map((r) => r.y);
    expect(years.length).toBeGreaterThan(1);
    await fc.assert(
      fc.asyncProperty(
        actorArb(),
        fc.constantFrom('all', 'lead', 'assist', 'scope'),
        // Small pages (many pages walked) and the screens' sizes (the first page a named statement: keyed-page.ts opensLedger).
        fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(10, 20)),
        fc.option(fc.constantFrom('GREEN', 'YELLOW', 'RED', 'DONE'), { nil: undefined }),
        fc.option(fc.constantFrom('IN_PROGRESS', 'APPROVED', 'COMPLETED'), { nil: undefined }),
        fc.boolean(),
        fc.option(fc.constantFrom(...years), { nil: undefined, freq: 2 }),
        async (scoped, role, pageSize, light, state, wide, year) => {
          // The demo's scopes are small: the same orgs repeated stand for a 分管领导's scope of many orgs — over
          // LIST_HASH_ORGS (the lists found through the orgs hashed) and over KEYED_PROBE_LIMIT probes (the ledger's
          // order walked with the org sets hashed) — with the same visible items.
          // Or the scope joined by SHARED_ARRAY_MIN orgs of the commission (distinct: the org list sent once per statement).
          const copies = Math.ceil((KEYED_PROBE_LIMIT + 1) / Math.max(1, scoped.scope.orgIds.length));
          const many = [...new Set([...scoped.scope.orgIds, ...commissionOrgs.slice(0, SHARED_ARRAY_MIN + (pageSize % 5))])];
          const actor =
            wide && !scoped.scope.wide && scoped.scope.orgIds.length > 0
              ? { ...scoped, scope: { ...scoped.scope, orgIds: Array.from({ length: copies }, () => scoped.scope.orgIds).flat() } }
              : !wide && role === 'scope' && !scoped.scope.wide && scoped.scope.orgIds.length > 0 && pageSize % 2 === 0
                ? { ...scoped, scope: { ...scoped.scope, orgIds: many } }
                : scoped;
          const q = MyItemsQuerySchema.parse({ role, ...(light ? { light } : {}), ...(state ? { state } : {}), ...(year ? { year } : {}) });
          const d = await lightDates(t.db, actor.commissionId);
          const w = [roleWhere(actor, role)];
          if (q.light) w.push(lightIs('i.state', 'i.due_date', q.light, d));
          if (q.state) w.push(sql<boolean>`i.state = ${q.state}`);
          if (q.year !== undefined) w.push(sql<boolean>`i.year = ${q.year}`);
          const want = (
            await sql<{ id: string }>`SELECT i.id FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
              WHERE ${sql.join(w, sql` AND `)} ORDER BY i.due_date ASC NULLS LAST, i.year DESC, i.seq, i.id`.execute(t.db)
          ).rows.map((r) => r.id);
          const ctx = ctxOf(actor);
          expect(await walk((page, size) => myItems(ctx, { ...q, page, pageSize: size }), pageSize), `${actor.username} ${role}`).toEqual(want);
          const first = await myItems(ctx, { ...q, page: 1, pageSize });
          expect(first.total).toBe(Math.min(want.length, TOTAL_CAP));
          expect(first.totalCapped).toBe(want.length > TOTAL_CAP);
        },
      ),
      { numRuns: 60 },
    );
  }, 360_000);

  it('reform records: filters, every page, the capped total, the letter and task counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        actorArb(),
        // Small pages (many pages walked) and the screens' sizes (the first page a named statement: keyed-page.ts opensLedger).
        fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(10, 20)),
        fc.option(fc.constantFrom('CASE', 'FINDING', 'CAMPAIGN'), { nil: undefined }),
        fc.option(fc.constantFrom<('COLLECTING' | 'ANALYSED' | 'RECOMMENDED' | 'CLOSED')[]>(['COLLECTING'], ['ANALYSED', 'CLOSED']), { nil: undefined }),
        fc.option(fc.constantFrom<Actor['clearance']>('PUBLIC', 'WORK_SECRET', 'SECRET'), { nil: undefined }),
        fc.boolean(),
        async (someone, pageSize, origin, state, clearance, wide) => {
          // A lower clearance than the account's own: records and cases classified above it drop out of every arm.
          const lowered = clearance ? { ...someone, clearance } : someone;
          // The demo's scopes are small: the same orgs repeated stand for a scope of many orgs, which walks the ledger's
          // order instead of probing per org (RECORD_WALK_PROBES) — the same rows either way.
          const copies = Math.ceil((RECORD_WALK_PROBES + 1) / Math.max(1, lowered.scope.orgIds.length));
          const actor = wide ? { ...lowered, scope: { ...lowered.scope, orgIds: Array.from({ length: copies }, () => lowered.scope.orgIds).flat() } } : lowered;
          const q = { ...ReformRecordQuerySchema.parse(origin ? { origin } : {}), ...(state ? { state } : {}) };
          const w = [reformVisible(actor, 'r')];
          if (q.origin) w.push(sql<boolean>`r.origin = ${q.origin}`);
          if (q.state) w.push(sql<boolean>`r.state = ANY(${q.state}::text[])`);
          const want = (
            await sql<{ id: string; letters: number; tasks: number }>`SELECT r.id,
                (SELECT count(*)::int FROM letter rc WHERE (rc.record_id = r.id OR (r.case_id IS NOT NULL AND rc.case_id = r.case_id))
                  AND ${letterVisible(actor, 'rc')}) AS letters,
                (SELECT count(*)::int FROM rectification_task tk WHERE ${taskVisible(actor, 'tk')} AND ((r.finding_id IS NOT NULL AND tk.finding_id = r.finding_id)
                  OR tk.letter_id IN (SELECT rc.id FROM letter rc WHERE rc.record_id = r.id OR (r.case_id IS NOT NULL AND rc.case_id = r.case_id)))) AS tasks
              FROM reform_record r WHERE ${sql.join(w, sql` AND `)} ORDER BY r.created_at DESC, r.id`.execute(t.db)
          ).rows;
          const ctx = ctxOf(actor);
          const pages: { id: string; letterCount: number; taskCount: number }[] = [];
          for (let page = 1; page < 500; page++) {
            const r = await listRecords(ctx, { ...q, page, pageSize });
            pages.push(...r.items.map((i) => ({ id: i.id, letterCount: i.letterCount, taskCount: i.taskCount })));
            if (page === 1) {
              expect(r.total).toBe(Math.min(want.length, TOTAL_CAP));
              expect(r.totalCapped).toBe(want.length > TOTAL_CAP);
            }
            if (r.items.length < pageSize) break;
          }
          expect(pages, actor.username).toEqual(want.map((r) => ({ id: r.id, letterCount: r.letters, taskCount: r.tasks })));
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);

  it('the fixture exercises every arm: list, lead, assist items; case-born (decided or not), campaign and co-owned records', async () => {
    const { rows } = await sql<{
      lists: number;
      liaised: number;
      assists: number;
      cases: number;
      undecided: number;
      campaigns: number;
      coowned: number;
      teams: number;
      forces: number;
      renewed: number;
      recused: number;
      moved: number;
      stale: number;
    }>`SELECT
        (SELECT count(DISTINCT list_id)::int FROM supervision_item) AS lists,
        (SELECT count(*)::int FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id JOIN app_user u ON u.org_id = l.liaison_office_id
          WHERE l.owner_group_id <> u.org_id AND i.lead_org_id <> u.org_id AND i.assist_org_id IS DISTINCT FROM u.org_id) AS liaised,
        (SELECT count(*)::int FROM supervision_item WHERE assist_org_id IS NOT NULL) AS assists,
        (SELECT count(*)::int FROM reform_record WHERE case_id IS NOT NULL) AS cases,
        (SELECT count(*)::int FROM reform_record r JOIN case_file c ON c.id = r.case_id
          WHERE c.state NOT IN ('DECIDED','PROSECUTION_TRANSFERRED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED')) AS undecided,
        (SELECT count(*)::int FROM reform_record WHERE campaign_id IS NOT NULL) AS campaigns,
        (SELECT count(DISTINCT record_id)::int FROM reform_record_co_owner) AS coowned,
        (SELECT count(*)::int FROM case_team_member m JOIN reform_record r ON r.case_id = m.case_id WHERE m.left_on IS NULL) AS teams,
        (SELECT count(*)::int FROM task_force_member m JOIN task_force tf ON tf.id = m.task_force_id
          WHERE current_date BETWEEN m.valid_from AND m.valid_to AND EXISTS (SELECT 1 FROM reform_record r WHERE r.campaign_id = tf.campaign_id)) AS forces,
        (SELECT count(*)::int FROM (SELECT 1 FROM task_force_member WHERE current_date BETWEEN valid_from AND valid_to
          GROUP BY task_force_id, user_id HAVING count(*) > 1) d) AS renewed,
        (SELECT count(*)::int FROM recusal WHERE object_type = 'reform_record' OR object_id IN (SELECT case_id FROM reform_record)) AS recused,
        (SELECT count(*)::int FROM reform_record r JOIN case_file k ON k.id = r.case_id WHERE r.case_lead_org_id <> r.owner_org_id) AS moved,
        (SELECT count(*)::int FROM reform_record r LEFT JOIN case_file k ON k.id = r.case_id
          WHERE r.case_lead_org_id IS DISTINCT FROM k.lead_org_id) AS stale`.execute(t.db);
    const f = rows[0]!;
    expect(f.lists).toBeGreaterThan(1);
    expect(f.liaised).toBeGreaterThan(0);
    expect(f.assists).toBeGreaterThan(0);
    expect(f.cases).toBeGreaterThan(0);
    expect(f.undecided).toBeGreaterThan(0);
    expect(f.campaigns).toBeGreaterThan(0);
    expect(f.coowned).toBeGreaterThan(0);
    expect(f.teams).toBeGreaterThan(0);
    expect(f.forces).toBeGreaterThan(0);
    expect(f.renewed).toBeGreaterThan(0);
    expect(f.recused).toBeGreaterThan(0);
    expect(f.moved).toBeGreaterThan(0);
    // Every record's case key is its case's lead org (the triggers of 0059), after inserts and moved leads.
    expect(f.stale).toBe(0);
  });

  it("a case's lead org moves (指定管辖): its record leaves the old org's ledger and enters the new one's", async () => {
    // Two group accounts with disjoint scopes; a case's record seen by neither through anything but the case (neither on
    // its team nor recused; no 专班 or co-owner; owner and unit outside both scopes), cleared for both; its case led first
    // by A's org, then by B's.
    const scoped = actors.filter((a) => a.roles.includes('GROUP_STAFF') && !a.scope.wide && a.scope.orgIds.length > 0);
    const a = scoped[0]!;
    const b = scoped.find((x) => !x.scope.orgIds.some((o) => a.scope.orgIds.includes(o)))!;
    expect(b).toBeDefined();
    const both = [...a.scope.orgIds, ...b.scope.orgIds];
    const { rows } = await sql<{ id: string; case_id: string; lead: string; rc: string; kc: string }>`SELECT r.id, r.case_id, k.lead_org_id AS lead,
        r.classification AS rc, k.classification AS kc FROM reform_record r JOIN case_file k ON k.id = r.case_id
      WHERE r.commission_id = ${commissionId}::uuid
        AND r.owner_org_id <> ALL(${both}::uuid[]) AND r.unit_org_id <> ALL(${both}::uuid[]) AND r.campaign_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM reform_record_co_owner co WHERE co.record_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = r.case_id AND m.user_id IN (${a.userId}::uuid, ${b.userId}::uuid))
        AND NOT EXISTS (SELECT 1 FROM recusal x WHERE x.object_id IN (r.id, r.case_id) AND x.user_id IN (${a.userId}::uuid, ${b.userId}::uuid))
      ORDER BY r.id LIMIT 1`.execute(t.db);
    const rec = rows[0]!;
    expect(rec).toBeDefined();
    const ledger = async (who: Actor) => {
      const got = await walk((page, size) => listRecords(ctxOf(who), { ...ReformRecordQuerySchema.parse({}), page, pageSize: size }), 50);
      const want = (
        await sql<{ id: string }>`SELECT r.id FROM reform_record r WHERE ${reformVisible(who, 'r')} ORDER BY r.created_at DESC, r.id`.execute(t.db)
      ).rows.map((r) => r.id);
      expect(got, who.username).toEqual(want);
      return got;
    };
    const lead = (org: string) => sql`UPDATE case_file SET lead_org_id = ${org}::uuid WHERE id = ${rec.case_id}::uuid`.execute(t.owner);
    const key = async () => (await sql<{ k: string }>`SELECT case_lead_org_id AS k FROM reform_record WHERE id = ${rec.id}::uuid`.execute(t.db)).rows[0]!.k;
    await sql`UPDATE reform_record SET classification = 'PUBLIC' WHERE id = ${rec.id}::uuid`.execute(t.owner);
    await sql`UPDATE case_file SET classification = 'PUBLIC' WHERE id = ${rec.case_id}::uuid`.execute(t.owner);
    try {
      await lead(a.scope.orgIds[0]!);
      expect(await key()).toBe(a.scope.orgIds[0]);
      expect(await ledger(a)).toContain(rec.id);
      expect(await ledger(b)).not.toContain(rec.id);
      await lead(b.scope.orgIds[0]!);
      expect(await key()).toBe(b.scope.orgIds[0]);
      expect(await ledger(a)).not.toContain(rec.id);
      expect(await ledger(b)).toContain(rec.id);
    } finally {
      await lead(rec.lead);
      await sql`UPDATE reform_record SET classification = ${rec.rc} WHERE id = ${rec.id}::uuid`.execute(t.owner);
      await sql`UPDATE case_file SET classification = ${rec.kc} WHERE id = ${rec.case_id}::uuid`.execute(t.owner);
    }
  });
});
