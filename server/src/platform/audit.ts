import { createHmac } from 'node:crypto';
import type { AuditEventType } from '@liandong/domain/platform/audit';
import { sql, type Transaction } from 'kysely';
import { type Db, prepared } from '../db/pool';
import type { DB } from '../db/types';
import type { Ctx } from './context';
import { sm3 } from './crypto';

/**
 * The audit trail: one hash chain per commission, each link HMAC-SM3(audit key, prev_hash ‖ canonical
 * event). The key lives outside the database (config `keys.auditKey`, DATA_DIR/keys.json or
 * LIANDONG_AUDIT_KEY), so whoever can write the table cannot recompute the chain after editing it.
 *
 * Versions: rows written before issue 8 form one global plain-SM3 chain (`chain_version` 1). On the next
 * start the owner re-seals them (modules/audit/seal.ts): it verifies the SM3 chain, records its head,
 * count and any breaks in a signed SEAL checkpoint (table, log and DATA_DIR/audit-anchors.jsonl), and
 * recomputes every row as version 2. After that there is only one kind of chain to verify.
 *
 * Lanes (issue 12): one lock for the whole trail serialised every audited write and every audited read
 * (searches, exports, sensitive reads). Each commission's chain is therefore split into `AUDIT_LANES`
 * independent lanes, each its own keyed chain in id order. A writer takes the lowest lane no other
 * transaction holds (`pg_try_advisory_xact_lock`, one statement) and links to that lane's last event;
 * only when every lane is busy does it wait, on a random lane. Unhurried traffic therefore stays in lane 0
 * — rows from before the lanes are lane 0, unchanged — and parallel traffic spreads over the others. The
 * lane is part of a row's HMAC (when not 0), so a row moved to another lane fails; every lane has its own
 * anchors and archive checkpoints, so a lane's tail cannot vanish either. The seal and the archive, which
 * need the whole trail still, take every lane lock (`lockAllLanes`).
 *
 * Tail truncation is caught by signed anchors written outside the table (modules/audit/anchors.ts);
 * the part of a chain moved to an archive file starts from a signed ARCHIVE checkpoint.
 */

/** First key of the two-key advisory locks of the audit lanes (the second key is the lane). */
export const AUDIT_LANE_LOCK_CLASS = 724_202_512;
/**
 * How many lanes a commission's chain has by default: more than the pool of one node (20 connections), so that one
 * node's audited transactions never wait for a lane. With 8, 32 concurrent DOCX exports waited on a busy lane in one
 * export of two — 20 of the export's 22.6 ms in PostgreSQL were that wait, the lane held over four round trips of a
 * loaded event loop (issue 12, bench/docx-ab.ts).
 */
export const AUDIT_LANES = 24;
/** The most lanes there can be (the table's CHECK on `lane`); `lockAllLanes` locks all of them. */
export const AUDIT_MAX_LANES = 64;
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 2;

let laneCount = AUDIT_LANES;

/**
 * Sets how many lanes new events may use (1 serialises like the single chain did; the benchmark compares
 * both). Existing lanes stay verifiable whatever the setting: the verifier walks every lane it finds.
 */
export function configureAuditLanes(lanes: number): void {
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > AUDIT_MAX_LANES) throw new Error('audit lanes must be an integer from 1 to 64');
  laneCount = lanes;
}

/** The lane each open transaction already writes in, so its events stay in one lane and it never waits twice. */
const laneOfTransaction = new WeakMap<object, number>();

/**
 * Locks one lane for the rest of the transaction and returns it: the lane this transaction already holds,
 * else the lowest free lane (one statement; `LIMIT 1` stops at the first lock taken), else — every lane
 * busy — waits for a random one. A transaction holding a lane never waits, so lanes cannot deadlock, and
 * `lockAllLanes` (which waits for each lane in order) cannot deadlock with writers either.
 */
