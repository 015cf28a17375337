import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app';
import { TEST_AUDIT_KEY } from '../../../test/keys';
import { AUDIT_LANE_LOCK_CLASS, type AuditInput, legacyChainHash, lockAllLanes, writeAudit } from '../../platform/audit';
import { readAnchors, writeAnchors } from './anchors';
import { verifyChains } from './chain';
import { addEvents, addEventsInLane, appWithDataDir, burnId, demoCommission, holdLanes, lanesOf, quiet, verifyOwn } from './test-helpers';

/**
 * Issue 12: the audit trail no longer waits on one lock. Each commission's chain runs in lanes; parallel
 * audited requests spread over them, a writer never waits for another lane's holder, and the verifier
 * still finds every change, insertion, deletion, truncation and a row moved between lanes — per lane.
 */
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const event = (commissionId: string, objectId: string): AuditInput => ({
  type: 'setting.changed',
  commissionId,
  actorName: '测试',
  objectType: 'setting',
  objectId,
  payload: { key: objectId },
});

describe('audited requests in parallel', () => {
  it('sixteen parallel searches all answer, spread over more than one lane, and every chain verifies', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const app = t;
    const search = () => app.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备')}`, as: 'sj.secretary' });
    const auditSearch = () => app.request({ method: 'GET', url: '/api/v1/audit/events?limit=5', as: 'auditadmin' });
    expect((await search()).statusCode).toBe(200);
    expect((await auditSearch()).statusCode).toBe(200);
    const before = await t.owner
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();

    const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? search() : auditSearch())));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(16).fill(200));

    const written = await t.owner
      .selectFrom('audit_event')
      .select(['type', 'lane'])
      .where('id', '>', Number(before.id))
      .where('type', 'in', ['search.performed', 'audit.searched'])
      .execute();
    expect(written.filter((r) => r.type === 'search.performed')).toHaveLength(8);
    expect(written.filter((r) => r.type === 'audit.searched')).toHaveLength(8);
    expect(new Set(written.map((r) => r.lane)).size).toBeGreaterThanOrEqual(2);

    await writeAnchors(t.db, TEST_AUDIT_KEY, s.dir, quiet);
    const all = await verifyChains(t.db, TEST_AUDIT_KEY, readAnchors(s.dir, TEST_AUDIT_KEY).anchors);
    expect(all).toMatchObject({ ok: true, broken: [] });
    expect(Math.max(...all.commissions.map((c) => c.lanes.length))).toBeGreaterThanOrEqual(2);
    const api = (await app.request({ method: 'GET', url: '/api/v1/audit/verify', as: 'auditadmin' })).json();
    expect(api).toMatchObject({ ok: true, broken: [] });
  }, 60_000);
});

describe('one lane held does not stop the trail', () => {
  it('a second audited transaction completes within a second while another transaction holds its lane', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    await addEvents(t, c, 1); // opens the pool's connections and the code paths before timing
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let holding!: () => void;
    const held = new Promise<void>((r) => {
      holding = r;
    });
    const holder = t.db.transaction().execute(async (trx) => {
      await writeAudit(trx, event(c, 'held'));
      holding();
      await gate;
    });
    let outcome: string;
    let second: Promise<void> | undefined;
    try {
      await held;
      // The holder took one lane, not every lane its one-statement search passed over.
      const locks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
        AND classid = ${AUDIT_LANE_LOCK_CLASS} AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(t.owner);
      expect(locks.rows[0]!.n).toBe(1);
      const app = t;
      second = app.db.transaction().execute((trx) => writeAudit(trx, event(c, 'second')));
      outcome = await Promise.race([second.then(() => 'done'), sleep(1000).then(() => 'still waiting')]);
    } finally {
      release();
      await holder;
      await second;
    }
    expect(outcome).toBe('done');
    const rows = await t.owner.selectFrom('audit_event').select(['object_id', 'lane']).where('object_id', 'in', ['held', 'second']).orderBy('id').execute();
    expect(rows.map((r) => r.object_id)).toEqual(['held', 'second']);
    expect(rows[0]!.lane).not.toBe(rows[1]!.lane);
    expect(await verifyOwn(t, s.dir, c)).toMatchObject({ ok: true, broken: [] });
  });

  it('keeps the events of one transaction in one lane, and the seal/archive lock waits for every lane', async () => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const busy = await holdLanes(t, [0]);
    let ids: number[] = [];
    try {
      await t.db.transaction().execute(async (trx) => {
        await writeAudit(trx, event(c, 'one'));
        await writeAudit(trx, event(c, 'two'));
      });
      ids = (await t.owner.selectFrom('audit_event').select('id').where('object_id', 'in', ['one', 'two']).execute()).map((r) => r.id);
      expect(await lanesOf(t, ids)).toEqual([1, 1]);

      // Stopping the whole trail (seal, archive deletion) waits while lane 0 is busy.
      let stopped = false;
      const stopper = t.owner.transaction().execute(async (trx) => {
        await lockAllLanes(trx);
        stopped = true;
      });
      await sleep(300);
      expect(stopped).toBe(false);
      await busy.release();
      await stopper;
      expect(stopped).toBe(true);
    } finally {
      await busy.release().catch(() => undefined);
    }
    expect(await verifyOwn(t, s.dir, c)).toMatchObject({ ok: true, broken: [] });
  });
});

