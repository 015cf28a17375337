import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { type ChainFields, chainHmac, GENESIS_HASH, signRecord } from '../../platform/audit';
import type { AnchorRecord } from './anchors';

/**
 * Verification of the keyed audit chains, one per commission and lane (platform/audit.ts explains the
 * chain and its lanes). Each lane is verified on its own, exactly as the single chain was; every lane the
 * table, the anchors or the checkpoints know of is walked, so a lane emptied by deletion is found too.
 *
 * A row is genuine when its HMAC, recomputed with the audit key over its stored predecessor and content,
 * matches. Walking a commission's rows in id order and tracking the last genuine head tells what
 * happened to the chain:
 * - changed:   a row fails its HMAC and the next row still links to it (content edited in place);
 * - inserted:  a row fails its HMAC and the next row links past it (a forged row was spliced in);
 * - deleted:   a genuine row does not link to the running head (rows before it are gone);
 * - truncated: the latest signed anchor (written outside the table) names a later row than the table holds.
 */

export type FindingKind = 'changed' | 'inserted' | 'deleted' | 'truncated' | 'anchor' | 'checkpoint' | 'legacy';

export interface ChainFinding {
  id: number;
  commissionId: string | null;
  lane: number;
  kind: FindingKind;
  reason: string;
}

/** Where a walk starts (genesis, an archive checkpoint or an earlier anchor) and where it ended. */
export interface ChainPoint {
  lastId: number;
  count: number;
  head: string;
}

export interface LaneReport {
  lane: number;
  checked: number;
  lastId: number;
  count: number;
  head: string;
  anchor: { lastId: number; count: number; at: string } | null;
}

/** A commission's chain: its lanes, and their sums (last id, count, the anchors' last id, count and latest time). */
export interface ChainReport {
  commissionId: string | null;
  checked: number;
  lastId: number;
  count: number;
  anchor: { lastId: number; count: number; at: string } | null;
  lanes: LaneReport[];
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: ChainFinding[];
  commissions: ChainReport[];
}

type Row = ChainFields & { prev_hash: string; hash: string; chain_version: number };

async function* rowsAfter(db: Db | Transaction<DB>, commissionId: string | null, lane: number, afterId: number, upToId: number | undefined, batch: number) {
  let last = afterId;
  for (;;) {
    let q = db.selectFrom('audit_event').selectAll().where('lane', '=', lane).where('id', '>', last);
    q = commissionId === null ? q.where('commission_id', 'is', null) : q.where('commission_id', '=', commissionId);
    if (upToId !== undefined) q = q.where('id', '<=', upToId);
    const rows = (await q.orderBy('id').limit(batch).execute()) as unknown as Row[];
    if (rows.length === 0) return;
    for (const r of rows) yield r;
    last = rows[rows.length - 1]!.id;
  }
}

/**
 * Walks one lane of a commission's rows after `start` (optionally up to `upToId`) and reports every break.
 * The returned point is the last genuine head, so anchors and archives only ever extend an intact chain.
 */
export async function walkChain(
  db: Db | Transaction<DB>,
  key: Buffer,
  commissionId: string | null,
  lane: number,
  start: ChainPoint,
  opts: { upToId?: number; batch?: number; onRow?: (r: Row) => void; anchor?: AnchorRecord | null } = {},
): Promise<{ end: ChainPoint; checked: number; findings: ChainFinding[] }> {
  const findings: ChainFinding[] = [];
  const it = rowsAfter(db, commissionId, lane, start.lastId, opts.upToId, opts.batch ?? 5000);
  let prev = start.head;
  let count = start.count;
  let lastId = start.lastId;
  let lastGenuine = start.lastId;
  let checked = 0;
  const next = async () => (await it.next()).value as Row | undefined;
  let cur = await next();
  while (cur) {
    const after = await next();
    checked++;
    opts.onRow?.(cur);
    const genuine = cur.chain_version === 2 && chainHmac(key, cur.prev_hash, cur) === cur.hash;
    const f = (kind: FindingKind, reason: string) => findings.push({ id: cur!.id, commissionId, lane, kind, reason: laneNote(lane) + reason });
    if (!genuine) {
      if (after && after.prev_hash === prev) {
        f('inserted', `记录 #${cur.id} 不是审计链的一环，后一条记录越过了它（伪造插入的记录）`);
      } else {
        f(cur.chain_version === 2 ? 'changed' : 'legacy', `记录 #${cur.id} 的内容与签名不符（记录被篡改或伪造）`);
        prev = cur.hash;
        count++;
        lastGenuine = cur.id;
      }
    } else {
      if (cur.prev_hash !== prev) {
        f('deleted', lastGenuine === 0 ? `记录 #${cur.id} 之前的链首记录被删除` : `记录 #${lastGenuine} 与 #${cur.id} 之间的记录被删除（前序哈希不连续）`);
      }
      prev = cur.hash;
      count++;
      lastGenuine = cur.id;
    }
    lastId = cur.id;
    if (opts.anchor && cur.id === opts.anchor.lastId && prev !== opts.anchor.head && genuine) {
      f('anchor', `记录 #${cur.id} 与锚点记载的链头哈希不符`);
    }
    cur = after;
  }
  return { end: { lastId, count, head: prev }, checked, findings };
}

