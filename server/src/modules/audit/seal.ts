import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { type ChainFields, chainHmac, GENESIS_HASH, legacyChainHash, lockAllLanes, signRecord, writeAudit } from '../../platform/audit';
import { appendAnchor } from './anchors';
import { checkpointRecord } from './chain';

/**
 * Re-seals the pre-issue-8 audit trail (one global, unkeyed SM3 chain, `chain_version` 1) as keyed
 * per-commission chains (version 2). Runs as the owner at start, before anything else writes.
 *
 * Why re-seal instead of verifying two kinds of chain forever: the old chain can be recomputed by anyone
 * with write access, so it only means something up to the moment it is anchored with the key. The seal
 * verifies the old chain first and records what it found — its SM3 head, count, last id and the ids of
 * any breaks — in a signed SEAL checkpoint (table), in the anchor file and in the log; then it recomputes
 * every row with the key. Breaks found before the switch are reported by every later verification
 * (kind `legacy`) instead of being laundered. Legacy rows all belong to lane 0 (they predate the lanes);
 * every lane is locked while they are rewritten. One anchor per commission is written right away, so even
 * the tail of the sealed history is protected from the first minute.
 */
export async function sealLegacyChain(owner: Db, key: Buffer, dataDir: string, log: (msg: string) => void): Promise<{ sealed: number; broken: number }> {
  const result = await owner.transaction().execute(async (trx) => {
    await lockAllLanes(trx);
    const legacy = await trx
      .selectFrom('audit_event')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('maxId')])
      .where('chain_version', '=', 1)
      .executeTakeFirstOrThrow();
    if (Number(legacy.n) === 0) return null;
    const newer = await trx
      .selectFrom('audit_event')
      .select('id')
      .where('chain_version', '<>', 1)
      .where('id', '<', Number(legacy.maxId))
      .limit(1)
      .executeTakeFirst();
    if (newer) throw new Error(`audit re-seal refused: keyed event #${newer.id} precedes legacy events; restore the database or verify by hand`);
    let legacyPrev = GENESIS_HASH;
    const heads = new Map<string | null, { head: string; count: number; lastId: number }>();
    const broken: { id: number; commissionId: string | null }[] = [];
    let lastId = 0;
    let count = 0;
    for (;;) {
      const rows = (await trx.selectFrom('audit_event').selectAll().where('id', '>', lastId).orderBy('id').limit(2000).execute()) as unknown as (ChainFields & {
        prev_hash: string;
        hash: string;
      })[];
      if (rows.length === 0) break;
      const updates: { id: number; prev: string; hash: string }[] = [];
      for (const r of rows) {
        count++;
        if (r.prev_hash !== legacyPrev || legacyChainHash(r.prev_hash, r) !== r.hash) broken.push({ id: r.id, commissionId: r.commission_id });
        legacyPrev = r.hash;
        const h = heads.get(r.commission_id) ?? { head: GENESIS_HASH, count: 0, lastId: 0 };
        const hash = chainHmac(key, h.head, r);
        updates.push({ id: r.id, prev: h.head, hash });
        heads.set(r.commission_id, { head: hash, count: h.count + 1, lastId: r.id });
        lastId = r.id;
      }
      const values = sql.join(updates.map((u) => sql`(${u.id}::bigint, ${u.prev}, ${u.hash})`));
      await sql`UPDATE audit_event e SET prev_hash = v.prev, hash = v.hash, chain_version = 2 FROM (VALUES ${values}) AS v(id, prev, hash) WHERE e.id = v.id`.execute(
        trx,
      );
    }
    const at = new Date();
    const detail = { legacyHead: legacyPrev, broken, chains: Object.fromEntries([...heads].map(([c, h]) => [c ?? '-', h])) };
    const record = checkpointRecord({ kind: 'SEAL', commission_id: null, last_id: lastId, count, head: legacyPrev, detail, at });
    await trx
      .insertInto('audit_checkpoint')
      .values({ kind: 'SEAL', commission_id: null, last_id: lastId, count, head: legacyPrev, detail: JSON.stringify(detail), at, mac: signRecord(key, record) })
      .execute();
    await writeAudit(trx, {
      type: 'audit.sealed',
      commissionId: null,
      actorName: 'system',
      objectType: 'audit',
      payload: { legacyEvents: count, legacyLastId: lastId, legacyHead: legacyPrev, legacyBroken: broken.map((b) => b.id) },
    });
    return { heads, broken, count, lastId, legacyHead: legacyPrev };
  });
  if (!result) return { sealed: 0, broken: 0 };
  log(
    `audit chain re-sealed with the audit key: ${result.count} legacy events up to #${result.lastId}, SM3 head ${result.legacyHead}` +
      (result.broken.length ? `; the legacy chain was ALREADY BROKEN at ${result.broken.map((b) => `#${b.id}`).join(', ')}` : '; legacy chain intact'),
  );
  for (const [c, h] of result.heads) appendAnchor(dataDir, key, { kind: 'seal', commissionId: c, lastId: h.lastId, count: h.count, head: h.head }, log);
  return { sealed: result.count, broken: result.broken.length };
}