async function lockLane(trx: Transaction<DB>): Promise<number> {
  const held = laneOfTransaction.get(trx);
  const order = Array.from({ length: laneCount }, (_, i) => i);
  if (held !== undefined) order.unshift(held);
  const free = await prepared(sql<{ lane: number }>`SELECT l AS lane FROM unnest(${order}::int[]) AS l
    WHERE pg_try_advisory_xact_lock(${AUDIT_LANE_LOCK_CLASS}, l) LIMIT 1`).execute(trx);
  let lane = free.rows[0]?.lane;
  if (lane === undefined) {
    lane = Math.floor(Math.random() * laneCount);
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LANE_LOCK_CLASS}, ${lane}::int)`.execute(trx);
  }
  laneOfTransaction.set(trx, lane);
  return lane;
}

/**
 * Stops every lane until the transaction ends (the re-seal and the archive deletion, which rewrite or
 * remove chain parts). Waits for each possible lane in order (whatever lane count any node uses); writers
 * that hold a lane never wait, so this cannot deadlock with them.
 */
export async function lockAllLanes(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LANE_LOCK_CLASS}, l) FROM generate_series(0, ${AUDIT_MAX_LANES - 1}::int) AS l`.execute(trx);
  laneOfTransaction.set(trx, 0);
}

let auditKey: Buffer | undefined;

/** Sets the process's audit key (buildApp, the server, the CLIs and the test setup call it before writing). */
export function configureAuditKey(key: Buffer): void {
  if (key.length < 16) throw new Error('audit key must be at least 128 bits');
  auditKey = key;
}

/** The configured audit key; writing without one is refused rather than falling back to an unkeyed chain. */
export function requireAuditKey(): Buffer {
  if (!auditKey) throw new Error('audit key not configured (configureAuditKey)');
  return auditKey;
}

export interface AuditInput {
  type: AuditEventType;
  commissionId: string | null;
  actorId?: string | null;
  actorName?: string | null;
  objectType?: string;
  objectId?: string;
  /** References only (ids, codes, states, counts): the audit administrator must not read business content. */
  payload?: Record<string, unknown>;
  requestId?: string;
  ip?: string;
}

/** A code, id, state, date or user name: ASCII without spaces. Anything else is treated as free text. */
const REFERENCE = /^[A-Za-z0-9_.:@+/-]{0,100}$/;

/**
 * Keeps references in an audit payload and drops content (三员: the audit administrator sees who did
 * what to which object, not the case's substance). Ids, codes, states, dates, numbers and booleans stay;
 * a free-text string (names, titles, outcomes, replies, comments, document numbers with Chinese
 * characters) becomes `true`, so the trail still shows that text was given. Applied at every business
 * call site; the administrators' own master data (accounts, organisations) keeps its names.
 */
export function refs<T>(value: T): T {
  if (typeof value === 'string') return (REFERENCE.test(value) ? value : value.length > 0) as T;
  if (Array.isArray(value)) return value.map(refs) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, refs(v)])) as T;
  }
  return value;
}

/**
 * A keyed reference to a text that must be provable but not readable in the trail (a search query):
 * HMAC-SM3 with the audit key, so whoever holds the key can confirm "was X searched for?", while the
 * audit administrator (and a dictionary attack on the database) learns nothing.
 */