/** Prefix of a finding's reason naming its lane (nothing for lane 0, which is the chain as it always was). */
const laneNote = (lane: number) => (lane === 0 ? '' : `（第 ${lane} 道）`);

/** Signed checkpoints of one commission lane: the base the table part starts from, and what is wrong with them. */
export async function checkpointsOf(
  db: Db,
  key: Buffer,
  commissionId: string | null,
  lane: number,
  rows?: CheckpointRow[],
): Promise<{ base: ChainPoint; findings: ChainFinding[] }> {
  rows ??= await db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
  const findings: ChainFinding[] = [];
  let base: ChainPoint = { lastId: 0, count: 0, head: GENESIS_HASH };
  for (const cp of rows) {
    const record = checkpointRecord(cp);
    const valid = signRecord(key, record) === cp.mac;
    const detail = (cp.detail ?? {}) as { broken?: { id: number; commissionId: string | null }[] };
    if (cp.kind === 'SEAL') {
      // The legacy chain was sealed before there were lanes: its findings belong to lane 0.
      if (lane !== 0) continue;
      if (!valid && commissionId === null)
        findings.push({ id: cp.last_id, commissionId, lane, kind: 'checkpoint', reason: `旧链重封记录 #${cp.id} 的签名无效` });
      for (const b of detail.broken ?? []) {
        if (b.commissionId === commissionId)
          findings.push({ id: b.id, commissionId, lane, kind: 'legacy', reason: `记录 #${b.id} 在升级为密钥链之前已被破坏（重封时记录在案）` });
      }
      continue;
    }
    if (cp.commission_id !== commissionId || cp.lane !== lane) continue;
    if (!valid) {
      findings.push({ id: cp.last_id, commissionId, lane, kind: 'checkpoint', reason: `${laneNote(lane)}归档检查点 #${cp.id} 的签名无效（被篡改或密钥不同）` });
      continue;
    }
    if (cp.last_id > base.lastId) base = { lastId: cp.last_id, count: cp.count, head: cp.head };
  }
  return { base, findings };
}

type CheckpointRow = {
  id: number;
  kind: string;
  commission_id: string | null;
  lane: number;
  last_id: number;
  count: number;
  head: string;
  detail: unknown;
  at: Date;
  mac: string;
};

/**
 * The signed part of a checkpoint row (shared by the writer in seal.ts / archive.ts and the verifier).
 * The lane is signed when it is not 0, so checkpoints from before the lanes keep their signatures and a
 * checkpoint moved to another lane fails.
 */
export function checkpointRecord(cp: {
  kind: string;
  commission_id: string | null;
  lane?: number;
  last_id: number;
  count: number;
  head: string;
  detail: unknown;
  at: Date;
}) {
  return {
    kind: cp.kind,
    commissionId: cp.commission_id,
    ...(cp.lane ? { lane: cp.lane } : {}),
    lastId: cp.last_id,
    count: cp.count,
    head: cp.head,
    detail: cp.detail ?? {},
    at: cp.at.toISOString(),
  };
}

/** Every chain to check: each commission, the events without one, and any chain an anchor remembers. */
export async function chainKeys(db: Db, anchors: AnchorRecord[]): Promise<(string | null)[]> {
  const ids = (await db.selectFrom('commission').select('id').orderBy('id').execute()).map((c) => c.id as string | null);
  const keys = new Set<string | null>([...ids, null, ...anchors.map((a) => a.commissionId)]);
  return [...keys];
}

