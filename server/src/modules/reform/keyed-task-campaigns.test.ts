/**
 * Issue 12: the task board reads the 专班 arm of taskVisible (a task of a campaign whose 工作专班 the reader is a member
 * of today) as keys the database gathers, each campaign probed by its index (visibility/reform.ts `campaignKeyed`,
 * migration 0077), not as a predicate tested row by row. Property: for random readers (narrow scopes and the same
 * scopes widened past the probe limit, so both the keyed page and the wide walk), random 专班 memberships (current,
 * expired, of campaigns with and without tasks), sorts, lights and page sizes, every page of the board, its capped
 * lights and its exact lights (the aggregate's sum for a wide board) equal the original predicate (taskVisible, the
 * 专班 arm tested row by row) with the same filters and order.
 */
import { TaskQuerySchema } from '@liandong/domain/reform/contracts-reform';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { campaignTaskForces } from '../../../test/property-data';
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf, walk } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { taskVisible, taskVisibleParts } from '../visibility';
import { taskLightDates, taskLightIs } from './light';
import { listTasks, taskFilters, taskOrder } from './service-tasks-read';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;
let campaigns: string[] = [];

const ctxOf = (actor: Actor) => walkerCtxOf(t.db, actor);

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  const cid = commissionId;
  // More tasks than the demo has, over random orgs and deadlines (ties: the id decides).
  await sql`CREATE TEMP TABLE kc_task AS SELECT * FROM rectification_task`.execute(t.owner);
  for (let g = 1; g <= 4; g++) {
    await sql`UPDATE kc_task SET id = gen_random_uuid(),
        unit_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kc_task.commission_id AND kc_task.id IS NOT NULL ORDER BY random() LIMIT 1),
        supervisor_org_id = (SELECT o.id FROM org o WHERE o.commission_id = kc_task.commission_id AND kc_task.id IS NOT NULL ORDER BY random() LIMIT 1),
        deadline = current_date - 20 + floor(random() * 40)::int, created_at = timestamptz '2026-01-01' + (floor(random() * 3) || ' days')::interval`.execute(
      t.owner,
    );
    await sql`INSERT INTO rectification_task SELECT * FROM kc_task`.execute(t.owner);
  }
  // Campaigns on a third of the tasks; every campaign a 专班.
  campaigns = (await sql<{ id: string }>`SELECT id FROM campaign WHERE commission_id = ${cid}::uuid ORDER BY id`.execute(t.db)).rows.map((r) => r.id);
  await campaignTaskForces(t.owner, cid);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${cid}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());

/** An actor's scope repeated past the probe limit: the board walks its order (the same rows). */
const widen = (a: Actor): Actor => {
  const copies = Math.ceil(1000 / Math.max(1, a.scope.orgIds.length));
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
};

describe("the task board's 专班 arm probed per campaign = tested row by row (property)", () => {
  it('random memberships, readers, sorts, lights and page sizes: every page, the capped and the exact lights', async () => {
    const scoped = actors.filter((a) => !a.scope.wide && !taskVisibleParts(a, 't').book);
    expect(scoped.length).toBeGreaterThan(3);
    expect(campaigns.length).toBeGreaterThan(0);
    let withCampaignRows = 0;
    const added: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }).map((i) => scoped[i % scoped.length]!),
        fc.boolean(),
        // The actor's 专班 memberships: none, or some campaigns, current or expired.
        fc.subarray([0, 1, 2, 3, 4, 5]),
        fc.boolean(),
        fc.constantFrom(...TaskQuerySchema.shape.sort.unwrap().options),
        fc.constantFrom(undefined, 'GREEN', 'YELLOW', 'RED', 'DONE' as const),
        fc.integer({ min: 1, max: 40 }),
        async (actor, wide, picks, expired, sort, light, pageSize) => {
          // The memberships of the draw before are ended (the demo's own are kept: other rows refer to them).
          if (added.length) await sql`DELETE FROM task_force_member WHERE id = ANY(${added.splice(0)}::uuid[])`.execute(t.owner);
          const chosen = [...new Set(picks.map((p) => campaigns[p % campaigns.length]!))];
          if (chosen.length) {
            const { rows: ins } = await sql<{ id: string }>`INSERT INTO task_force_member (commission_id, task_force_id, user_id, valid_from, valid_to)
              SELECT tf.commission_id, tf.id, ${actor.userId}::uuid, current_date - 10, ${expired ? sql`current_date - 1` : sql`current_date + 10`}
                FROM task_force tf WHERE tf.campaign_id = ANY(${chosen}::uuid[]) RETURNING id`.execute(t.owner);
            added.push(...ins.map((r) => r.id));
          }
          const a = wide ? widen(actor) : actor;
          const d = await taskLightDates(t.db, actor.commissionId);
          const q = TaskQuerySchema.parse({ sort, ...(light ? { light } : {}) });
          const where = [...taskFilters(ctxOf(actor), q), ...(light ? [taskLightIs('t.state', 't.deadline', light, d)] : [])];
          const want = (
            await sql<{ id: string }>`SELECT t.id FROM rectification_task t WHERE ${sql.join(where, sql` AND `)} ORDER BY ${taskOrder(q.sort)}`.execute(t.db)
          ).rows.map((r) => r.id);
          expect(await walk((page, size) => listTasks(ctxOf(a), { ...q, page, pageSize: size }), pageSize), `${actor.username} ${sort} ${light}`).toEqual(want);
          // The lights, capped and exact, against the plain predicate counted per light.
          const counts = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0 };
          for (const l of ['GREEN', 'YELLOW', 'RED', 'DONE'] as const) {
            counts[l] = (
              await sql<{ n: number }>`SELECT count(*)::int AS n FROM rectification_task t
                WHERE ${taskVisible(actor, 't')} AND ${taskLightIs('t.state', 't.deadline', l, d)}`.execute(t.db)
            ).rows[0]!.n;
          }
          const capped = await listTasks(ctxOf(a), { ...TaskQuerySchema.parse({ sort }), page: 1, pageSize });
          for (const l of ['GREEN', 'YELLOW', 'RED', 'DONE'] as const) expect(capped.lights[l], `${actor.username} ${l}`).toBe(Math.min(counts[l], TOTAL_CAP));
          const exact = await listTasks(ctxOf(a), { ...TaskQuerySchema.parse({ sort, exactTotal: 'true' }), page: 1, pageSize });
          expect(exact.lights, actor.username).toEqual(counts);
          // Some draws see tasks through the 专班 alone: the arm is exercised.
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM rectification_task t WHERE ${taskVisible(actor, 't')}
            AND NOT coalesce(t.supervisor_org_id = ANY(${actor.scope.orgIds}::uuid[]) OR t.unit_org_id = ANY(${actor.scope.orgIds}::uuid[])
              OR t.supervisor_user_id = ${actor.userId}::uuid, false)`.execute(t.db);
          if (rows[0]!.n > 0) withCampaignRows++;
        },
      ),
      { numRuns: 40, seed: 1206 },
    );
    expect(withCampaignRows).toBeGreaterThan(3);
  }, 480_000);
});
