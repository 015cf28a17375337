import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart, zipWith } from '../../../test/fixtures';
import { FieldCipher, sha256 } from '../../platform/crypto';
import { TEST_SM4_KEY } from '../../../test/keys';
import { openAttachment } from '../../platform/attachments/store';

let t: TestApp;
/** A clue the 驻市教育局纪检监察组 (edu.group, edu.staff) and the 书记 see and 皋兰县 (gl.county) does not. */
let clue: string;
beforeAll(async () => {
  t = await createTestApp();
  const status = async (id: string, as: string) => (await t.request({ method: 'GET', url: `/api/v1/clues/${id}`, as })).statusCode;
  for (const { id } of await t.db.selectFrom('clue').select('id').orderBy('id').execute()) {
    if ((await status(id, 'edu.group')) === 200 && (await status(id, 'edu.staff')) === 200 && (await status(id, 'gl.county')) === 404) {
      clue = id;
      break;
    }
  }
  expect(clue).toBeDefined();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const NAME = '关于某局问题线索的初步核实报告.pdf';

function upload(as: string, fields: Record<string, string>, file?: { filename: string; content: Buffer }) {
  const mp = multipart(fields, file);
  return t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
}

describe('upload', () => {
  it('stores a file with checksum, sniffed type and the uploader’s org, sealed, and audits it', async () => {
    const events = await auditCount(t.db, 'attachment.uploaded');
    const res = await upload('edu.group', { ownerType: 'clue', ownerId: clue }, { filename: NAME, content: PDF });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ filename: NAME, mimeType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
    const row = await t.db
      .selectFrom('attachment as a')
      .innerJoin('org as o', 'o.id', 'a.owner_org_id')
      .select(['o.code', 'a.id', 'a.commission_id', 'a.key_id', 'a.sha256', 'a.content', 'a.classification', 'a.owner_type', 'a.owner_id'])
      .where('a.id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.code).toBe('LZ-JW-PZ-JYJ');
    expect(row).toMatchObject({ owner_type: 'clue', owner_id: clue });
    expect(row.content.equals(PDF)).toBe(false);
    expect(openAttachment(new FieldCipher(TEST_SM4_KEY), row).equals(PDF)).toBe(true);
    expect(row.classification).toBe('PUBLIC');
    expect(await auditCount(t.db, 'attachment.uploaded')).toBe(events + 1);
  });

  it('accepts Office documents by content', async () => {
    const docx = zipWith(['[Content_Types].xml', 'word/document.xml']);
    const res = await upload('edu.group', { ownerType: 'clue', ownerId: clue }, { filename: '监察建议书.docx', content: docx });
    expect(res.statusCode).toBe(201);
    expect(res.json().mimeType).toContain('wordprocessingml');
  });

  it('refuses executables, unknown content and a mismatching extension with 415 and a clear message', async () => {
    const cases: [string, Buffer, string][] = [
      ['工具.exe', Buffer.from('MZ\u0090\u0000\u0003'), '可执行文件'],
      ['伪装.pdf', Buffer.from('MZ\u0090\u0000\u0003'), '可执行文件'],
      ['图片.pdf', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]), '不符'],
      ['数据.bin', Buffer.from([0, 1, 2, 3, 4, 5]), '可执行文件'],
      ['数据.dat', Buffer.from([0, 1, 2, 3, 4, 5]), '无法识别'],
    ];
    const before = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [filename, content, words] of cases) {
      const res = await upload('edu.group', { ownerType: 'clue', ownerId: clue }, { filename, content });
      expect(res.statusCode, filename).toBe(415);
      expect(res.json().message).toContain(words);
    }
    const after = await t.db
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('enforces the size cap from settings with 413', async () => {
    const set = await t.request({ method: 'PUT', url: '/api/v1/settings/attachment.maxBytes', as: 'sysadmin', payload: { value: 2048 } });
    expect(set.statusCode).toBe(200);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 0x20)]);
    const res = await upload('edu.group', { ownerType: 'clue', ownerId: clue }, { filename: '大文件.pdf', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('文件超过大小上限（2 KB）');
    await t.request({ method: 'PUT', url: '/api/v1/settings/attachment.maxBytes', as: 'sysadmin', payload: { value: 20 * 1024 * 1024 } });
  });

  it('validates the form: JSON instead of multipart, missing fields, no file, a classification above the ceiling', async () => {
    const json = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'edu.group', payload: { ownerType: 'clue', ownerId: clue } });
    expect(json.statusCode).toBe(415);
    const noOwner = await upload('edu.group', {}, { filename: 'a.pdf', content: PDF });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().message).toContain('ownerType');
    expect((await upload('edu.group', { ownerType: 'clue', ownerId: clue })).statusCode).toBe(400);
    const secret = await upload('edu.group', { ownerType: 'clue', ownerId: clue, classification: 'SECRET' }, { filename: 'a.pdf', content: PDF });
    expect(secret.statusCode).toBe(422);
  });

  it('is not offered to the 三员 (404)', async () => {
    expect((await upload('sysadmin', { ownerType: 'clue', ownerId: clue }, { filename: 'a.pdf', content: PDF })).statusCode).toBe(404);
  });
});

describe('list and download where the owner record is visible', () => {
  it('shows a clue’s file to whoever sees the clue (the group’s staff, the 书记), not to a county, never to the 三员', async () => {
    const up = await upload('edu.group', { ownerType: 'clue', ownerId: clue, classification: 'WORK_SECRET' }, { filename: NAME, content: PDF });
    const id = up.json().id;
    const list = (as: string) => t.request({ method: 'GET', url: `/api/v1/attachments?ownerType=clue&ownerId=${clue}`, as });
    expect((await list('edu.staff')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await list('sj.secretary')).json().items.find((i: { id: string }) => i.id === id)).toMatchObject({
      id,
      filename: NAME,
      classification: 'WORK_SECRET',
      createdByName: '骆秉文',
    });
    expect((await list('gl.county')).json().items).toEqual([]);
    for (const as of ['sysadmin', 'secadmin', 'auditadmin']) {
      expect((await list(as)).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as })).statusCode).toBe(404);
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as: 'gl.county' })).statusCode).toBe(404);
  });

  it('hides a file whose classification exceeds the reader’s clearance', async () => {
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'edu.staff').execute();
    const res = await t.request({ method: 'GET', url: `/api/v1/attachments?ownerType=clue&ownerId=${clue}`, as: 'edu.staff' });
    expect(res.json().items.filter((i: { classification: string }) => i.classification === 'WORK_SECRET')).toEqual([]);
    await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('username', '=', 'edu.staff').execute();
  });

  it('downloads the bytes with the Chinese filename and audits the download', async () => {
    const up = await upload('edu.group', { ownerType: 'clue', ownerId: clue }, { filename: NAME, content: PDF });
    const events = await auditCount(t.db, 'attachment.downloaded');
    const res = await t.request({ method: 'GET', url: `/api/v1/attachments/${up.json().id}/content`, as: 'edu.staff' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(NAME)}`);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(await auditCount(t.db, 'attachment.downloaded')).toBe(events + 1);
    const ev = await t.db
      .selectFrom('audit_event')
      .select(['actor_name', 'payload'])
      .where('type', '=', 'attachment.downloaded')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev.actor_name).toBe('饶安琪');
    expect((await t.request({ method: 'GET', url: '/api/v1/attachments/00000000-0000-4000-8000-000000000099/content', as: 'sj.secretary' })).statusCode).toBe(
      404,
    );
  });
});
