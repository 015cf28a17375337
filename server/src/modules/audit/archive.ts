import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/pool';
import { type ChainFields, chainHmac, chainStart, GENESIS_HASH, lockAllLanes, signRecord, writeAudit } from '../../platform/audit';
import { type AnchorRecord, appendAnchor, readAnchors } from './anchors';
import { checkpointRecord, chainKeys, chainLanes, latestAnchor, walkChain } from './chain';

/**
 * Retention and archive (网络安全法 art. 21: network logs are kept at least six months).
 *
 * Events older than the retention window (≥ 180 days) are exported per commission and lane to
 * DATA_DIR/audit-archive/audit-<commission>[-l<lane>]-<first>-<last>.jsonl: a header line (where the chain part
 * starts), one line per event with its stored hashes, and a trailer signed with the audit key that is
 * also appended to the anchor file. The export is refused for a chain part that does not verify.
 *
 * Deletion from the table happens only with `--delete`, only as the owner role (the application role
 * cannot delete audit rows), only after the file was written, fsync'd and read back, and in one
 * transaction with a signed ARCHIVE checkpoint (head, count, last id) from which the remaining chain is
 * verified. Login records older than the window are exported to login-<first>-<last>.jsonl the same way
 * (they are not chained; the trailer signs their SHA-256) and deleted under the same conditions.
 */

export const ARCHIVE_DIR = 'audit-archive';

interface ArchiveOptions {
  /** Reads (the application role is enough for export). */
  db: Db;
  /** The owner connection; deletion happens only when given. */
  owner?: Db;
  key: Buffer;
  dataDir: string;
  retentionDays: number;
  log: (msg: string) => void;
  now?: Date;
}

export interface ArchiveResult {
  files: string[];
  exported: number;
  deleted: number;
  loginExported: number;
  loginDeleted: number;
  refused: { commissionId: string | null; lane: number; reasons: string[] }[];
}

