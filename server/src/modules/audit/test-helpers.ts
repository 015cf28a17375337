import { sql } from 'kysely';
import pg from 'pg';
import { createTestApp, type TestApp, testDataDir } from '../../../test/app';
import { TEST_AUDIT_KEY } from '../../../test/keys';
import { AUDIT_LANE_LOCK_CLASS, writeAudit } from '../../platform/audit';
import { readAnchors } from './anchors';
import { verifyChains } from './chain';

/** A test app with its own DATA_DIR (anchor file, archives). */
export async function appWithDataDir(): Promise<{ t: TestApp; dir: string }> {
  const dir = testDataDir();
  return { t: await createTestApp({ dataDir: dir }), dir };
}

export async function demoCommission(t: TestApp): Promise<string> {
  return (await t.db.selectFrom('app_user').select('commission_id').where('username', '=', 'auditadmin').executeTakeFirstOrThrow()).commission_id;
}

/** Appends `n` events to a commission's chain as the application would; returns their ids. */
export async function addEvents(t: TestApp, commissionId: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    await t.db.transaction().execute((trx) =>
      writeAudit(trx, {
        type: 'setting.changed',
        commissionId,
        actorName: '测试',
        objectType: 'setting',
        objectId: `k${i}`,
        payload: { key: `k${i}`, to: i },
      }),
    );
    const last = await t.db
      .selectFrom('audit_event')
      .select('id')
      .where('commission_id', '=', commissionId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    ids.push(last.id);
  }
  return ids;
}

/** Burns one id of the audit sequence, leaving a gap a forger could fill. */
export async function burnId(t: TestApp): Promise<number> {
  const r = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) AS id`.execute(t.db);
  return Number(r.rows[0]!.id);
}

export async function verifyOwn(t: TestApp, dir: string, commissionId: string | null, key = TEST_AUDIT_KEY) {
  return verifyChains(t.db, key, readAnchors(dir, key).anchors, commissionId);
}

export const quiet = () => undefined;

/**
 * Holds the given audit lanes from a connection of its own, in an open transaction, as a busy writer
 * would; `release` ends that transaction. Lets a test steer writes into a chosen lane.
 */
export async function holdLanes(t: TestApp, lanes: number[]): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock($1, l) FROM unnest($2::int[]) AS l', [AUDIT_LANE_LOCK_CLASS, lanes]);
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Appends `n` events to the given lane of a commission's chain (the lanes below it held meanwhile). */
export async function addEventsInLane(t: TestApp, commissionId: string, lane: number, n: number): Promise<number[]> {
  const held = await holdLanes(
    t,
    Array.from({ length: lane }, (_, i) => i),
  );
  try {
    return await addEvents(t, commissionId, n);
  } finally {
    await held.release();
  }
}

/** The lane each of the given audit rows is in. */
export async function lanesOf(t: TestApp, ids: number[]): Promise<number[]> {
  const rows = await t.owner.selectFrom('audit_event').select(['id', 'lane']).where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => r.lane);
}
