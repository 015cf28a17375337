/**
 * 密级 of meetings (issue 11) as an attacker with too low a clearance sees it: a meeting is 工作秘密 unless
 * registered 公开; an account whose clearance does not reach it gets 404 on the meeting, its decisions
 * (even those of its own org — a decision follows its meeting) and its 纪要, and finds it in no calendar,
 * ledger, board or export. Reads of a 常委会 or of a classified meeting are recorded (auditRead).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { at, heldWithDecisions, standingCommittee, userOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const clear = (username: string, clearance: 'PUBLIC' | 'WORK_SECRET') =>
  t.db.updateTable('app_user').set({ clearance }).where('username', '=', username).execute();

async function sheet(res: { rawPayload: Buffer }): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
  return rows;
}

async function lastAudit(type: string, objectId: string, actor: string) {
  const { rows } = await sql<{ payload: Record<string, unknown>; n: number }>`SELECT e.payload, count(*) OVER ()::int AS n FROM audit_event e
    JOIN app_user u ON u.id = e.actor_id WHERE e.type = ${type} AND e.object_id = ${objectId} AND u.username = ${actor}
    ORDER BY e.id DESC LIMIT 1`.execute(t.db);
  return rows[0];
}

describe('meeting classification (密级)', () => {
  it('an account below the meeting’s 密级 loses the meeting, its decisions, its 纪要, the calendar, ledger, board and exports', async () => {
    const jc3 = await userOf(t, 'jc3.staff');
    const m = await heldWithDecisions(t, [{ ownerOrgId: jc3.orgId, content: '密级测试交办事项', days: 20 }]);
    expect(m.classification).toBe('WORK_SECRET');
    const decisionId = m.decisions[0]!.id;
    const month = m.startsAt.slice(0, 7);
    const urls = {
      meeting: `/api/v1/meetings/${m.id}`,
      docx: `/api/v1/meetings/${m.id}/minutes.docx`,
      decision: `/api/v1/meeting-decisions/${decisionId}`,
    };
    // Cleared (工作秘密), the attendee and the owner org's staff see what they saw before.
    expect((await t.request({ method: 'GET', url: urls.meeting, as: 'cw1.member' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: urls.decision, as: 'jc3.staff' })).statusCode).toBe(200);

    await clear('cw1.member', 'PUBLIC');
    await clear('jc3.staff', 'PUBLIC');
    try {
      for (const url of Object.values(urls)) {
        const res = await t.request({ method: 'GET', url, as: 'cw1.member' });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('密级测试交办事项');
      }
      expect((await t.request({ method: 'GET', url: urls.decision, as: 'jc3.staff' })).statusCode).toBe(404);
      const progress = await t.request({
        method: 'POST',
        url: `/api/v1/meeting-decisions/${decisionId}/actions`,
        as: 'jc3.staff',
        payload: { action: 'accept', version: 1 },
      });
      expect(progress.statusCode).toBe(404);

      const cal = (await t.request({ method: 'GET', url: `/api/v1/meetings/calendar?month=${month}`, as: 'cw1.member' })).json();
      expect(cal.entries.map((e: { id: string }) => e.id)).not.toContain(m.id);
      const ledger = (await t.request({ method: 'GET', url: '/api/v1/meetings?pageSize=100', as: 'cw1.member' })).json();
      expect(ledger.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
      for (const as of ['cw1.member', 'jc3.staff']) {
        const board = (await t.request({ method: 'GET', url: '/api/v1/meeting-decisions?pageSize=200', as })).json();
        expect(
          board.items.map((d: { id: string }) => d.id),
          as,
        ).not.toContain(decisionId);
        const rows = await sheet(await t.request({ method: 'GET', url: '/api/v1/meeting-decisions/export.xlsx', as }));
        expect(
          rows.some((r) => r.includes('密级测试交办事项')),
          as,
        ).toBe(false);
      }
      const exported = await sheet(await t.request({ method: 'GET', url: '/api/v1/meetings/export.xlsx', as: 'cw1.member' }));
      expect(exported.some((r) => r.includes(m.title))).toBe(false);
    } finally {
      await clear('cw1.member', 'WORK_SECRET');
      await clear('jc3.staff', 'WORK_SECRET');
    }
  });

  it('a 公开 meeting stays open to a 公开 clearance; the ledger and its export show the 密级', async () => {
    const m = await standingCommittee(t, { title: '公开的监督工作交流会', type: 'EXCHANGE', classification: 'PUBLIC' });
    expect(m.classification).toBe('PUBLIC');
    await clear('cw1.member', 'PUBLIC');
    try {
      expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'cw1.member' })).statusCode).toBe(200);
    } finally {
      await clear('cw1.member', 'WORK_SECRET');
    }
    const ledger = (await t.request({ method: 'GET', url: '/api/v1/meetings?pageSize=100', as: 'sj.secretary' })).json();
    expect(ledger.items.find((i: { id: string }) => i.id === m.id)).toMatchObject({ classification: 'PUBLIC' });
    const rows = await sheet(await t.request({ method: 'GET', url: '/api/v1/meetings/export.xlsx', as: 'sj.secretary' }));
    expect(rows.find((r) => r.includes('公开的监督工作交流会'))).toContain('公开');
  });

  it('refuses a 密级 above the platform’s, above the registrar’s clearance, or above an attendee’s (400, zh-CN, nothing written)', async () => {
    const before = (await t.db.selectFrom('meeting').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const [sj, cw1] = await Promise.all([userOf(t, 'sj.secretary'), userOf(t, 'cw1.member')]);
    const base = {
      type: 'STANDING_COMMITTEE',
      title: '密级校验会议',
      startsAt: at(1),
      chairUserId: sj.id,
      agenda: [],
      attendees: [{ userId: cw1.id, attendance: 'PRESENT' }],
    };
    const secret = await t.request({ method: 'POST', url: '/api/v1/meetings', as: 'sj.secretary', payload: { ...base, classification: 'SECRET' } });
    expect(secret.statusCode).toBe(400);
    expect(secret.json().details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'classification', message: expect.stringMatching(/密级须为/) })]),
    );

    await clear('cw1.member', 'PUBLIC');
    try {
      const res = await t.request({ method: 'POST', url: '/api/v1/meetings', as: 'sj.secretary', payload: { ...base, classification: 'WORK_SECRET' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues).toEqual([{ path: 'attendees.0.userId', message: '该参会人员的涉密等级低于会议密级' }]);
      const own = await t.request({ method: 'POST', url: '/api/v1/meetings', as: 'cw1.member', payload: { ...base, chairUserId: cw1.id, attendees: [] } });
      expect(own.statusCode).toBe(400);
      expect(own.json().details.issues).toEqual([
        { path: 'classification', message: '会议密级不得高于本人的涉密等级' },
        { path: 'chairUserId', message: '主持人的涉密等级低于会议密级' },
      ]);
    } finally {
      await clear('cw1.member', 'WORK_SECRET');
    }
    expect((await t.db.selectFrom('meeting').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it('the chair changes the 密级 while editing (with the version read); the change is audited', async () => {
    const m = await standingCommittee(t, { title: '改密级的会议' });
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: m.version, classification: 'PUBLIC' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ classification: 'PUBLIC', version: m.version + 1 });
    const row = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'meeting.updated')
      .where('object_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect((row.payload as { changed: string[] }).changed).toContain('classification');
  });
});

describe('sensitive meeting reads are audited', () => {
  it('opening a 常委会, its 纪要 DOCX and one of its decisions leaves one audit row each, marked', async () => {
    const jc3 = await userOf(t, 'jc3.staff');
    const m = await heldWithDecisions(t, [{ ownerOrgId: jc3.orgId, content: '审计测试交办事项', days: 20 }]);
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'cw1.member' })).statusCode).toBe(200);
    const read = await lastAudit('meeting.read', m.id, 'cw1.member');
    expect(read?.n).toBe(1);
    expect(read?.payload).toMatchObject({ meetingType: 'STANDING_COMMITTEE', standingCommittee: true, classification: 'WORK_SECRET', classified: true });

    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx`, as: 'cw1.member' })).statusCode).toBe(200);
    const docx = await lastAudit('meeting.minutes_exported', m.id, 'cw1.member');
    expect(docx?.n).toBe(1);
    expect(docx?.payload).toMatchObject({ standingCommittee: true, classification: 'WORK_SECRET', issued: false });

    const decisionId = m.decisions[0]!.id;
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${decisionId}`, as: 'jc3.staff' })).statusCode).toBe(200);
    const dr = await lastAudit('meeting.decision_read', decisionId, 'jc3.staff');
    expect(dr?.payload).toMatchObject({ meetingId: m.id, meetingType: 'STANDING_COMMITTEE', classification: 'WORK_SECRET' });
  });

  it('a 404 is not recorded as a read; a 公开 交流会 read is recorded as neither 常委会 nor classified', async () => {
    const m = await standingCommittee(t, { title: '公开交流会（审计）', type: 'EXCHANGE', classification: 'PUBLIC' });
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'fsj3.deputy' })).statusCode).toBe(404);
    expect(await lastAudit('meeting.read', m.id, 'fsj3.deputy')).toBeUndefined();
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'cw1.member' })).statusCode).toBe(200);
    expect((await lastAudit('meeting.read', m.id, 'cw1.member'))?.payload).toMatchObject({ standingCommittee: false, classified: false });
  });
});
