import type { AuditEventType } from '@liandong/domain/platform/audit';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/pool';
import type { DB } from '../db/types';
import { sm3 } from './crypto';

/** Key of the advisory lock that serialises appends to the hash chain. */
const AUDIT_CHAIN_LOCK = 7_242_025_002;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  type: AuditEventType;
  commissionId: string | null;
  actorId?: string | null;
  actorName?: string | null;
  objectType?: string;
  objectId?: string;
  payload?: Record<string, unknown>;
  requestId?: string;
  ip?: string;
}

/** Canonical JSON: keys sorted at every level, so the hash does not depend on key order in jsonb. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

interface ChainFields {
  id: number;
  at: Date;
  commission_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  type: string;
  object_type: string | null;
  object_id: string | null;
  payload: unknown;
  request_id: string | null;
  ip: string | null;
}

/** hash = SM3(prev_hash ‖ canonical(event fields)). Exported for the verifier. */
export function chainHash(prevHash: string, e: ChainFields): string {
  return sm3(
    prevHash +
      canonical({
        id: e.id,
        at: e.at.toISOString(),
        commissionId: e.commission_id,
        actorId: e.actor_id,
        actorName: e.actor_name,
        type: e.type,
        objectType: e.object_type,
        objectId: e.object_id,
        payload: e.payload,
        requestId: e.request_id,
        ip: e.ip,
      }),
  );
}

/**
 * Appends one event to the chain inside the caller's transaction. The advisory lock is held until
 * that transaction ends, so chain order equals commit order and no two events share a predecessor.
 */
export async function writeAudit(trx: Transaction<DB>, input: AuditInput): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_event').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const id = Number((await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) AS id`.execute(trx)).rows[0]!.id);
  const at = new Date();
  const row: ChainFields = {
    id,
    at,
    commission_id: input.commissionId,
    actor_id: input.actorId ?? null,
    actor_name: input.actorName ?? null,
    type: input.type,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    payload: JSON.parse(JSON.stringify(input.payload ?? {})),
    request_id: input.requestId ?? null,
    ip: input.ip ?? null,
  };
  const hash = chainHash(prevHash, row);
  await sql`INSERT INTO audit_event (id, at, commission_id, actor_id, actor_name, type, object_type, object_id, payload,
      request_id, ip, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES (${id}, ${at}, ${row.commission_id}, ${row.actor_id},
      ${row.actor_name}, ${row.type}, ${row.object_type}, ${row.object_id}, ${JSON.stringify(row.payload)}::jsonb,
      ${row.request_id}, ${row.ip}, ${prevHash}, ${hash})`.execute(trx);
}

/** Runs `fn` in a transaction and records one audit event in it (for writes that are a single event). */
export async function auditedTx<T>(db: Db, input: AuditInput | ((r: T) => AuditInput), fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    await writeAudit(trx, typeof input === 'function' ? input(result) : input);
    return result;
  });
}

/**
 * Walks the whole chain in id order, recomputing every hash. Names each event whose stored hash or
 * predecessor link does not match: an edited, inserted or deleted row breaks the chain there.
 */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<{ ok: boolean; checked: number; broken: { id: number; reason: string }[] }> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  const broken: { id: number; reason: string }[] = [];
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      checked++;
      if (r.prev_hash !== prev) broken.push({ id: r.id, reason: '前序哈希不连续（记录被删除、插入或篡改）' });
      const expected = chainHash(r.prev_hash, r as unknown as ChainFields);
      if (expected !== r.hash) broken.push({ id: r.id, reason: '记录内容与哈希不符（记录被篡改）' });
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { ok: broken.length === 0, checked, broken };
}