/**
 * Every lane of a commission to check: those with rows in the table (a skip scan over the
 * (commission, lane, id) index, one probe per lane), those an anchor or a checkpoint remembers (a lane
 * whose rows were all deleted is still walked and found short), and lane 0.
 */
export async function chainLanes(db: Db, commissionId: string | null, anchors: AnchorRecord[], checkpoints: { commission_id: string | null; lane: number }[]) {
  const c = commissionId === null ? sql`commission_id IS NULL` : sql`commission_id = ${commissionId}`;
  const found = await sql<{ lane: number }>`WITH RECURSIVE l(lane) AS (
      SELECT min(lane) FROM audit_event WHERE ${c}
      UNION ALL
      SELECT (SELECT min(lane) FROM audit_event WHERE ${c} AND lane > l.lane) FROM l WHERE l.lane IS NOT NULL
    ) SELECT lane FROM l WHERE lane IS NOT NULL`.execute(db);
  const lanes = new Set<number>([0, ...found.rows.map((r) => r.lane)]);
  for (const a of anchors) if (a.commissionId === commissionId) lanes.add(a.lane ?? 0);
  for (const cp of checkpoints) if (cp.commission_id === commissionId) lanes.add(cp.lane);
  return [...lanes].sort((a, b) => a - b);
}

/**
 * Verifies the chains of the given commissions (all when `only` is undefined) against their checkpoints
 * and the latest valid anchor of each, and says for every break which kind it is.
 */
export async function verifyChains(db: Db, key: Buffer, anchors: AnchorRecord[], only?: string | null): Promise<VerifyResult> {
  const keys = only === undefined ? await chainKeys(db, anchors) : [only];
  const checkpoints = await db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
  const broken: ChainFinding[] = [];
  const commissions: ChainReport[] = [];
  let checked = 0;
  for (const c of keys) {
    const lanes: LaneReport[] = [];
    for (const lane of await chainLanes(db, c, anchors, checkpoints)) {
      const { base, findings: cpFindings } = await checkpointsOf(db, key, c, lane, checkpoints);
      const anchor = latestAnchor(anchors, c, lane);
      const { end, checked: n, findings } = await walkChain(db, key, c, lane, base, { anchor });
      checked += n;
      broken.push(...cpFindings, ...findings);
      if (anchor && end.lastId < anchor.lastId) {
        broken.push({
          id: anchor.lastId,
          commissionId: c,
          lane,
          kind: 'truncated',
          reason: `${laneNote(lane)}审计链尾部被删除：锚点（${anchor.at}）记载本链至 #${anchor.lastId}、共 ${anchor.count} 条，现仅至 #${end.lastId}、共 ${end.count} 条`,
        });
      }
      if (n > 0 || anchor || base.lastId > 0) {
        lanes.push({
          lane,
          checked: n,
          lastId: end.lastId,
          count: end.count,
          head: end.head,
          anchor: anchor ? { lastId: anchor.lastId, count: anchor.count, at: anchor.at } : null,
        });
      }
    }
    if (lanes.length) commissions.push(sumLanes(c, lanes));
  }
  return { ok: broken.length === 0, checked, broken, commissions };
}

/** A commission's report from its lanes: ids are global, so the last id is the largest; counts add up. */
function sumLanes(commissionId: string | null, lanes: LaneReport[]): ChainReport {
  const anchored = lanes.flatMap((l) => (l.anchor ? [l.anchor] : []));
  return {
    commissionId,
    checked: lanes.reduce((n, l) => n + l.checked, 0),
    lastId: Math.max(...lanes.map((l) => l.lastId)),
    count: lanes.reduce((n, l) => n + l.count, 0),
    anchor: anchored.length
      ? {
          lastId: Math.max(...anchored.map((a) => a.lastId)),
          count: anchored.reduce((n, a) => n + a.count, 0),
          at: anchored
            .map((a) => a.at)
            .sort()
            .at(-1)!,
        }
      : null,
    lanes,
  };
}

/** The valid anchor of a lane with the highest last id (anchors only ever move forward; no lane in the record is lane 0). */
export function latestAnchor(anchors: AnchorRecord[], commissionId: string | null, lane: number): AnchorRecord | null {
  let best: AnchorRecord | null = null;
  for (const a of anchors) if (a.commissionId === commissionId && (a.lane ?? 0) === lane && (!best || a.lastId > best.lastId)) best = a;
  return best;
}
