/**
 * A scoped cockpit's supervision items and rectification tasks summed from the per-org aggregates arm by arm (migration
 * 0098, area-scan.ts `disjointArms`: each arm one index-only scan, the later arms leaving out the rows of the arms before
 * them) against the ledgers' predicates (`itemVisible`, `taskVisible`) counted over the whole table: for random scoped
 * actors whose scopes often hold both the lead and the assist org of an item (and the owner of its list), or both the
 * supervising and the unit org of a task — the rows two arms reach, which must count once — and items without an assist
 * org (a NULL in an arm the later arms test), every figure of the total and of every row equals the ledger's, and the
 * items' monthly series too; the tasks' from the deadline months of 0098 with today's month by the exact deadline, with
 * tasks due on every side of today; items seen through their list alone (the cockpit reads the year's
 * lists only: scans.ts `listYear`). The same figures as the arms ORed in one scan (`disjointOrgArms: false`, before 0098).
 * Data: server/test/cockpit-figures-data.ts.
 */
import type { Role } from '@liandong/domain/access/enums';
import type { CockpitMetric } from '@liandong/domain/cockpit/contracts';
import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { cockpitFiguresData } from '../../../test/cockpit-figures-data';
import { actorFrom } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { taskLightDates, taskLightIs } from '../reform';
import { itemVisible, lightDates, lightIs } from '../supervision';
import { taskVisible } from '../visibility';
import { TASK_NOT_DONE } from './areas';
import { computeFigures, TOTAL } from './scans';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];

beforeAll(async () => {
  ({ t, commissionId, orgs, users } = await cockpitFiguresData());
  // Tasks due around today (the month aggregate of 0098 reads today's month by the exact deadline): the first of this
  // month, yesterday, today, tomorrow, the month's last day, the last day before it and the first after it; then some
  // re-dated across those days and re-stated (each a statement the month aggregate follows).
  await sql`INSERT INTO rectification_task (commission_id, source, issue, deadline, supervisor_user_id, supervisor_org_id, unit_org_id, state)
    SELECT ${commissionId}::uuid, 'MANUAL', '月内整改任务' || i, d.day, (${users}::uuid[])[1 + i % 30], (${orgs}::uuid[])[1 + (i * 7) % 40], (${orgs}::uuid[])[1 + (i * 13) % 40],
      (ARRAY['ASSIGNED', 'IN_PROGRESS', 'OVERDUE', 'VERIFIED', 'REPORTED_DONE'])[1 + i % 5]
    FROM generate_series(0, 139) i
    CROSS JOIN LATERAL (SELECT (ARRAY[date_trunc('month', current_date)::date, current_date - 1, current_date, current_date + 1,
      (date_trunc('month', current_date) + interval '1 month - 1 day')::date, date_trunc('month', current_date)::date - 1,
      (date_trunc('month', current_date) + interval '1 month')::date])[1 + (i / 5) % 7] AS day) d`.execute(t.db);
  await sql`UPDATE rectification_task SET deadline = deadline + 1 WHERE issue LIKE '月内整改任务%' AND right(issue, 1) IN ('3', '8')`.execute(t.db);
  await sql`UPDATE rectification_task SET state = 'CLOSED' WHERE issue LIKE '月内整改任务%' AND right(issue, 1) = '6'`.execute(t.db);
});
afterAll(() => t?.close());

const ROLE_SETS: Role[][] = [['GROUP_STAFF'], ['OFFICE_STAFF'], ['COUNTY_STAFF'], ['DEPUTY_OR_MEMBER']];

