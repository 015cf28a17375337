/**
 * 举报人保密: a real-name complainant's identity is sealed (SM4) at rest and answered only by
 * GET /clues/:id/complainant to the 信访室 (everyone else 404), every read audited. No other clue
 * endpoint ever carries any complainant field, for any role.
 */
import type { Role } from '@liandong/domain/access/enums';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, approveAll, ask, createClue, JW, orgId } from './fixtures';

const NAME = '慕容秘举';
const PHONE = '13912345678';
const ID_NUMBER = '620102199001011234';
const ADDRESS = '示例市幽篁里七号院';
const SECRETS = [NAME, PHONE, ID_NUMBER, ADDRESS];

const ACCOUNT_OF: Record<Role, string> = {
  SECRETARY: 'sj.secretary',
  DEPUTY_OR_MEMBER: 'cw1.member',
  STANDING_COMMITTEE: 'cw5.member',
  PETITION_OFFICER: 'xf.officer1',
  CASE_MANAGER: 'ag.manager1',
  OFFICE_STAFF: 'jc3.staff',
  GROUP_STAFF: 'edu.staff',
  COUNTY_STAFF: 'yz.county',
  TRIAL_STAFF: 'sl.staff1',
  CADRE_SUPERVISION: 'gbjd.staff',
  UNIT_LIAISON: 'edu.liaison',
  SYS_ADMIN: 'sysadmin',
  SEC_ADMIN: 'secadmin',
  AUDIT_ADMIN: 'auditadmin',
};

let t: TestApp;
let clueId: string;
let requestId: string;
let meetingId: string;
beforeAll(async () => {
  t = await createTestApp();
  let c = await createClue(t, {
    realName: true,
    complainant: { name: NAME, phone: PHONE, idNumber: ID_NUMBER, address: ADDRESS, relation: '同事' },
    subjectOrgId: await orgId(t, 'LZ-HU-JYJ'),
    receivedOn: '2026-09-28',
  });
  clueId = c.id;
  c = (await act(t, c.id, { action: 'register', version: c.version }, 'ag.manager1')).json();
  const assign = (
    await ask(t, c.id, { action: 'assign', version: c.version, payload: { undertakingOrgId: await orgId(t, `${JW}-JC3`) } }, 'ag.manager1')
  ).json();
  await approveAll(t, assign);
  c = (await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}`, as: 'jc3.staff' })).json();
  c = (await act(t, c.id, { action: 'accept', version: c.version }, 'jc3.staff')).json();
  const m = await t.request({
    method: 'POST',
    url: '/api/v1/clue-meetings',
    payload: { title: '集体排查会', heldOn: '2026-10-09', items: [{ clueId, method: 'TALK_INQUIRY', decision: '拟谈话' }] },
    as: 'jc3.staff',
  });
  meetingId = m.json().id;
  c = (await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}`, as: 'jc3.staff' })).json();
  requestId = (await ask(t, clueId, { action: 'approveTalkInquiry', version: c.version, payload: { form: 'TALK' } }, 'jc3.staff')).json().id;
});
afterAll(() => t.close());

async function xlsxText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? '')))));
  return out.join('\n');
}

describe('the complainant is never in any other answer', () => {
  const urls = () => [
    '/api/v1/clues',
    `/api/v1/clues?q=${encodeURIComponent('礼金')}`,
    `/api/v1/clues/${clueId}`,
    `/api/v1/clues/${clueId}/related`,
    '/api/v1/clues/overdue',
    '/api/v1/clue-requests',
    '/api/v1/clue-requests?mine=true',
    `/api/v1/clue-requests/${requestId}`,
    '/api/v1/clue-meetings',
    `/api/v1/clue-meetings/${meetingId}`,
  ];
  for (const [role, username] of Object.entries(ACCOUNT_OF)) {
    it(`as ${role}`, async () => {
      let reached = 0;
      for (const url of urls()) {
        const res = await t.request({ method: 'GET', url, as: username });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode === 200) reached++;
        for (const s of SECRETS) expect(res.body.includes(s), `${role} ${url}`).toBe(false);
      }
      const xl = await t.request({ method: 'GET', url: '/api/v1/clues/export.xlsx', as: username });
      if (xl.statusCode === 200) {
        const text = await xlsxText(xl.rawPayload);
        expect(text).toContain('导出人');
        for (const s of SECRETS) expect(text.includes(s), `${role} export`).toBe(false);
      }
      const who = await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}/complainant`, as: username });
      if (role === 'PETITION_OFFICER') {
        expect(who.statusCode).toBe(200);
        expect(who.json()).toMatchObject({ name: NAME, phone: PHONE, idNumber: ID_NUMBER });
        expect(reached).toBeGreaterThan(0);
      } else {
        expect(who.statusCode, role).toBe(404);
      }
    });
  }

  it('a petition officer of another clue-less role cannot reach it; the detail only says hasComplainant', async () => {
    const d = (await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}`, as: 'xf.officer1' })).json();
    expect(d.hasComplainant).toBe(true);
    expect(d.abilities.readComplainant).toBe(true);
    const m = (await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}`, as: 'ag.manager1' })).json();
    expect(m.abilities.readComplainant).toBe(false);
  });

  it('every read is audited; nothing stores the identity in plain text', async () => {
    await t.request({ method: 'GET', url: `/api/v1/clues/${clueId}/complainant`, as: 'xf.officer2' });
    const reads = await t.db
      .selectFrom('audit_event')
      .select(['actor_id'])
      .where('type', '=', 'clue.complainant_read')
      .where('object_id', '=', clueId)
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    const row = await t.db.selectFrom('clue').select('complainant_cipher').where('id', '=', clueId).executeTakeFirstOrThrow();
    expect(row.complainant_cipher).not.toBeNull();
    for (const s of SECRETS) expect(row.complainant_cipher!.includes(Buffer.from(s, 'utf8'))).toBe(false);
    for (const table of ['clue', 'clue_event', 'clue_request', 'clue_meeting', 'audit_event', 'inbox_message']) {
      for (const s of SECRETS) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} x WHERE to_jsonb(x)::text LIKE ${`%${s}%`}`.execute(t.db);
        expect(rows[0]!.n, `${table} holds ${s}`).toBe(0);
      }
    }
  });
});
