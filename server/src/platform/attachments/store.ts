import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import { BlobIntegrityError, type FieldCipher, sha256 } from '../crypto';
import { AppError } from '../errors';
import type { AttachmentOwnerType } from './owner-types';

/**
 * The one way a file enters and leaves the `attachment` table (issue 8): contents are sealed with SM4
 * (FieldCipher.seal: SM4-CTR + HMAC-SM3) under the row's id and commission as associated data, with the
 * key id beside them; the SHA-256 of the plaintext stays in `sha256` and is checked again on the way out.
 * Uploads, issued letters and bulletins all go through `storeAttachment`.
 */

export interface NewAttachment {
  commissionId: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  ownerOrgId: string | null;
  filename: string;
  mimeType: string;
  classification: string;
  content: Buffer;
  createdBy: string | null;
}

/** Associated data binding a ciphertext to its row: swapping contents between rows fails to open. */
export function attachmentAad(id: string, commissionId: string): Buffer {
  return Buffer.from(`liandong/attachment/${id}/${commissionId}`, 'utf8');
}

/** Inserts one attachment with its content sealed; returns its id and the plaintext checksum. */
export async function storeAttachment(trx: Transaction<DB>, cipher: FieldCipher, a: NewAttachment): Promise<{ id: string; sha256: string }> {
  const id = randomUUID();
  const checksum = sha256(a.content);
  await trx
    .insertInto('attachment')
    .values({
      id,
      commission_id: a.commissionId,
      owner_type: a.ownerType,
      owner_id: a.ownerId,
      owner_org_id: a.ownerOrgId,
      filename: a.filename,
      mime_type: a.mimeType,
      size_bytes: a.content.length,
      sha256: checksum,
      classification: a.classification,
      content: cipher.seal(a.content, attachmentAad(id, a.commissionId)),
      key_id: cipher.keyId,
      created_by: a.createdBy,
    })
    .execute();
  return { id, sha256: checksum };
}

export interface StoredContent {
  id: string;
  commission_id: string;
  key_id: string | null;
  sha256: string;
  content: Buffer;
}

/**
 * The plaintext of a stored attachment. A row sealed under an unknown key, whose ciphertext does not
 * authenticate for this row (altered, or moved from another row) or whose plaintext no longer matches its
 * checksum is corrupt: refused with an error, never served.
 */
export function openAttachment(cipher: FieldCipher, row: StoredContent): Buffer {
  const corrupt = () => new AppError('INTERNAL', '附件内容校验失败（可能已损坏或被篡改），已拒绝提供', { attachmentId: row.id });
  if (row.key_id !== cipher.keyId) throw corrupt();
  let plain: Buffer;
  try {
    plain = cipher.open(row.content, attachmentAad(row.id, row.commission_id));
  } catch (err) {
    if (err instanceof BlobIntegrityError) throw corrupt();
    throw err;
  }
  if (sha256(plain) !== row.sha256) throw corrupt();
  return plain;
}

/**
 * Seals every row still in clear text (written before migration 0012) under `to`, and — for a key
 * rotation — re-seals every row sealed under `from` (opened and checksum-checked first; a corrupt row
 * stops the run rather than being re-sealed). Batches of 50, each in its own transaction, so it can be
 * interrupted and run again. Start-up runs it with the current key before serving; returns the row count.
 */
export async function sealAttachments(db: Db, to: FieldCipher, from?: FieldCipher): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('attachment').select(['id', 'commission_id', 'key_id', 'sha256', 'content']);
      q = from && from.keyId !== to.keyId ? q.where((eb) => eb.or([eb('key_id', 'is', null), eb('key_id', '=', from.keyId)])) : q.where('key_id', 'is', null);
      const rows = await q.limit(50).forUpdate().skipLocked().execute();
      for (const r of rows) {
        const plain = r.key_id === null ? r.content : openAttachment(from!, r);
        await trx
          .updateTable('attachment')
          .set({ content: to.seal(plain, attachmentAad(r.id, r.commission_id)), key_id: to.keyId })
          .where('id', '=', r.id)
          .execute();
      }
      return rows.length;
    });
    sealed += n;
    if (n === 0) return sealed;
  }
}
