import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { demoClues } from '../../demo/clues-data';
import { demoSupervisedPersons } from '../../demo/people';
import { act, ask, createClue } from '../clues/fixtures';

/**
 * 三员: the audit administrator reads who did what to which object, never the substance of clues and
 * cases. After representative business actions, no audit payload — in the table or in the audit viewer —
 * carries a subject's name, a title, a summary, a rationale, a file name or a search text.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NAME = '樊立群';
const TITLE = `反映${NAME}违规发放贷款问题（审计载荷测试）`;
const SUMMARY = `来信反映${NAME}收受企业负责人所送购物卡和现金。`;
const RATIONALE = `${NAME}所涉问题属检察机关管辖，拟移送`;
const RETITLE = `${NAME}问题线索（修改后标题）`;
const FILENAME = `${NAME}谈话笔录.pdf`;
const PURPOSE = `关于${NAME}案件的通报`;
const REPLY = '我行已采纳全部建议，整改情况如下：信贷审批实行双人复核（审计载荷测试）';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Business text that must never reach the audit trail: ours, and every demo clue's and person's. */
function forbidden(): string[] {
  return [
    NAME,
    TITLE,
    SUMMARY,
    RATIONALE,
    RETITLE,
    FILENAME,
    PURPOSE,
    REPLY,
    '某区人民检察院',
    ...demoClues.flatMap((c) => [c.title, c.summary, c.subjectName]),
    ...demoSupervisedPersons.map((p) => p.nameZh),
  ];
}

describe('audit payloads hold references, not content', () => {
  it('after intake, edit, transfer request, upload, search, a document number and a letter reply, neither the table nor the viewer shows business text', async () => {
    const clue = await createClue(t, { title: TITLE, summary: SUMMARY, subjectName: NAME });
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/clues/${clue.id}`,
      as: 'xf.officer1',
      payload: { version: clue.version, title: RETITLE },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const requested = await ask(
      t,
      clue.id,
      { action: 'transferOut', version: patched.json().version, rationale: RATIONALE, payload: { receiver: '某区人民检察院' } },
      'xf.officer1',
    );
    expect(requested.statusCode, requested.body).toBe(200);
    const mp = multipart({ ownerType: 'clue', ownerId: clue.id }, { filename: FILENAME, content: PDF, contentType: 'application/pdf' });
    await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'xf.officer1', payload: mp.payload, headers: mp.headers });
    const search = await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent(NAME)}`, as: 'ag.manager1' });
    expect(search.statusCode).toBe(200);
    const doc = await t.request({ method: 'POST', url: '/api/v1/doc-numbers', as: 'sj.secretary', payload: { docCode: '兰纪', year: 2030, purpose: PURPOSE } });
    expect(doc.statusCode, doc.body).toBeLessThan(300);
    const letter = await t.db
      .selectFrom('letter as r')
      .innerJoin('app_user as u', 'u.org_id', 'r.recipient_org_id')
      .select(['r.id', 'r.version', 'u.username'])
      .where('r.state', '=', 'RECTIFYING')
      .where('u.username', 'like', '%.liaison')
      .executeTakeFirstOrThrow();
    const reply = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${letter.id}/actions`,
      as: letter.username,
      payload: { version: letter.version, action: 'reply', reply: REPLY },
    });
    expect(reply.statusCode, reply.body).toBe(200);
    // A rejected transition still leaves nothing behind.
    await act(t, clue.id, { action: 'register', version: 999, comment: RATIONALE }, 'ag.manager1');

    const rows = await t.db.selectFrom('audit_event').select(['id', 'type', 'payload']).execute();
    const types = new Set(rows.map((r) => r.type));
    for (const ty of [
      'clue.received',
      'clue.updated',
      'clue.requested',
      'search.performed',
      'docnumber.allocated',
      'letter.transitioned',
      'attachment.uploaded',
    ]) {
      expect(types, ty).toContain(ty);
    }
    const leaks = rows.flatMap((r) => {
      const text = JSON.stringify(r.payload);
      return forbidden()
        .filter((s) => text.includes(s))
        .map((s) => `#${r.id} ${r.type}: ${s}`);
    });
    expect(leaks).toEqual([]);

    // The audit viewer: references (ids, codes, states), and that text was given — not the text.
    const viewer = await t.request({ method: 'GET', url: `/api/v1/audit/events?objectId=${clue.id}&limit=50`, as: 'auditadmin' });
    expect(viewer.statusCode).toBe(200);
    const items = viewer.json().items as { type: string; payload: Record<string, unknown> }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    const shown = JSON.stringify(items);
    for (const s of forbidden()) expect(shown).not.toContain(s);
    expect(items.find((i) => i.type === 'clue.received')!.payload).toEqual({
      source: 'PETITION_LETTER',
      realName: false,
      sourceRef: null,
      campaignId: null,
      typology: [],
      sector: null,
    });
    const request = items.find((i) => i.type === 'clue.requested')!.payload;
    expect(request.action).toBe('transferOut');
    const searched = await t.request({ method: 'GET', url: '/api/v1/audit/events?type=search.performed&limit=1', as: 'auditadmin' });
    expect(searched.json().items[0].payload).toMatchObject({ kind: expect.anything(), qRef: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});