type Tamper = {
  name: string;
  /** Tampers with lane 3 (events `ids`, anchored, then one more lane-0 event `after`); returns the findings expected. */
  run: (app: TestApp, ids: number[], after: number, gap: number) => Promise<{ id: number; kind: string; lane: number }[]>;
};

const TAMPERS: Tamper[] = [
  {
    name: 'a row of lane 3 edited in place',
    run: async (app, ids) => {
      await sql`UPDATE audit_event SET payload = '{"key":"k1","to":999}'::jsonb WHERE id = ${ids[1]!}`.execute(app.owner);
      return [{ id: ids[1]!, kind: 'changed', lane: 3 }];
    },
  },
  {
    name: 'a forged row inserted into lane 3',
    run: async (app, ids, _after, gap) => {
      const before = await app.owner.selectFrom('audit_event').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow();
      const forged = { ...before, id: gap, payload: { key: 'forged' } };
      await sql`INSERT INTO audit_event (id, at, commission_id, actor_name, type, payload, prev_hash, hash, chain_version, lane)
        OVERRIDING SYSTEM VALUE VALUES (${gap}, ${before.at}, ${before.commission_id}, '测试', 'setting.changed', '{"key":"forged"}'::jsonb,
        ${before.hash}, ${legacyChainHash(before.hash, forged)}, 2, 3)`.execute(app.owner);
      return [{ id: gap, kind: 'inserted', lane: 3 }];
    },
  },
  {
    name: 'a row deleted from the middle of lane 3',
    run: async (app, ids) => {
      await app.owner.deleteFrom('audit_event').where('id', '=', ids[2]!).execute();
      return [{ id: ids[3]!, kind: 'deleted', lane: 3 }];
    },
  },
  {
    name: 'the anchored tail of lane 3 deleted',
    run: async (app, ids) => {
      await app.owner.deleteFrom('audit_event').where('id', 'in', [ids[2]!, ids[3]!]).execute();
      return [{ id: ids[3]!, kind: 'truncated', lane: 3 }];
    },
  },
  {
    name: 'the whole of lane 3 deleted',
    run: async (app, ids) => {
      await app.owner.deleteFrom('audit_event').where('id', 'in', ids).execute();
      return [{ id: ids[3]!, kind: 'truncated', lane: 3 }];
    },
  },
  {
    name: 'a row moved from lane 3 into lane 0',
    run: async (app, ids) => {
      await sql`UPDATE audit_event SET lane = 0 WHERE id = ${ids[1]!}`.execute(app.owner);
      return [
        { id: ids[1]!, kind: 'inserted', lane: 0 },
        { id: ids[2]!, kind: 'deleted', lane: 3 },
      ];
    },
  },
  {
    name: 'the tail row of lane 3 moved into lane 5',
    run: async (app, ids) => {
      await sql`UPDATE audit_event SET lane = 5 WHERE id = ${ids[3]!}`.execute(app.owner);
      return [
        { id: ids[3]!, kind: 'truncated', lane: 3 },
        { id: ids[3]!, kind: 'changed', lane: 5 },
      ];
    },
  },
  {
    name: 'a lane-0 row moved into lane 3',
    run: async (app, _ids, after) => {
      await sql`UPDATE audit_event SET lane = 3 WHERE id = ${after}`.execute(app.owner);
      return [
        { id: after, kind: 'truncated', lane: 0 },
        { id: after, kind: 'changed', lane: 3 },
      ];
    },
  },
];

describe('tampering with one lane is found in that lane', () => {
  it.each(TAMPERS)('$name', async ({ run }) => {
    const s = await appWithDataDir();
    t = s.t;
    const c = await demoCommission(t);
    const [first] = await addEventsInLane(t, c, 3, 1);
    const gap = await burnId(t);
    const ids = [first!, ...(await addEventsInLane(t, c, 3, 3))];
    const [after] = await addEvents(t, c, 1);
    expect(await lanesOf(t, [...ids, after!])).toEqual([3, 3, 3, 3, 0]);
    const { written } = await writeAnchors(t.db, TEST_AUDIT_KEY, s.dir, quiet);
    expect(written.find((a) => a.commissionId === c && a.lane === 3)?.lastId).toBe(ids[3]);
    expect(await verifyOwn(t, s.dir, c)).toMatchObject({ ok: true, broken: [] });

    const expected = await run(t, ids, after!, gap);
    const v = await verifyOwn(t, s.dir, c);
    expect(v.ok).toBe(false);
    expect(v.broken.map(({ id, kind, lane }) => ({ id, kind, lane })).sort((a, b) => a.lane - b.lane)).toEqual(expected);
    // The API names the same breaks for the commission's auditor.
    const api = (await t.request({ method: 'GET', url: '/api/v1/audit/verify', as: 'auditadmin' })).json() as { ok: boolean; broken: { id: number }[] };
    expect(api.ok).toBe(false);
    const byId = (a: number, b: number) => a - b;
    expect(api.broken.map((b) => b.id).sort(byId)).toEqual(expected.map((e) => e.id).sort(byId));
  });
});
