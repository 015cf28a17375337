import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart, zipWith } from '../../../test/fixtures';
import { sha256 } from '../../platform/crypto';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const NAME = '关于某局问题线索的初步核实报告.pdf';

function upload(as: string, fields: Record<string, string>, file?: { filename: string; content: Buffer }) {
  const mp = multipart(fields, file);
  return t.request({ method: 'POST', url: '/api/v1/attachments', as, payload: mp.payload, headers: mp.headers });
}

describe('upload', () => {
  it('stores a file with checksum, sniffed type and the uploader’s org, and audits it', async () => {
    const events = await auditCount(t.db, 'attachment.uploaded');
    const res = await upload('edu.group', { ownerType: 'clue', ownerId: '00000000-0000-4000-8000-000000000001' }, { filename: NAME, content: PDF });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ filename: NAME, mimeType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
    const row = await t.db
      .selectFrom('attachment as a')
      .innerJoin('org as o', 'o.id', 'a.owner_org_id')
      .select(['o.code', 'a.content', 'a.classification'])
      .where('a.id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.code).toBe('LZ-JW-PZ-JYJ');
    expect(row.content.equals(PDF)).toBe(true);
    expect(row.classification).toBe('PUBLIC');
    expect(await auditCount(t.db, 'attachment.uploaded')).toBe(events + 1);
  });

  it('accepts Office documents by content', async () => {
    const docx = zipWith(['[Content_Types].xml', 'word/document.xml']);
    const res = await upload('jc3.director', { ownerType: 'draft' }, { filename: '监察建议书.docx', content: docx });
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
      const res = await upload('edu.group', { ownerType: 'clue' }, { filename, content });
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
    const res = await upload('edu.group', { ownerType: 'clue' }, { filename: '大文件.pdf', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('文件超过大小上限（2 KB）');
    await t.request({ method: 'PUT', url: '/api/v1/settings/attachment.maxBytes', as: 'sysadmin', payload: { value: 20 * 1024 * 1024 } });
  });

  it('validates the form: JSON instead of multipart, missing fields, no file, a classification above the ceiling', async () => {
    const json = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'edu.group', payload: { ownerType: 'clue' } });
    expect(json.statusCode).toBe(415);
    const noOwner = await upload('edu.group', {}, { filename: 'a.pdf', content: PDF });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().message).toContain('ownerType');
    expect((await upload('edu.group', { ownerType: 'clue' })).statusCode).toBe(400);
    const secret = await upload('edu.group', { ownerType: 'clue', classification: 'SECRET' }, { filename: 'a.pdf', content: PDF });
    expect(secret.statusCode).toBe(422);
  });

  it('is not offered to the 三员 (404)', async () => {
    expect((await upload('sysadmin', { ownerType: 'clue' }, { filename: 'a.pdf', content: PDF })).statusCode).toBe(404);
  });
});

describe('list and download by need-to-know scope', () => {
  it('shows a group’s file to its own staff and commission-wide roles, not to a county, never to the 三员', async () => {
    const up = await upload('edu.group', { ownerType: 'case_file', classification: 'WORK_SECRET' }, { filename: NAME, content: PDF });
    const id = up.json().id;
    const list = (as: string) => t.request({ method: 'GET', url: '/api/v1/attachments?ownerType=case_file', as });
    expect((await list('edu.staff')).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await list('sj.secretary')).json().items[0]).toMatchObject({ id, filename: NAME, classification: 'WORK_SECRET', createdByName: '骆秉文' });
    expect((await list('gl.county')).json().items).toEqual([]);
    for (const as of ['sysadmin', 'secadmin', 'auditadmin']) {
      expect((await list(as)).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as })).statusCode).toBe(404);
    }
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${id}/content`, as: 'gl.county' })).statusCode).toBe(404);
  });

  it('hides a file whose classification exceeds the reader’s clearance', async () => {
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'edu.staff').execute();
    const res = await t.request({ method: 'GET', url: '/api/v1/attachments?ownerType=case_file', as: 'edu.staff' });
    expect(res.json().items).toEqual([]);
    await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('username', '=', 'edu.staff').execute();
  });

  it('downloads the bytes with the Chinese filename and audits the download', async () => {
    const up = await upload('edu.group', { ownerType: 'clue' }, { filename: NAME, content: PDF });
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
