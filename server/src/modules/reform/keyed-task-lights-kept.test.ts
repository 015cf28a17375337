/**
 * Issue 12: the lights of the task board as it opens are kept per node (task-lights-kept.ts) until a task, a recusal,
 * the scope or the day moves. Property: for random actors (the same actor objects throughout, so that their kept
 * lights are served whenever the key allows it) and random sequences of writes that move tasks between lights and in
 * and out of sight — a deadline or a state changed, a task added, moved to another org or deleted, a letter's
 * classification changed (its tasks follow by the triggers of 0063), a recusal from a task, a letter or a case declared
 * or withdrawn, a 专班 membership added or ended (the actor objects not read again) — and days passing, the board's lights (capped and exact) always equal the original predicate counted
 * per light; and kept lights are served (the property is not vacuous).
 */
import { ClassificationSchema } from '@liandong/domain/access/enums';
import { TaskQuerySchema } from '@liandong/domain/reform/contracts-reform';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { campaignTaskForces } from '../../../test/property-data';
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { TOTAL_CAP } from '../../platform/ledger-page';
import { taskLightDates, taskLightIs } from './light';
import { listTasks, taskFilters } from './service-tasks-read';
import { taskVisible } from '../visibility';
import { keptLightsStats } from './task-lights-kept';

let t: TestApp;
const actors: Actor[] = [];
let commissionId: string;

beforeAll(async () => {
  t = await createTestApp();
  commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  // More tasks than the demo has, over random orgs, their deadlines around the days the property visits.
  await sql`CREATE TEMP TABLE lk_task AS SELECT * FROM rectification_task`.execute(t.owner);
  for (let g = 1; g <= 4; g++) {
    await sql`UPDATE lk_task SET id = gen_random_uuid(),
        unit_org_id = (SELECT o.id FROM org o WHERE o.commission_id = lk_task.commission_id AND lk_task.id IS NOT NULL ORDER BY random() LIMIT 1),
        supervisor_org_id = (SELECT o.id FROM org o WHERE o.commission_id = lk_task.commission_id AND lk_task.id IS NOT NULL ORDER BY random() LIMIT 1),
        deadline = date '2026-06-01' + floor(random() * 20)::int`.execute(t.owner);
    await sql`INSERT INTO rectification_task SELECT * FROM lk_task`.execute(t.owner);
  }
  // Campaigns on a third of the tasks, every campaign a 专班 (whose members see its tasks: the 'member' write).
  await campaignTaskForces(t.owner, commissionId);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const LIGHTS = ['GREEN', 'YELLOW', 'RED', 'DONE'] as const;

/** The original predicate counted per light (the board's filters: visibility alone), exact. */
async function plainLights(actor: Actor): Promise<Record<(typeof LIGHTS)[number], number>> {
  const d = await taskLightDates(t.db, actor.commissionId);
  const ctx = walkerCtxOf(t.db, actor);
  const out = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0 };
  for (const l of LIGHTS) {
    out[l] = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM rectification_task t
        WHERE ${sql.join([...taskFilters(ctx, TaskQuerySchema.parse({})), taskLightIs('t.state', 't.deadline', l, d)], sql` AND `)}`.execute(t.db)
    ).rows[0]!.n;
  }
  return out;
}

/** The 专班 memberships the property added (the demo's own are kept: other rows refer to them). */
const members: string[] = [];

const pick = <T>(rows: T[], i: number) => rows[i % rows.length]!;

/** One random write of those that can change an actor's lights. */
type Write = { kind: string; i: number; j: number; actor: number };

/** `readers`: the actors read after it (a recusal is declared or withdrawn by one of them, from a task they see). */
async function apply(w: Write, readers: Actor[]): Promise<void> {
  const tasks = (await sql<{ id: string; letter_id: string | null }>`SELECT id, letter_id FROM rectification_task ORDER BY id`.execute(t.owner)).rows;
  const task = pick(tasks, w.i);
  const actor = pick(readers, w.actor);
  switch (w.kind) {
    case 'deadline':
      await sql`UPDATE rectification_task SET deadline = date '2026-06-01' + ${w.j % 25}::int WHERE id = ${task.id}::uuid`.execute(t.owner);
      break;
    case 'state':
      await sql`UPDATE rectification_task SET state = ${pick(['CLOSED', 'IN_PROGRESS', 'VERIFIED', 'ASSIGNED'], w.j)} WHERE id = ${task.id}::uuid`.execute(
        t.owner,
      );
      break;
    case 'insert':
      await sql`INSERT INTO rectification_task SELECT (jsonb_populate_record(t, jsonb_build_object('id', gen_random_uuid(),
          'unit_org_id', (SELECT o.id FROM org o WHERE o.commission_id = t.commission_id ORDER BY o.id OFFSET ${w.j % 20} LIMIT 1)))).*
        FROM rectification_task t WHERE t.id = ${task.id}::uuid`.execute(t.owner);
      break;
    case 'move':
      await sql`UPDATE rectification_task t SET supervisor_org_id = (SELECT o.id FROM org o WHERE o.commission_id = t.commission_id ORDER BY o.id OFFSET ${w.j % 20} LIMIT 1)
        WHERE t.id = ${task.id}::uuid`.execute(t.owner);
      break;
    case 'delete':
      // Only a task nothing refers to (the copies above have no updates, accountabilities or findings of their own).
      await sql`DELETE FROM rectification_task t WHERE t.id = ${task.id}::uuid
        AND NOT EXISTS (SELECT 1 FROM rectification_update u WHERE u.task_id = t.id)
        AND NOT EXISTS (SELECT 1 FROM accountability a WHERE a.rectification_task_id = t.id)`.execute(t.owner);
      break;
    case 'classification': {
      const letter = (await sql<{ id: string }>`SELECT letter_id AS id FROM rectification_task WHERE letter_id IS NOT NULL ORDER BY id`.execute(t.owner)).rows;
      if (!letter.length) break;
      const c = pick(ClassificationSchema.options as unknown as string[], w.j);
      await sql`UPDATE letter SET classification = ${c} WHERE id = ${pick(letter, w.j).id}::uuid`.execute(t.owner);
      break;
    }
    case 'recuse': {
      const objects = (
        await sql<{ type: string; id: string }>`WITH seen AS (SELECT t.* FROM rectification_task t WHERE ${taskVisible(actor, 't')})
          SELECT 'rectification_task' AS type, t.id FROM seen t
          UNION ALL SELECT 'letter', t.letter_id FROM seen t WHERE t.letter_id IS NOT NULL
          UNION ALL SELECT 'case', t.letter_case_id FROM seen t WHERE t.letter_case_id IS NOT NULL ORDER BY 1, 2`.execute(t.owner)
      ).rows;
      if (!objects.length) break;
      const o = pick(objects, w.i);
      await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
        VALUES (${commissionId}::uuid, ${actor.userId}::uuid, ${o.type}, ${o.id}::uuid, '回避') ON CONFLICT DO NOTHING`.execute(t.owner);
      break;
    }
    case 'withdraw':
      await sql`DELETE FROM recusal WHERE id = (SELECT id FROM recusal WHERE user_id = ${actor.userId}::uuid ORDER BY id OFFSET ${w.j % 3} LIMIT 1)`.execute(
        t.owner,
      );
      break;
    case 'member': {
      // The reader joins a 专班 (its actor object is not read again: the scope epoch moves under it).
      const forces = (await sql<{ id: string }>`SELECT id FROM task_force WHERE campaign_id IS NOT NULL ORDER BY id`.execute(t.owner)).rows;
      const { rows } = await sql<{ id: string }>`INSERT INTO task_force_member (commission_id, task_force_id, user_id, valid_from, valid_to)
        VALUES (${commissionId}::uuid, ${pick(forces, w.j).id}::uuid, ${actor.userId}::uuid, current_date - 10, current_date + 400) RETURNING id`.execute(
        t.owner,
      );
      members.push(...rows.map((r) => r.id));
      break;
    }
    case 'unmember':
      if (members.length) await sql`DELETE FROM task_force_member WHERE id = ${members.splice(w.j % members.length, 1)[0]!}::uuid`.execute(t.owner);
      break;
    case 'day':
      // Days pass (the commission's today, hence RED / YELLOW / GREEN, moves; the scope object stays the same).
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(Date.UTC(2026, 5, 1 + (w.j % 25), 4)) });
      break;
  }
}

