/**
 * Helpers for the integrity module's HTTP tests (not a test file itself): demo ids, a valid request body,
 * a reply written straight into the database in any state, the text of a DOCX.
 */
import type { IntegrityState } from '@liandong/domain/integrity/enums';
import JSZip from 'jszip';
import type { TestApp } from '../../../test/app';

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** The demo person 管玉洁 (市教育局后勤保障科科长): subject of a 校园餐 clue and its case. */
export async function eduLogistics(t: TestApp): Promise<{ personId: string; unitOrgId: string }> {
  const p = await t.db.selectFrom('person').select(['id', 'unit_id']).where('name_zh', '=', '管玉洁').executeTakeFirstOrThrow();
  return { personId: p.id, unitOrgId: p.unit_id! };
}

/** A valid 18-character ID number (check character computed), fictional. */
export const ID_NUMBER = '620102198001010017';

let seq = 0;

/** Inserts a reply with one concluded cadre directly in the given state (for access and guard tests). */
export async function seedReply(t: TestApp, o: { state?: IntegrityState; createdBy?: string; submittedBy?: string } = {}) {
  seq += 1;
  const commission = await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow();
  const state = o.state ?? 'DRAFT';
  const r = await t.db
    .insertInto('integrity_reply')
    .values({
      commission_id: commission.id,
      requesting_org: '中共兰州市委组织部（测试）',
      purpose: `拟提拔任用（测试${seq}）`,
      received_on: '2026-11-20',
      due_on: '2026-12-20',
      drafting_org_id: await orgId(t, 'LZ-JW-GBJD'),
      state,
      created_by: await userId(t, o.createdBy ?? 'gbjd.staff'),
      submitted_by: o.submittedBy ? await userId(t, o.submittedBy) : null,
      doc_no: state === 'ISSUED' ? `兰纪廉复〔2026〕${900 + seq}号` : null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('integrity_cadre')
    .values({
      commission_id: commission.id,
      reply_id: r.id,
      seq: 1,
      name_zh: `测试干部${seq}`,
      unit_name: '市某局',
      position: '科长',
      conclusion: 'CLEAR',
      opinion: '未发现影响使用的问题。',
    })
    .execute();
  return r;
}

const fromXml = (xml: string) =>
  xml
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text of word/document.xml (runs joined) and of the page headers. */
export async function docxText(body: Buffer): Promise<{ text: string; headers: string }> {
  const zip = await JSZip.loadAsync(body);
  const doc = fromXml(await zip.file('word/document.xml')!.async('string'));
  const text = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const headers = (
    await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/header\d*\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    )
  ).join('\n');
  return { text, headers: fromXml(headers) };
}
