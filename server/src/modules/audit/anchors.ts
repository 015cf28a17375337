import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/pool';
import { chainStart, signRecord } from '../../platform/audit';
import { type ChainPoint, chainKeys, chainLanes, latestAnchor, walkChain } from './chain';

/**
 * Anchors: the head hash, count and last id of each commission's chain lane, signed with the audit key and
 * written OUTSIDE the audit table — one JSON line per anchor appended to DATA_DIR/audit-anchors.jsonl
 * and the same line to the log (which a log collector keeps elsewhere). The verifier compares the table
 * with the latest anchor, so deleting the tail of a chain is caught (the chain alone accepts any prefix).
 * Written by a pg-boss job every ten minutes, at shutdown, and after an archive.
 *
 * A new anchor only extends an intact chain: the rows since the previous anchor are verified first and
 * the anchored row must still carry the anchored hash; otherwise no anchor is written and an error is
 * logged, so a truncated or edited chain is never blessed by a later anchor.
 */

export interface AnchorRecord {
  v: 1;
  kind: 'anchor' | 'seal' | 'archive';
  commissionId: string | null;
  /** The lane of the commission's chain; absent for lane 0 (so anchors from before the lanes stay valid). */
  lane?: number;
  lastId: number;
  count: number;
  head: string;
  at: string;
  /** Archive anchors: the archive file (relative to DATA_DIR) and the SHA-256 of its event lines. */
  file?: string;
  sha256?: string;
  mac: string;
}

export const ANCHOR_FILE = 'audit-anchors.jsonl';

export function anchorPath(dataDir: string): string {
  return path.join(dataDir, ANCHOR_FILE);
}

/** Reads the anchor file; lines that do not parse or whose signature fails are returned as `invalid`. */
export function readAnchors(dataDir: string, key: Buffer): { anchors: AnchorRecord[]; invalid: number[] } {
  const file = anchorPath(dataDir);
  if (!existsSync(file)) return { anchors: [], invalid: [] };
  const anchors: AnchorRecord[] = [];
  const invalid: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const rec = JSON.parse(line) as AnchorRecord;
        if (rec.v === 1 && typeof rec.mac === 'string' && signRecord(key, rec as unknown as Record<string, unknown>) === rec.mac) anchors.push(rec);
        else invalid.push(i + 1);
      } catch {
        invalid.push(i + 1);
      }
    });
  return { anchors, invalid };
}

/** Signs and appends one anchor (file mode 600, fsync'd) and writes it to the log. */
export function appendAnchor(
  dataDir: string,
  key: Buffer,
  rec: Omit<AnchorRecord, 'mac' | 'v' | 'at'> & { at?: string },
  log: (msg: string) => void,
): AnchorRecord {
  const full = { v: 1 as const, ...rec, at: rec.at ?? new Date().toISOString() };
  const signed: AnchorRecord = { ...full, mac: signRecord(key, full as unknown as Record<string, unknown>) };
  mkdirSync(dataDir, { recursive: true });
  const line = `${JSON.stringify(signed)}\n`;
  const file = anchorPath(dataDir);
  appendFileSync(file, line, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  log(`audit anchor ${line.trim()}`);
  return signed;
}

/**
 * Writes a new anchor for every chain lane that grew since its last anchor. Returns the anchors written
 * and the chains refused (broken since the previous anchor).
 */
export async function writeAnchors(
  db: Db,
  key: Buffer,
  dataDir: string,
  log: (msg: string) => void,
): Promise<{ written: AnchorRecord[]; refused: { commissionId: string | null; lane: number; reasons: string[] }[] }> {
  const { anchors } = readAnchors(dataDir, key);
  const written: AnchorRecord[] = [];
  const refused: { commissionId: string | null; lane: number; reasons: string[] }[] = [];
  const checkpoints = await db.selectFrom('audit_checkpoint').select(['commission_id', 'lane']).execute();
  for (const c of await chainKeys(db, anchors)) {
    for (const lane of await chainLanes(db, c, anchors, checkpoints)) {
      const previous = latestAnchor(anchors, c, lane);
      const base = await chainStart(db, c, lane);
      let start: ChainPoint = base;
      const reasons: string[] = [];
      if (previous && previous.lastId > base.lastId) {
        start = { lastId: previous.lastId, count: previous.count, head: previous.head };
        let q = db.selectFrom('audit_event').select('hash').where('id', '=', previous.lastId).where('lane', '=', lane);
        q = c === null ? q.where('commission_id', 'is', null) : q.where('commission_id', '=', c);
        const anchored = await q.executeTakeFirst();
        if (!anchored) reasons.push(`锚点记载的记录 #${previous.lastId} 已不存在`);
        else if (anchored.hash !== previous.head) reasons.push(`记录 #${previous.lastId} 与锚点记载的哈希不符`);
      }
      const { end, findings } = await walkChain(db, key, c, lane, start);
      reasons.push(...findings.map((f) => f.reason));
      if (reasons.length) {
        refused.push({ commissionId: c, lane, reasons });
        log(`AUDIT CHAIN BROKEN (commission ${c ?? '-'}, lane ${lane}): no anchor written: ${reasons.join('; ')}`);
        continue;
      }
      if (end.lastId === (previous?.lastId ?? 0) || end.lastId === 0) continue;
      const at = { commissionId: c, ...(lane ? { lane } : {}) };
      written.push(appendAnchor(dataDir, key, { kind: 'anchor', ...at, lastId: end.lastId, count: end.count, head: end.head }, log));
    }
  }
  return { written, refused };
}