const writeArb = fc.record({
  kind: fc.constantFrom('deadline', 'state', 'insert', 'move', 'delete', 'classification', 'recuse', 'withdraw', 'member', 'unmember', 'day', 'none'),
  i: fc.nat(100_000),
  j: fc.nat(1_000),
  actor: fc.nat(10_000),
});

describe('kept task-board lights = the original predicate (property)', () => {
  it('after random writes and days passing, capped and exact, for the same actors read again and again', async () => {
    expect(actors.length).toBeGreaterThan(10);
    const before = keptLightsStats.hits;
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(10_000), { minLength: 2, maxLength: 4 }), async (writes, who) => {
        const readers = who.map((i) => pick(actors, i));
        for (const w of writes) {
          await apply(w, readers);
          for (const a of readers) {
            const want = await plainLights(a);
            const ctx = walkerCtxOf(t.db, a);
            // Twice each: the second one is served kept when nothing moved in between.
            for (let rep = 0; rep < 2; rep++) {
              const board = await listTasks(ctx, TaskQuerySchema.parse({}));
              for (const l of LIGHTS) expect(board.lights[l], `${a.username} ${w.kind} ${l}`).toBe(Math.min(want[l], TOTAL_CAP));
              const exact = await listTasks(ctx, TaskQuerySchema.parse({ exactTotal: 'true' }));
              expect(exact.lights, `${a.username} ${w.kind} exact`).toEqual(want);
            }
          }
        }
        vi.useRealTimers();
      }),
      { numRuns: 30 },
    );
    expect(keptLightsStats.hits - before).toBeGreaterThan(50);
  }, 600_000);
});