const specArb = fc.record({
  roles: fc.constantFrom(...ROLE_SETS),
  // Scopes of up to 30 of the 40 orgs: an item's lead and assist org (a task's two orgs) are often both in it.
  scope: fc.uniqueArray(fc.nat(39), { minLength: 6, maxLength: 30 }),
  org: fc.nat(39),
  user: fc.nat(29),
  clearance: fc.constantFrom('PUBLIC', 'WORK_SECRET'),
  year: fc.constantFrom(2025, 2026),
  filterOrg: fc.option(fc.nat(39), { nil: undefined, freq: 3 }),
  // Repeated orgs stand for a long scope (over supervision's LIST_HASH_ORGS: the lists found through the orgs hashed).
  long: fc.boolean(),
  // The tasks from 0098's deadline months (area-scan.ts TASK_MONTH_MIN_ORGS 0) or, as a group's, from 0061's aggregate.
  months: fc.boolean(),
});

type Figures = Map<string, Partial<Record<CockpitMetric, number>>>;

async function countBy(from: RawBuilder<unknown>, where: RawBuilder<unknown>, key: string, metrics: [CockpitMetric, RawBuilder<unknown> | null][]) {
  const cols = sql.join(metrics.map(([m, c]) => sql`count(*) FILTER (WHERE ${c ?? sql`true`})::int AS ${sql.ref(m)}`));
  const { rows } = await sql<Record<string, number | string | null>>`SELECT ${sql.ref(key)}::text AS k, GROUPING(${sql.ref(key)}) AS g, ${cols}
    FROM ${from} WHERE ${where} GROUP BY ROLLUP (${sql.ref(key)})`.execute(t.db);
  const out: Figures = new Map();
  for (const r of rows) {
    const k = r.g === 1 ? TOTAL : (r.k as string | null);
    if (k !== null) out.set(k, Object.fromEntries(metrics.map(([m]) => [m, Number(r[m])])));
  }
  return out;
}

