/**
 * Issue 14, the letter's content: the objection period and its unit are settings (working days on the
 * commission calendar by default) stated in the letter with the manner; a reply period above 30 days needs
 * a reason; 抄送 goes to organs, never the drafting office; each law is named once; the organs print by
 * their formal short names; and every date of a draft or an issued letter is the Beijing day, also when
 * UTC is still on the day before.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { serviceCtx } from '../../../test/fixtures';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { loadWorkCalendar } from '../../platform/calendar';
import { clearSettingsCache } from '../../platform/settings';
import { citeLegalBasis, nameLawsOnce } from './docx';
import { exportBulletinDocx, issueBulletin } from './service-bulletins';
import { actOnLetter, exportLetterDocx } from './service-letters';
import { actionBody, BANK, docxXml, orgId, seedLetter } from './test-helpers';

let t: TestApp;
let bank: string;
beforeAll(async () => {
  t = await createTestApp();
  bank = await orgId(t, BANK);
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const setting = (key: string, value: unknown) => t.request({ method: 'PUT', url: `/api/v1/settings/${key}`, payload: { value }, as: 'sysadmin' });
const letterCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM letter`.execute(t.db)).rows[0]!.n);
/** The text of document.xml, runs joined (what a reader sees, without markup). */
const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

const draft = (over: Record<string, unknown> = {}) => ({
  type: 'SUPERVISION',
  origin: 'CASE',
  recipientOrgId: bank,
  title: '关于示例城市商业银行规范贷后管理的监察建议书（期限测试）',
  background: '本委在审查调查中发现该行贷后管理存在漏洞，依照《中华人民共和国监察法》开展了监督。',
  facts: '贷后检查流于形式。',
  causes: '内部监督制约不力。',
  legalBasis: ['《中华人民共和国监察法》第十一条第（三）项', '《中华人民共和国监察法》第五十二条第一款第（五）项', '《中华人民共和国监察法实施条例》有关规定'],
  items: [{ text: '建立贷后检查台账并逐户核查', deadline: addDays(today(), 60) }],
  ...over,
});
const create = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/letters', payload, as: 'sc8.director' });
const preview = async (id: string) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/letters/${id}/document.docx`, as: 'sc8.director' });
  expect(res.statusCode).toBe(200);
  return (await docxXml(res.rawPayload)).doc;
};

describe('the objection period: a setting in working days, stated with its manner, due on the commission calendar', () => {
  it('a new letter takes period and unit from the settings; the letter states both; service counts working days', async () => {
    const defaults = await t.request({ method: 'GET', url: '/api/v1/letters/drafting-defaults', as: 'sc8.director' });
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toEqual({
      organs: { discipline: '中共兰州市纪委', supervision: '兰州市监委', office: '中共兰州市纪委办公室' },
      objectionDays: 15,
      objectionUnit: 'WORKING_DAYS',
      replyDays: 30,
    });
    expect((await t.request({ method: 'GET', url: '/api/v1/letters/drafting-defaults', as: 'auditadmin' })).statusCode).toBe(403);
    const res = await create(draft({ objectionChannel: '书面形式（送交本委第八审查调查室）' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ objectionDays: 15, objectionUnit: 'WORKING_DAYS' });
    const doc = textOf(await preview(res.json().id));
    expect(doc).toContain('如对本监察建议书有异议，可自收到本建议书之日起15个工作日内通过书面形式（送交本委第八审查调查室）向本委提出。');
    expect(doc).not.toMatch(/15日内/);

    // Issued and served: the window ends 15 working days later on the commission calendar.
    const seeded = await seedLetter(t, { state: 'ISSUED' });
    const served = await t.request({
      method: 'POST',
      url: `/api/v1/letters/${seeded.id}/actions`,
      payload: { version: seeded.version, action: 'serve', receiptSignedBy: '李某（演示）', servedOn: today() },
      as: 'sc8.director',
    });
    expect(served.statusCode, served.body).toBe(200);
    const cid = (await t.db.selectFrom('commission').select('id').executeTakeFirstOrThrow()).id;
    const due = (await loadWorkCalendar(t.db, cid)).addWorkingDays(today(), 15);
    expect(served.json().objectionDue).toBe(due);
    expect(due >= addDays(today(), 19)).toBe(true); // two weekends at least: never the calendar-day date
  });

  it('the system administrator sets 10 自然日: new letters state and count 10 days; bad values are refused with the path', async () => {
    const bad = await setting('letter.objectionUnit', 'WEEKS');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'value' });
    expect(bad.json().details.issues[0].message).toContain('工作日');
    expect((await setting('letter.objectionPeriod', 0)).statusCode).toBe(400);
    expect((await setting('letter.objectionPeriod', 'x')).statusCode).toBe(400);
    expect(
      (await t.request({ method: 'PUT', url: '/api/v1/settings/letter.objectionUnit', payload: { value: 'CALENDAR_DAYS' }, as: 'secadmin' })).statusCode,
    ).toBe(403);
    expect((await setting('letter.objectionPeriod', 10)).statusCode).toBe(200);
    expect((await setting('letter.objectionUnit', 'CALENDAR_DAYS')).statusCode).toBe(200);
    try {
      const res = await create(draft());
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ objectionDays: 10, objectionUnit: 'CALENDAR_DAYS' });
      expect(textOf(await preview(res.json().id))).toContain('可自收到本建议书之日起10日内以书面形式向本委提出');
    } finally {
      await setting('letter.objectionPeriod', 15);
      await setting('letter.objectionUnit', 'WORKING_DAYS');
      clearSettingsCache();
    }
  });
});

describe('reply periods above 30 days state a reason', () => {
  it('45 days without a reason: 400 on replyDaysReason, nothing written; with it: stored and printed', async () => {
    const before = await letterCount();
    const refused = await create(draft({ replyDays: 45 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues).toContainEqual({ path: 'replyDaysReason', message: '回复期限超过30日的，须说明理由' });
    expect(await letterCount()).toBe(before);
    expect((await create(draft({ replyDays: 45, replyDaysReason: '   ' }))).statusCode).toBe(400);
    expect(await letterCount()).toBe(before);

    const ok = await create(draft({ replyDays: 45, replyDaysReason: '贷后检查须覆盖全部存量贷款。' }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ replyDays: 45, replyDaysReason: '贷后检查须覆盖全部存量贷款。' });
    expect(textOf(await preview(ok.json().id))).toContain('鉴于贷后检查须覆盖全部存量贷款，请于收到本建议书之日起45日内将采纳和整改情况书面函告本委。');

    // A PATCH that clears the reason of a 45-day letter is refused; shortening to 30 days allows it.
    const { id, version } = ok.json();
    const patch = (payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/letters/${id}`, payload, as: 'sc8.director' });
    const cleared = await patch({ version, replyDaysReason: '' });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().details.issues[0].path).toBe('replyDaysReason');
    expect((await patch({ version, replyDays: 30, replyDaysReason: '' })).statusCode).toBe(200);
  });
});

