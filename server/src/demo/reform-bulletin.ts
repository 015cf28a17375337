/**
 * 演示数据 — the issued 通报 of the demo: numbered from doc_sequence like a real one, after its 签发 by the
 * 书记 (a 通报 is numbered only once signed, issue 9).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types';
import { allocateDocNumber } from '../platform/numbering';
import { at } from './clues-timeline';
import type { Directory } from './reform';
import { demoBulletin } from './reform-data-more';

/** 通报 代字: 兰纪通〔年〕N号 (invented). */
export const BULLETIN_DOC_CODE = '兰纪通';
const SIGNER = 'sj.secretary';

export async function insertBulletin(trx: Transaction<DB>, cid: string, dir: Directory, campaignIds: ReadonlyMap<string, string>): Promise<void> {
  const b = demoBulletin;
  const bulletinId = randomUUID();
  const number = await allocateDocNumber(trx, {
    commissionId: cid,
    docCode: BULLETIN_DOC_CODE,
    year: Number(b.issuedOn.slice(0, 4)),
    objectType: 'bulletin',
    objectId: bulletinId,
    userId: dir.user(b.by).id,
  });
  await trx
    .insertInto('bulletin')
    .values({
      id: bulletinId,
      commission_id: cid,
      type: b.type,
      scope: b.scope,
      title: b.title,
      recipients: b.recipients,
      body: b.body,
      owner_org_id: dir.org(b.ownerCode),
      campaign_id: b.campaign ? (campaignIds.get(b.campaign) ?? null) : null,
      // Signed by the 书记 on the morning it was issued, before the number.
      signed_by: dir.user(SIGNER).id,
      signed_at: at(b.issuedOn, 9),
      doc_no: number.text,
      issued_on: b.issuedOn,
      created_by: dir.user(b.by).id,
      created_at: at(b.createdOn, 10),
      version: 2,
    })
    .execute();
}