describe('items and tasks summed arm by arm (0098)', () => {
  it('equal the ledgers for random scopes whose arms overlap, and the arms ORed', async () => {
    const [d, td] = await Promise.all([lightDates(t.db, commissionId), taskLightDates(t.db, commissionId)]);
    let itemsOverlap = 0;
    let tasksOverlap = 0;
    let nullAssist = 0;
    let listOnly = 0;
    let dueThisMonth = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (s) => {
        const drawn = actorFrom({ commissionId, orgs, users }, { ...s, wide: false });
        const actor: Actor = s.long ? { ...drawn, scope: { wide: false, orgIds: Array.from({ length: 3 }, () => drawn.scope.orgIds).flat() } } : drawn;
        const ctx = { db: t.db, actor } as unknown as Ctx;
        const orgId = s.filterOrg === undefined ? null : (orgs[s.filterOrg] as string);
        const p = { year: s.year, dimension: 'office' as const, orgId, sector: null };
        const orgIs = (c: string) => (orgId ? sql`${sql.ref(c)} = ${orgId}::uuid` : sql`true`);
        const [got, ored] = await Promise.all([
          computeFigures(ctx, p, { taskMonthMinOrgs: s.months ? 0 : undefined }),
          computeFigures(ctx, p, { disjointOrgArms: false }),
        ]);
        const items = await countBy(
          sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id`,
          sql`${itemVisible(actor)} AND i.year = ${s.year} AND ${orgIs('i.lead_org_id')}`,
          'i.lead_org_id',
          [
            ['itemsTotal', null],
            ['itemsDone', lightIs('i.state', 'i.due_date', 'DONE', d)],
            ['itemsRed', lightIs('i.state', 'i.due_date', 'RED', d)],
          ],
        );
        const tasks = await countBy(sql`rectification_task t`, sql`${taskVisible(actor, 't')} AND ${orgIs('t.supervisor_org_id')}`, 't.supervisor_org_id', [
          ['tasksOpen', sql`t.state = ANY(${TASK_NOT_DONE}::text[])`],
          ['tasksDone', taskLightIs('t.state', 't.deadline', 'DONE', td)],
          ['tasksOverdue', taskLightIs('t.state', 't.deadline', 'RED', td)],
        ]);
        const doneByMonth = await sql<{ m: number; n: number }>`SELECT date_part('month', i.completed_at AT TIME ZONE current_setting('TimeZone'))::int AS m,
            count(*)::int AS n FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
          WHERE ${itemVisible(actor)} AND i.year = ${s.year} AND ${orgIs('i.lead_org_id')} AND ${lightIs('i.state', 'i.due_date', 'DONE', d)}
            AND extract(year FROM i.completed_at AT TIME ZONE current_setting('TimeZone')) = ${s.year} GROUP BY 1`.execute(t.db);
        expect(got.series.find((x) => x.key === 'itemsDone')?.values, 'itemsDone by month').toEqual(
          Array.from({ length: 12 }, (_, m) => doneByMonth.rows.find((x) => x.m === m + 1)?.n ?? 0),
        );
        for (const expected of [items, tasks]) {
          const metrics = Object.keys(expected.get(TOTAL) ?? {}) as CockpitMetric[];
          for (const [key, figures] of expected)
            for (const [m, v] of Object.entries(figures)) expect(got.counts.get(key)?.[m as CockpitMetric] ?? 0, `${m} of ${key}`).toBe(v);
          for (const [key, figures] of got.counts) for (const m of metrics) if ((figures[m] ?? 0) !== 0) expect(expected.has(key), `${m} of ${key}`).toBe(true);
        }
        expect(got.counts).toEqual(ored.counts);
        // Not vacuous: visible rows that two arms reach, and items of no assist org.
        const scope = actor.scope.orgIds;
        const both = await sql<{ items: number; tasks: number; nulls: number; due: number; lists: number }>`SELECT
            (SELECT count(*)::int FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id WHERE ${itemVisible(actor)} AND i.year = ${s.year}
              AND i.lead_org_id = ANY(${scope}::uuid[]) AND i.assist_org_id = ANY(${scope}::uuid[])) AS items,
            (SELECT count(*)::int FROM rectification_task t WHERE ${taskVisible(actor, 't')}
              AND t.supervisor_org_id = ANY(${scope}::uuid[]) AND t.unit_org_id = ANY(${scope}::uuid[])) AS tasks,
            (SELECT count(*)::int FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id WHERE ${itemVisible(actor)} AND i.year = ${s.year}
              AND i.assist_org_id IS NULL) AS nulls,
            (SELECT count(*)::int FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id WHERE ${itemVisible(actor)} AND i.year = ${s.year}
              AND NOT i.lead_org_id = ANY(${scope}::uuid[]) AND (i.assist_org_id IS NULL OR NOT i.assist_org_id = ANY(${scope}::uuid[]))) AS lists,
            (SELECT count(*)::int FROM rectification_task t WHERE ${taskVisible(actor, 't')} AND t.state NOT IN ('VERIFIED', 'CLOSED')
              AND t.deadline >= date_trunc('month', ${td.today}::date) AND t.deadline < ${td.today}::date) AS due`.execute(t.db);
        const row = both.rows[0];
        if (row && row.items > 0) itemsOverlap++;
        if (row && row.tasks > 0) tasksOverlap++;
        if (row && row.nulls > 0) nullAssist++;
        // Items seen through their list alone (owned or liaised in the scope; the year's lists only, scans.ts `listYear`).
        if (row && row.lists > 0) listOnly++;
        // Running tasks due in today's month before today (RED, read by the exact deadline), summed from the months.
        if (row && row.due > 0 && s.months) dueThisMonth++;
      }),
      { numRuns: 50, seed: 98 },
    );
    expect(itemsOverlap).toBeGreaterThan(8);
    expect(tasksOverlap).toBeGreaterThan(8);
    expect(nullAssist).toBeGreaterThan(8);
    expect(listOnly, 'runs with items seen through their list alone').toBeGreaterThan(5);
    // (none on the first of a month: no day of it lies before today)
    if (!td.today.endsWith('-01')) expect(dueThisMonth).toBeGreaterThan(5);
  });
});