describe('抄送 goes to organs', () => {
  it('refuses the drafting office and internal offices (with the item path), prints the organs named', async () => {
    const before = await letterCount();
    const own = await create(draft({ copyTo: ['示例市金融监管部门（演示）', '第八审查调查室'] }));
    expect(own.statusCode).toBe(400);
    expect(own.json().details.issues).toContainEqual({ path: 'copyTo.1', message: '抄送机关不能是起草部门' });
    const office = await create(draft({ copyTo: ['第三监督检查室'] }));
    expect(office.statusCode).toBe(400);
    expect(office.json().details.issues[0]).toMatchObject({ path: 'copyTo.0', message: '抄送机关须为机关单位，不能是本委内设机构' });
    expect(await letterCount()).toBe(before);

    const ok = await create(draft({ copyTo: ['示例市金融监管部门（演示）'] }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().copyTo).toEqual(['示例市金融监管部门（演示）']);
    const doc = textOf(await preview(ok.json().id));
    expect(doc).toContain('抄送：示例市金融监管部门（演示）。');
    expect(doc).not.toContain('抄送：第八审查调查室');
    // The issuing organ by its formal short name; the 印发机关 the 办公室 (settings).
    expect(doc).toContain('兰州市监委');
    expect(doc).not.toContain('兰州市纪委监委');
    expect(doc).toContain('中共兰州市纪委办公室');
  });

  it('a letter without 抄送 has no 抄送 line (the drafting office keeps the file copy)', async () => {
    const ok = await create(draft());
    expect(textOf(await preview(ok.json().id))).not.toContain('抄送');
  });
});

describe('the 监察法 is named once', () => {
  it('in full the first time with 以下简称, then 监察法; consecutive articles under one name', async () => {
    const ok = await create(draft());
    const doc = textOf(await preview(ok.json().id));
    expect(doc.split('《中华人民共和国监察法》').length - 1).toBe(1);
    expect(doc).toContain('《中华人民共和国监察法》（以下简称监察法）开展了监督');
    expect(doc).toContain('根据监察法第十一条第（三）项、第五十二条第一款第（五）项、《中华人民共和国监察法实施条例》有关规定，现向你单位提出如下建议：');
  });

  it('citeLegalBasis and nameLawsOnce', () => {
    expect(citeLegalBasis([])).toBe('有关规定');
    expect(citeLegalBasis(['《中华人民共和国监察法》第十一条', '《中华人民共和国监察法》第五十二条'])).toBe('《中华人民共和国监察法》第十一条、第五十二条');
    expect(nameLawsOnce(['根据《中华人民共和国监察法》第十一条'])).toEqual(['根据《中华人民共和国监察法》第十一条']);
    expect(nameLawsOnce(['依照《中华人民共和国监察法》', '根据《中华人民共和国监察法》第五十二条和《中华人民共和国监察法实施条例》'])).toEqual([
      '依照《中华人民共和国监察法》（以下简称监察法）',
      '根据监察法第五十二条和《中华人民共和国监察法实施条例》',
    ]);
  });
});

describe('dates are the commission’s day (Asia/Shanghai), not UTC', () => {
  const NEW_YEAR_1AM = new Date('2026-12-31T17:00:00Z'); // 2027-01-01 01:00 in Beijing

  /** A service context of a demo account with its own roles and its own org scope. */
  async function ctxOf(username: string): Promise<Ctx> {
    const roles = await t.db
      .selectFrom('user_role as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .select('r.role')
      .where('u.username', '=', username)
      .execute();
    const base = await serviceCtx(t.db, username, roles.map((r) => r.role) as Actor['roles'], 'own');
    return { ...base, cipher: t.app.platform.cipher, config: t.app.platform.config, log: t.app.log } as Ctx;
  }

  it('at 01:00 on 1 January in Beijing (UTC still 31 December) a draft carries no date (never UTC’s 31 December) and issues as 〔2027〕 dated 2027年1月1日', async () => {
    const seeded = await seedLetter(t, { state: 'APPROVED', title: '关于新年零点后印发的监察建议书（时区测试）' });
    const ctx = await ctxOf('sc8.director');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NEW_YEAR_1AM);
    const draftDoc = textOf((await docxXml((await exportLetterDocx(ctx, seeded.id)).body)).doc);
    // A draft carries no 成文日期 and no 印发 date (GB/T 9704: the 草稿 is not yet a document).
    expect(draftDoc).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日印发/);
    expect(draftDoc).not.toContain('2026年12月31日');
    const issued = await actOnLetter(ctx, seeded.id, actionBody('issue', seeded.version));
    vi.useRealTimers();
    expect(issued.docNo).toMatch(/〔2027〕/);
    const row = await t.db.selectFrom('letter').select(sql<string>`issued_on::text`.as('issued_on')).where('id', '=', seeded.id).executeTakeFirstOrThrow();
    expect(row.issued_on).toBe('2027-01-01');
    const issuedDoc = textOf((await docxXml((await exportLetterDocx(ctx, seeded.id)).body)).doc);
    expect(issuedDoc).toContain('2027年1月1日印发');
    expect(issuedDoc).not.toContain('2026年12月31日');
  });

  it('a 通报 issued at 01:00 on 1 January in Beijing is numbered 〔2027〕 and dated 2027年1月1日', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/bulletins',
      payload: {
        type: 'TYPICAL_CASES_EXPOSURE',
        scope: 'INTERNAL',
        title: '关于新年零点后印发的通报（时区测试）',
        recipients: '各县区纪委监委',
        body: '演示数据：本通报用于检验成文日期。',
      },
      as: 'fin.staff',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    const signed = await t.request({ method: 'POST', url: `/api/v1/bulletins/${id}/sign`, payload: { version: 1 }, as: 'sj.secretary' });
    expect(signed.statusCode, signed.body).toBe(200);
    const ctx = await ctxOf('fin.staff');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NEW_YEAR_1AM);
    const issued = await issueBulletin(ctx, id, { version: 2 });
    vi.useRealTimers();
    expect(issued.docNo).toMatch(/〔2027〕/);
    expect(issued.issuedOn).toBe('2027-01-01');
    const doc = textOf((await docxXml((await exportBulletinDocx(ctx, id)).body)).doc);
    expect(doc).toContain('2027年1月1日印发');
    expect(doc).not.toContain('2026年12月31日');
  });
});
