import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { TEST_SM4_KEY } from '../../../test/keys';
import { BlobIntegrityError, FieldCipher, sha256 } from '../../platform/crypto';
import { attachmentAad, sealAttachments } from '../../platform/attachments/store';

/**
 * Issue 8: attachment contents are encrypted at rest with SM4 (authenticated, key id per row) and each
 * ciphertext is bound to its row — someone with write access to the table can neither read a file nor
 * make the server serve one file under another's id.
 */
let t: TestApp;
let clue: string;
const cipher = new FieldCipher(TEST_SM4_KEY);
beforeAll(async () => {
  t = await createTestApp();
  for (const { id } of await t.db.selectFrom('clue').select('id').orderBy('id').execute()) {
    if ((await t.request({ method: 'GET', url: `/api/v1/clues/${id}`, as: 'edu.group' })).statusCode === 200) {
      clue = id;
      break;
    }
  }
  expect(clue).toBeDefined();
});
afterAll(() => t.close());

const pdf = (marker: string) => Buffer.from(`%PDF-1.7\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
async function upload(content: Buffer): Promise<string> {
  const mp = multipart({ ownerType: 'clue', ownerId: clue }, { filename: '谈话笔录.pdf', content });
  const res = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'edu.group', payload: mp.payload, headers: mp.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const raw = (id: string) => t.db.selectFrom('attachment').select(['content', 'key_id', 'sha256', 'size_bytes']).where('id', '=', id).executeTakeFirstOrThrow();
const download = (id: string) => t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as: 'edu.group' });

describe('attachments at rest', () => {
  it('the stored bytea holds no plaintext, names its key and keeps the plaintext checksum; the download is the original', async () => {
    const marker = '被反映人张某某收受购物卡共计三万元';
    const plain = pdf(marker);
    const id = await upload(plain);
    const row = await raw(id);
    expect(row.content.includes(Buffer.from(marker))).toBe(false);
    expect(row.content.includes(Buffer.from('%PDF'))).toBe(false);
    expect(row.content.length).toBe(plain.length + 49);
    expect(row.key_id).toBe(cipher.keyId);
    expect(row).toMatchObject({ sha256: sha256(plain), size_bytes: plain.length });
    const res = await download(id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(plain)).toBe(true);
  });

  it('two rows’ ciphertexts swapped: both downloads are refused, neither serves the other file', async () => {
    const a = await upload(pdf('甲文件内容 alpha'));
    const b = await upload(pdf('乙文件内容 bravo'));
    const ra = await raw(a);
    const rb = await raw(b);
    await t.db.updateTable('attachment').set({ content: rb.content }).where('id', '=', a).execute();
    await t.db.updateTable('attachment').set({ content: ra.content }).where('id', '=', b).execute();
    for (const [id, other] of [
      [a, 'bravo'],
      [b, 'alpha'],
    ] as const) {
      const res = await download(id);
      expect(res.statusCode).toBe(500);
      expect(res.json().message).toContain('附件内容校验失败');
      expect(res.body).not.toContain(other);
      expect(res.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    }
  });

  it('a flipped ciphertext byte or a foreign key id is refused, not served', async () => {
    const id = await upload(pdf('丙文件'));
    const row = await raw(id);
    const flipped = Buffer.from(row.content);
    flipped[flipped.length - 1]! ^= 0x01;
    await t.db.updateTable('attachment').set({ content: flipped }).where('id', '=', id).execute();
    expect((await download(id)).statusCode).toBe(500);
    await t.db.updateTable('attachment').set({ content: row.content, key_id: 'feedfacecafebeef' }).where('id', '=', id).execute();
    expect((await download(id)).statusCode).toBe(500);
    await t.db.updateTable('attachment').set({ key_id: row.key_id }).where('id', '=', id).execute();
    expect((await download(id)).statusCode).toBe(200);
  });

  it('rows stored in clear before migration 0012 are sealed at start-up; the demo template holds none in clear', async () => {
    expect(await t.db.selectFrom('attachment').select('id').where('key_id', 'is', null).execute()).toEqual([]);
    const marker = '早期明文附件 legacy';
    const plain = pdf(marker);
    const u = await t.db.selectFrom('app_user').select(['id', 'commission_id', 'org_id']).where('username', '=', 'edu.group').executeTakeFirstOrThrow();
    const legacy = await t.db
      .insertInto('attachment')
      .values({
        commission_id: u.commission_id,
        owner_type: 'clue',
        owner_id: clue,
        owner_org_id: u.org_id,
        filename: '早期材料.pdf',
        mime_type: 'application/pdf',
        size_bytes: plain.length,
        sha256: sha256(plain),
        content: plain,
        created_by: u.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Never served while unsealed.
    expect((await download(legacy.id)).statusCode).toBe(500);
    expect(await sealAttachments(t.db, cipher)).toBe(1);
    const row = await raw(legacy.id);
    expect(row.content.includes(Buffer.from(marker))).toBe(false);
    expect(row.key_id).toBe(cipher.keyId);
    const res = await download(legacy.id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(plain)).toBe(true);
    expect(await sealAttachments(t.db, cipher)).toBe(0);
  });
});

describe('key rotation', () => {
  it('re-sealing under a new key changes every row’s key id; the server refuses rows of a key it lacks until they return', async () => {
    const plain = pdf('轮换密钥 rotation');
    const id = await upload(plain);
    const next = new FieldCipher(Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex'));
    // The rows the tests above corrupted on purpose would stop a rotation: keep only this file.
    await t.db.deleteFrom('attachment').where('id', '!=', id).execute();
    expect(await sealAttachments(t.db, next, cipher)).toBe(1);
    expect((await raw(id)).key_id).toBe(next.keyId);
    expect((await download(id)).statusCode).toBe(500);
    expect(await sealAttachments(t.db, cipher, next)).toBe(1);
    const back = await download(id);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(plain)).toBe(true);
  });
});

describe('FieldCipher blobs', () => {
  it('opens only with the same key and the same associated data; field encryption is unchanged', () => {
    const plain = Buffer.from('整改完成报告');
    const aad = attachmentAad('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000aa');
    const sealed = cipher.seal(plain, aad);
    expect(cipher.open(sealed, aad).equals(plain)).toBe(true);
    expect(() => cipher.open(sealed, attachmentAad('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-0000000000aa'))).toThrow(
      BlobIntegrityError,
    );
    expect(() => new FieldCipher(Buffer.alloc(16, 7)).open(sealed, aad)).toThrow(BlobIntegrityError);
    expect(new FieldCipher(Buffer.alloc(16, 7)).keyId).not.toBe(cipher.keyId);
    expect(cipher.decrypt(cipher.encrypt('张三'))).toBe('张三');
  });
});