function writeDurable(file: string, lines: string[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (const l of lines) writeSync(fd, `${l}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

const sha256 = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex');

/** Exports (and with an owner connection deletes) audit and login records older than the retention window. */
export async function archiveAudit(o: ArchiveOptions): Promise<ArchiveResult> {
  if (!Number.isInteger(o.retentionDays) || o.retentionDays < 180) throw new Error('审计日志保留期不得少于 180 天（网络安全法第二十一条）');
  const cutoff = new Date((o.now ?? new Date()).getTime() - o.retentionDays * 86_400_000);
  const res: ArchiveResult = { files: [], exported: 0, deleted: 0, loginExported: 0, loginDeleted: 0, refused: [] };
  const { anchors } = readAnchors(o.dataDir, o.key);
  const checkpoints = await o.db.selectFrom('audit_checkpoint').select(['commission_id', 'lane']).execute();
  for (const c of await chainKeys(o.db, anchors)) {
    for (const lane of await chainLanes(o.db, c, anchors, checkpoints)) await archiveLane(o, c, lane, anchors, cutoff, res);
  }
  await archiveLogins(o, cutoff, res);
  return res;
}

/** Exports (and deletes, with the owner connection) the part of one commission lane past the window. */
async function archiveLane(o: ArchiveOptions, c: string | null, lane: number, anchors: AnchorRecord[], cutoff: Date, res: ArchiveResult): Promise<void> {
  const base = await chainStart(o.db, c, lane);
  // Export-only runs continue after the last archive already written; deleting runs start at the table's base.
  const exported = o.owner ? null : latestArchive(anchors, c, lane);
  const start = exported && exported.lastId > base.lastId ? { lastId: exported.lastId, count: exported.count, head: exported.head } : base;
  let q = o.db.selectFrom('audit_event').select('id').where('lane', '=', lane).where('id', '>', start.lastId).where('at', '<', cutoff);
  q = c === null ? q.where('commission_id', 'is', null) : q.where('commission_id', '=', c);
  const last = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return;
  const rows: string[] = [];
  let firstId = 0;
  const walk = await walkChain(o.db, o.key, c, lane, start, {
    upToId: last.id,
    onRow: (r) => {
      firstId ||= r.id;
      rows.push(JSON.stringify({ ...r, at: r.at.toISOString() }));
    },
  });
  if (walk.findings.length) {
    res.refused.push({ commissionId: c, lane, reasons: walk.findings.map((f) => f.reason) });
    o.log(`audit archive refused for commission ${c ?? '-'}, lane ${lane}: the chain does not verify: ${walk.findings.map((f) => f.reason).join('; ')}`);
    return;
  }
  const name = `audit-${c ?? 'none'}${lane ? `-l${lane}` : ''}-${firstId}-${walk.end.lastId}.jsonl`;
  const rel = path.join(ARCHIVE_DIR, name);
  const header = JSON.stringify({ kind: 'header', commissionId: c, lane, start });
  const digest = sha256(rows);
  const trailerBase = {
    v: 1 as const,
    kind: 'archive' as const,
    commissionId: c,
    ...(lane ? { lane } : {}),
    lastId: walk.end.lastId,
    count: walk.end.count,
    head: walk.end.head,
    file: rel,
    sha256: digest,
    at: new Date().toISOString(),
  };
  const trailer = { ...trailerBase, mac: signRecord(o.key, trailerBase) };
  writeDurable(path.join(o.dataDir, rel), [header, ...rows, JSON.stringify(trailer)]);
  const check = verifyArchiveFile(path.join(o.dataDir, rel), o.key);
  if (!check.ok) throw new Error(`archive ${rel} does not read back: ${check.reason}`);
  appendAnchor(o.dataDir, o.key, { ...trailerBase }, o.log);
  res.files.push(rel);
  res.exported += rows.length;
  if (o.owner) res.deleted += await deleteArchived(o.owner, o.key, c, lane, base.lastId, trailer, rows.length);
}

function latestArchive(anchors: AnchorRecord[], c: string | null, lane: number): AnchorRecord | null {
  return latestAnchor(
    anchors.filter((a) => a.kind === 'archive'),
    c,
    lane,
  );
}

/**
 * Deletes the archived part of a lane in one owner transaction with its signed ARCHIVE checkpoint, with
 * every lane stopped (no writer may link to a row while it goes, nor start the lane afresh meanwhile).
 */
async function deleteArchived(owner: Db, key: Buffer, c: string | null, lane: number, fromId: number, t: AnchorRecord, expected: number): Promise<number> {
  return owner.transaction().execute(async (trx) => {
    await lockAllLanes(trx);
    let q = trx.selectFrom('audit_event').select('hash').where('id', '=', t.lastId).where('lane', '=', lane);
    q = c === null ? q.where('commission_id', 'is', null) : q.where('commission_id', '=', c);
    if ((await q.executeTakeFirst())?.hash !== t.head) throw new Error(`audit row #${t.lastId} changed while archiving; nothing deleted`);
    const at = new Date();
    const detail = { file: t.file, sha256: t.sha256, rows: expected };
    const mac = signRecord(key, checkpointRecord({ kind: 'ARCHIVE', commission_id: c, lane, last_id: t.lastId, count: t.count, head: t.head, detail, at }));
    await trx
      .insertInto('audit_checkpoint')
      .values({ kind: 'ARCHIVE', commission_id: c, lane, last_id: t.lastId, count: t.count, head: t.head, detail: JSON.stringify(detail), at, mac })
      .execute();
    let d = trx.deleteFrom('audit_event').where('lane', '=', lane).where('id', '>', fromId).where('id', '<=', t.lastId);
    d = c === null ? d.where('commission_id', 'is', null) : d.where('commission_id', '=', c);
    const n = Number((await d.executeTakeFirst()).numDeletedRows);
    if (n !== expected) throw new Error(`archive of commission ${c ?? '-'}: ${n} rows would be deleted, ${expected} were archived; nothing deleted`);
    // The trail itself says that its beginning moved to an archive file (the locks are already held).
    await writeAudit(trx, {
      type: 'audit.archived',
      commissionId: c,
      actorName: 'system',
      objectType: 'audit',
      payload: { lane, lastId: t.lastId, count: t.count, rows: n, file: t.file, sha256: t.sha256 },
    });
    return n;
  });
}

