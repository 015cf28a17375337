/**
 * Intake from every source, deadlines on the work calendar, 逐件编号, the sealed complainant (never in any
 * answer but the 信访室's audited read), and the one-time hand-over of a supervision finding.
 */
import { CLUE_SOURCE_LABELS, type ClueSource, PETITION_SOURCES } from '@liandong/domain/clues/enums';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, createClue, detail, JW, orgId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('intake', () => {
  it('accepts every source from its receiving department, real-name or anonymous', async () => {
    // A 专项整治排查 clue names its campaign (issue 10): the demo grain campaign, which the 案管室 sees.
    const grain = await t.db.selectFrom('campaign').select('id').where('domain', '=', 'GRAIN').executeTakeFirstOrThrow();
    for (const source of Object.keys(CLUE_SOURCE_LABELS) as ClueSource[]) {
      const petition = PETITION_SOURCES.includes(source);
      const as = petition ? 'xf.officer1' : source === 'FOUND_IN_SUPERVISION' ? 'jc3.staff' : 'ag.manager1';
      const realName = petition;
      const campaign = source === 'CAMPAIGN_SCREENING' ? { campaignId: grain.id } : {};
      const c = await createClue(t, { source, realName, ...campaign, ...(realName ? { complainant: { name: '举报人丙', phone: '13800000000' } } : {}) }, as);
      expect(c.state).toBe('RECEIVED');
      expect(c.source).toBe(source);
      expect(c.hasComplainant).toBe(realName);
      expect(c.clueNo).toBeNull();
    }
  });

  it('keeps petition sources with the 信访室 and refuses a real-name report without identity', async () => {
    const wrong = await t.request({ method: 'POST', url: '/api/v1/clues', payload: { ...baseIntake(), source: 'PETITION_VISIT' }, as: 'ag.manager1' });
    expect(wrong.statusCode).toBe(403);
    const noId = await t.request({ method: 'POST', url: '/api/v1/clues', payload: { ...baseIntake(), realName: true }, as: 'xf.officer1' });
    expect(noId.statusCode).toBe(400);
    expect(noId.body).toContain('complainant');
    const trial = await t.request({ method: 'POST', url: '/api/v1/clues', payload: baseIntake(), as: 'sl.staff1' });
    expect(trial.statusCode).toBe(403);
  });

  it('computes the deadlines on the work calendar', async () => {
    const c = await createClue(t, { receivedOn: '2026-09-28', realName: true, complainant: { name: '举报人丁' } });
    expect(c.deadlines.proposeDue).toBe('2026-10-28');
    // 15 working days across 国庆 2026 on the demo calendar (10-01..10-07 off, Saturday 10-10 a 调休 working day)
    expect(c.deadlines.acknowledgeDue).toBe('2026-10-23');
    expect(c.deadlines.assignedCaseDue).toBeNull();
    const a = await createClue(t, { source: 'SUPERIOR_ASSIGNED', receivedOn: '2026-01-31' }, 'ag.manager1');
    expect(a.deadlines.proposeDue).toBe('2026-02-28');
    expect(a.deadlines.assignedCaseDue).toBe('2026-04-30');
    expect(a.deadlines.acknowledgeDue).toBeNull();
  });

  it('registers with a gap-free 逐件编号 兰纪线〔年〕N号', async () => {
    const a = await createClue(t);
    const b = await createClue(t);
    const ra = await act(t, a.id, { action: 'register', version: a.version }, 'ag.manager1');
    expect(ra.statusCode, ra.body).toBe(200);
    const rb = await act(t, b.id, { action: 'register', version: b.version }, 'ag.manager1');
    const na = Number(/〔2026〕(\d+)号/.exec(ra.json().clueNo)![1]);
    expect(ra.json().clueNo).toMatch(/^兰纪线〔2026〕\d+号$/);
    expect(rb.json().clueNo).toBe(`兰纪线〔2026〕${na + 1}号`);
    expect(ra.json().state).toBe('REGISTERED');
    const stale = await act(t, a.id, { action: 'register', version: a.version }, 'ag.manager1');
    expect(stale.statusCode).toBe(409);
    // full text finds it by number and by words
    const byNo = await t.request({ method: 'GET', url: `/api/v1/clues?q=${encodeURIComponent(ra.json().clueNo)}`, as: 'ag.manager1' });
    expect(byNo.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
  });

  it('edits intake fields while RECEIVED, with version', async () => {
    const c = await createClue(t);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/clues/${c.id}`,
      payload: { version: c.version, title: '修改后的标题：违规发放津贴' },
      as: 'xf.officer1',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().title).toBe('修改后的标题：违规发放津贴');
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/clues/${c.id}`, payload: { version: c.version, title: 'x' }, as: 'xf.officer1' });
    expect(stale.statusCode).toBe(409);
    const other = await t.request({ method: 'PATCH', url: `/api/v1/clues/${c.id}`, payload: { version: c.version + 1, title: 'y' }, as: 'jc1.staff' });
    expect(other.statusCode).toBe(404);
    const found = await t.request({ method: 'GET', url: `/api/v1/clues?q=${encodeURIComponent('津贴')}`, as: 'xf.officer1' });
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
  });
});

function baseIntake() {
  return {
    source: 'PETITION_LETTER',
    receivedOn: '2026-03-02',
    realName: false,
    title: '反映问题',
    summary: '内容',
    issueTypes: [],
    subjectName: '测试对象',
    cadreManagement: 'OTHER',
    isSubordinateTopLeader: false,
  };
}

describe('hand-over of a supervision finding', () => {
  it('creates a FOUND_IN_SUPERVISION clue once; a second hand-over is 409', async () => {
    const item = await t.db
      .selectFrom('supervision_item as i')
      .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
      .select(['i.id', 'i.commission_id', 'i.lead_org_id'])
      .where('l.owner_group_id', '=', await orgId(t, `${JW}-PZ-JYJ`))
      .executeTakeFirstOrThrow();
    const finding = await t.db
      .insertInto('supervision_finding')
      .values({
        commission_id: item.commission_id,
        item_id: item.id,
        org_id: item.lead_org_id,
        description: '发现某校违规收取择校费的问题线索',
        disposition: 'CLUE',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const url = `/api/v1/supervision/findings/${finding.id}/hand-over`;
    const hidden = await t.request({ method: 'POST', url, payload: { subjectName: '测试对象戊' }, as: 'fin.staff' });
    expect(hidden.statusCode).toBe(404);
    const res = await t.request({ method: 'POST', url, payload: { subjectName: '测试对象戊' }, as: 'edu.staff' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source).toBe('FOUND_IN_SUPERVISION');
    expect(res.json().sourceRef).toEqual({ type: 'supervision_finding', id: finding.id });
    const f = await t.db.selectFrom('supervision_finding').selectAll().where('id', '=', finding.id).executeTakeFirstOrThrow();
    expect(f.handed_over_type).toBe('clue');
    expect(f.handed_over_id).toBe(res.json().id);
    expect(f.handed_over_at).not.toBeNull();
    const again = await t.request({ method: 'POST', url, payload: { subjectName: '测试对象戊' }, as: 'edu.staff' });
    expect(again.statusCode).toBe(409);
  });
});

describe('detail', () => {
  it('shows deadlines and abilities', async () => {
    const c = await createClue(t);
    const d = await detail(t, c.id, 'ag.manager1');
    expect(d.abilities.actions).toContain('register');
    expect(d.abilities.update).toBe(true);
    expect(d.timeline[0].action).toBe('receive');
  });
});
