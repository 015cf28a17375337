import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/app';
import { TEST_AUDIT_KEY } from '../../../test/keys';
import { writeAudit } from '../../platform/audit';
import { readAnchors } from './anchors';
import { verifyChains } from './chain';

/** A test app with its own DATA_DIR (anchor file, archives). */
export async function appWithDataDir(): Promise<{ t: TestApp; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ld-audit-'));
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