async function archiveLogins(o: ArchiveOptions, cutoff: Date, res: ArchiveResult): Promise<void> {
  const rows = await o.db.selectFrom('login_log').selectAll().where('at', '<', cutoff).orderBy('id').execute();
  if (rows.length === 0) return;
  const lines = rows.map((r) => JSON.stringify({ ...r, at: r.at.toISOString() }));
  const first = rows[0]!.id;
  const last = rows[rows.length - 1]!.id;
  const rel = path.join(ARCHIVE_DIR, `login-${first}-${last}.jsonl`);
  const base = { v: 1, kind: 'login-archive', firstId: first, lastId: last, rows: rows.length, sha256: sha256(lines), file: rel, at: new Date().toISOString() };
  writeDurable(path.join(o.dataDir, rel), [...lines, JSON.stringify({ ...base, mac: signRecord(o.key, base) })]);
  o.log(`login log archived: ${rows.length} records to ${rel}`);
  res.files.push(rel);
  res.loginExported = rows.length;
  if (!o.owner) return;
  const n = await o.owner.transaction().execute(async (trx) => {
    const d = await trx.deleteFrom('login_log').where('id', '>=', first).where('id', '<=', last).where('at', '<', cutoff).executeTakeFirst();
    if (Number(d.numDeletedRows) !== rows.length) throw new Error('login log changed while archiving; nothing deleted');
    return Number(d.numDeletedRows);
  });
  res.loginDeleted = n;
}

/**
 * Checks an audit archive file on its own: the trailer's signature, the SHA-256 of its event lines and
 * the keyed chain from the header's start to the trailer's head.
 */
export function verifyArchiveFile(file: string, key: Buffer): { ok: boolean; reason?: string; rows: number } {
  if (!existsSync(file)) return { ok: false, reason: '归档文件不存在', rows: 0 };
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const trailer = JSON.parse(lines[lines.length - 1] ?? '{}') as AnchorRecord;
  if (signRecord(key, trailer as unknown as Record<string, unknown>) !== trailer.mac) return { ok: false, reason: '归档文件尾部签名无效', rows: 0 };
  if ((trailer.kind as string) === 'login-archive') {
    const body = lines.slice(0, -1);
    return sha256(body) === trailer.sha256 ? { ok: true, rows: body.length } : { ok: false, reason: '登录日志归档内容被修改', rows: body.length };
  }
  const header = JSON.parse(lines[0] ?? '{}') as { start?: { head: string }; lane?: number };
  const body = lines.slice(1, -1);
  if (sha256(body) !== trailer.sha256) return { ok: false, reason: '归档内容摘要不符（文件被修改）', rows: body.length };
  let prev = header.start?.head ?? GENESIS_HASH;
  for (const l of body) {
    const r = JSON.parse(l) as ChainFields & { prev_hash: string; hash: string; at: string };
    const row = { ...r, at: new Date(r.at) };
    if ((r.lane ?? 0) !== (header.lane ?? 0)) return { ok: false, reason: `归档中的记录 #${r.id} 不属于本文件的链道`, rows: body.length };
    if (r.prev_hash !== prev || chainHmac(key, r.prev_hash, row) !== r.hash)
      return { ok: false, reason: `归档中的记录 #${r.id} 不连续或被篡改`, rows: body.length };
    prev = r.hash;
  }
  return prev === trailer.head ? { ok: true, rows: body.length } : { ok: false, reason: '归档链头与签名不符', rows: body.length };
}