export function textRef(text: string): string {
  return createHmac('sm3', requireAuditKey()).update('text|').update(text).digest('hex').slice(0, 32);
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

export interface ChainFields {
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
  /** The lane of the commission's chain (0, the default, is left out of the hashed text: rows from before the lanes keep their hashes). */
  lane?: number | null;
}

function eventText(e: ChainFields): string {
  return canonical({
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
    lane: e.lane ? e.lane : undefined,
  });
}

/** Version 1 (legacy, unkeyed): SM3(prev_hash ‖ canonical(event)). Only the re-seal still reads it. */
export function legacyChainHash(prevHash: string, e: ChainFields): string {
  return sm3(prevHash + eventText(e));
}

/** Version 2: HMAC-SM3(key, "v2" ‖ prev_hash ‖ canonical(event)); the commission is inside the event. */
export function chainHmac(key: Buffer, prevHash: string, e: ChainFields): string {
  return createHmac('sm3', key).update(`v2|${prevHash}|`).update(eventText(e)).digest('hex');
}

/** Signature of an anchor or checkpoint: HMAC-SM3 over its canonical form (without the mac itself). */
export function signRecord(key: Buffer, record: Record<string, unknown>): string {
  const { mac: _mac, ...rest } = record;
  return createHmac('sm3', key).update('anchor|').update(canonical(rest)).digest('hex');
}

/**
 * Where a commission's lane continues from when its table part is empty: the head of the latest
 * ARCHIVE checkpoint of that lane (the rows before it were moved to an archive file), else the genesis value.
 */
export async function chainStart(db: Db | Transaction<DB>, commissionId: string | null, lane = 0): Promise<{ lastId: number; count: number; head: string }> {
  let q = db.selectFrom('audit_checkpoint').select(['last_id', 'count', 'head']).where('kind', '=', 'ARCHIVE').where('lane', '=', lane);
  q = commissionId === null ? q.where('commission_id', 'is', null) : q.where('commission_id', '=', commissionId);
  const cp = await q.orderBy('last_id', 'desc').limit(1).executeTakeFirst();
  return cp ? { lastId: cp.last_id, count: cp.count, head: cp.head } : { lastId: 0, count: 0, head: GENESIS_HASH };
}

/**
 * Appends one event to a lane of its commission's chain inside the caller's transaction. The lane lock is
 * held until that transaction ends, so a lane's order equals its commit order and no two events share a
 * predecessor; other transactions meanwhile write in the other lanes.
 */
export async function writeAudit(trx: Transaction<DB>, input: AuditInput): Promise<void> {
  const key = requireAuditKey();
  const lane = await lockLane(trx);
  // Read after the lock (a statement of its own, so its snapshot sees the previous holder's commit). Both statements
  // named (two texts): planned once per connection, not at every audited event (0.15–0.2 ms each, issue 12).
  const c = input.commissionId === null ? sql`commission_id IS NULL` : sql`commission_id = ${input.commissionId}::uuid`;
  const head = await prepared(sql<{ hash: string | null; id: string }>`SELECT
      (SELECT hash FROM audit_event WHERE ${c} AND lane = ${lane}::int ORDER BY id DESC LIMIT 1) AS hash,
      nextval(pg_get_serial_sequence('audit_event', 'id')) AS id`).execute(trx);
  const prevHash = head.rows[0]!.hash ?? (await chainStart(trx, input.commissionId, lane)).head;
  const id = Number(head.rows[0]!.id);
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
    lane,
  };
  const hash = chainHmac(key, prevHash, row);
  await sql`INSERT INTO audit_event (id, at, commission_id, actor_id, actor_name, type, object_type, object_id, payload,
      request_id, ip, prev_hash, hash, chain_version, lane) OVERRIDING SYSTEM VALUE VALUES (${id}, ${at}, ${row.commission_id}, ${row.actor_id},
      ${row.actor_name}, ${row.type}, ${row.object_type}, ${row.object_id}, ${JSON.stringify(row.payload)}::jsonb,
      ${row.request_id}, ${row.ip}, ${prevHash}, ${hash}, ${CHAIN_VERSION}, ${lane}::int)`.execute(trx);
}

/** Runs `fn` in a transaction and records one audit event in it (for writes that are a single event). */
export async function auditedTx<T>(db: Db, input: AuditInput | ((r: T) => AuditInput), fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    await writeAudit(trx, typeof input === 'function' ? input(result) : input);
    return result;
  });
}

/** Audit input pre-filled from the context (actor, commission, request). */
export function auditFrom(ctx: Ctx, e: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>): AuditInput {
  return {
    ...e,
    commissionId: ctx.actor.commissionId,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

export async function audit(trx: Transaction<DB>, ctx: Ctx, e: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>) {
  await writeAudit(trx, auditFrom(ctx, e));
}

/**
 * Records a sensitive read (等保: sensitive reads leave a trace as changes do). The read wrote nothing, so
 * the entry gets a transaction of its own, written after the read succeeded: a 404 shows nothing and is
 * not recorded as a read.
 */
export async function auditRead(ctx: Ctx, e: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>): Promise<void> {
  await ctx.db.transaction().execute((trx) => audit(trx, ctx, e));
}
