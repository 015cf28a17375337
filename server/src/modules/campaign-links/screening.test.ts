/**
 * Clue screening inside a campaign (issue 10): the 典型问题类型 tags (dictionary CLUE_TYPOLOGY) set at intake
 * and edit, filtered and exported; the campaign's joint analysis meetings; the demo linked by id; and
 * migration 0025 turning the old free-text names into campaign ids.
 */
import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { withDatabase } from '../../db/embedded';
import { migrate } from '../../db/migrate';
import { GRAIN_CAMPAIGN } from '../../demo/campaigns';
import { SCHOOL_CATERING_CAMPAIGN } from '../../demo/reform-data-more';
import { intake } from '../clues/fixtures';
import { demoCampaignId, makeCampaign } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe('typology (典型问题类型)', () => {
  it('is a dictionary; set at intake and edit, checked against it, filtered and exported with labels', async () => {
    const dicts = (await t.request({ method: 'GET', url: '/api/v1/dictionaries', as: 'ag.manager1' })).json();
    const typology = dicts.items.find((d: { code: string }) => d.code === 'CLUE_TYPOLOGY');
    expect(typology.items.map((i: { labelZh: string }) => i.labelZh)).toEqual(expect.arrayContaining(['靠企吃企', '关联交易', '利益输送', '套取补贴']));

    const post = (over: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/clues', as: 'ag.manager1', payload: intake(over) });
    const bad = await post({ source: 'DATA_ALERT', typology: ['RELATED_TRANSACTION', 'NOT_A_TYPE'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([{ path: 'typology', message: '典型问题类型不在字典中：NOT_A_TYPE' }]);

    const grain = await demoCampaignId(t, GRAIN_CAMPAIGN);
    const tagged = await post({
      source: 'DATA_ALERT',
      campaignId: grain,
      typology: ['SUBSIDY_FRAUD', 'SUBSIDY_FRAUD'],
      title: '大数据比对：某粮库套取收购补贴问题',
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json()).toMatchObject({ typology: ['SUBSIDY_FRAUD'], campaignId: grain, campaignName: GRAIN_CAMPAIGN });
    const plain = await post({ source: 'DATA_ALERT', title: '大数据比对：未标注类型' });

    const byType = await t.request({ method: 'GET', url: '/api/v1/clues?typology=SUBSIDY_FRAUD&pageSize=100', as: 'ag.manager1' });
    expect(ids(byType)).toContain(tagged.json().id);
    expect(ids(byType)).not.toContain(plain.json().id);

    const edit = await t.request({
      method: 'PATCH',
      url: `/api/v1/clues/${plain.json().id}`,
      as: 'ag.manager1',
      payload: { version: plain.json().version, typology: ['FALSE_CLAIMS'] },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const detail = (await t.request({ method: 'GET', url: `/api/v1/clues/${plain.json().id}`, as: 'ag.manager1' })).json();
    expect(detail.typology).toEqual(['FALSE_CLAIMS']);
    const both = await t.request({ method: 'GET', url: '/api/v1/clues?typology=SUBSIDY_FRAUD&typology=FALSE_CLAIMS&pageSize=100', as: 'ag.manager1' });
    expect(ids(both)).toEqual(expect.arrayContaining([tagged.json().id, plain.json().id]));

    const xlsx = await t.request({ method: 'GET', url: `/api/v1/clues/export.xlsx?campaignId=${grain}`, as: 'ag.manager1' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('所属专项整治');
    expect(cells).toContain('典型问题类型');
    expect(cells).toContain(GRAIN_CAMPAIGN);
    expect(cells).toContain('套取补贴');
  });
});

describe('joint analysis meetings', () => {
  it('a screening meeting carries a campaign the caller sees and is listed by it', async () => {
    const campaign = await makeCampaign(t, { participants: ['LZ-JW-JC3'] });
    const hidden = await makeCampaign(t, { lead: 'LZ-JW-SC10' });
    const clue = await t.request({ method: 'POST', url: '/api/v1/clues', as: 'jc3.staff', payload: intake({ source: 'FOUND_IN_SUPERVISION' }) });
    const body = (campaignId: string) => ({
      title: '专项整治问题线索综合分析研判会（测试）',
      heldOn: '2026-06-01',
      campaignId,
      items: [{ clueId: clue.json().id, decision: '纳入专项整治统筹研判' }],
    });
    const refused = await t.request({ method: 'POST', url: '/api/v1/clue-meetings', as: 'jc3.staff', payload: body(hidden.id) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues[0].path).toBe('campaignId');
    expect(await t.db.selectFrom('clue_meeting').select('id').where('campaign_id', '=', hidden.id).execute()).toEqual([]);

    const ok = await t.request({ method: 'POST', url: '/api/v1/clue-meetings', as: 'jc3.staff', payload: body(campaign.id) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ campaignId: campaign.id, campaignName: campaign.name });
    const list = await t.request({ method: 'GET', url: `/api/v1/clue-meetings?campaignId=${campaign.id}`, as: 'jc3.staff' });
    expect(ids(list)).toEqual([ok.json().id]);
  });
});

describe('the demo, linked by id', () => {
  it('campaign clues, the 校园餐 record, its letter and tasks, accountability and bulletin carry the right campaign', async () => {
    const catering = await demoCampaignId(t, SCHOOL_CATERING_CAMPAIGN);
    const grain = await demoCampaignId(t, GRAIN_CAMPAIGN);
    const clue = (like: string) =>
      t.db.selectFrom('clue').select(['id', 'campaign_id', 'typology', 'case_id']).where('title', 'like', like).executeTakeFirstOrThrow();
    const alert = await clue('示例国有粮食储备库主任%关联交易%');
    expect(alert).toMatchObject({ campaign_id: grain, typology: ['RELATED_TRANSACTION', 'TUNNELING'] });
    expect((await clue('粮食购销专项整治排查%')).campaign_id).toBe(grain);
    expect((await clue('校园餐专项整治排查%')).campaign_id).toBe(catering);
    const canteen = await clue('市教育局管某某在校园餐配送招标中收受好处问题');
    expect(canteen.campaign_id).toBe(catering);
    const orphans = await t.db.selectFrom('clue').select('id').where('source', '=', 'CAMPAIGN_SCREENING').where('campaign_id', 'is', null).execute();
    expect(orphans).toEqual([]);

    const record = await t.db.selectFrom('reform_record').select(['id', 'campaign_id']).where('case_id', '=', canteen.case_id).executeTakeFirstOrThrow();
    expect(record.campaign_id).toBe(catering);
    const letters = await t.db.selectFrom('letter').select(['id', 'campaign_id']).where('record_id', '=', record.id).execute();
    expect(letters.length).toBeGreaterThan(0);
    for (const l of letters) expect(l.campaign_id).toBe(catering);
    const tasks = await t.db
      .selectFrom('rectification_task')
      .select('campaign_id')
      .where(
        'letter_id',
        'in',
        letters.map((l) => l.id),
      )
      .execute();
    for (const task of tasks) expect(task.campaign_id).toBe(catering);

    const acc = await t.db.selectFrom('accountability').select('campaign_id').where('target_name', '=', '郝某某').executeTakeFirstOrThrow();
    expect(acc.campaign_id).toBe(catering);
    const bulletin = await t.db.selectFrom('bulletin').select('campaign_id').where('title', 'like', '%校园餐%').executeTakeFirstOrThrow();
    expect(bulletin.campaign_id).toBe(catering);

    // over the API, with names, for who sees them
    const api = await t.request({ method: 'GET', url: `/api/v1/reform-records?campaignId=${catering}`, as: 'sj.secretary' });
    expect(ids(api)).toContain(record.id);
    expect(api.json().items[0].campaignName).toBe(SCHOOL_CATERING_CAMPAIGN);
  });
});

describe('migration 0025', () => {
  it('maps campaign names to ids within the commission (creating a campaign for an unknown name), then drops the names', async () => {
    const url = new URL(t.databaseUrl);
    const name = `m_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: withDatabase(t.databaseUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDatabase(url.toString(), name), max: 2 });
    try {
      // every migration before 0025 …
      const all = path.join(import.meta.dirname, '../../db/migrations');
      const before = mkdtempSync(path.join(os.tmpdir(), 'ld-mig-'));
      for (const f of readdirSync(all).filter((f) => f < '0025')) symlinkSync(path.join(all, f), path.join(before, f));
      await migrate(pool, before);
      // … then the data of the free-text era
      const q = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows;
      const [c] = await q(`INSERT INTO commission (code, name_zh) VALUES ('M', '迁移测试纪委监委') RETURNING id`);
      const [c2] = await q(`INSERT INTO commission (code, name_zh) VALUES ('M2', '另一纪委监委') RETURNING id`);
      const org = async (cid: string, code: string, kind = 'INTERNAL_OFFICE', officeKind: string | null = null) =>
        (
          await q(`INSERT INTO org (commission_id, code, name_zh, short_name, kind, office_kind) VALUES ($1, $2, $2, $2, $3, $4) RETURNING id`, [
            cid,
            code,
            kind,
            officeKind,
          ])
        )[0].id;
      const dfzf = await org(c.id, '党风政风监督室', 'INTERNAL_OFFICE', 'PARTY_CONDUCT');
      const unit = await org(c.id, '某局', 'HOST_UNIT');
      const otherOrg = await org(c2.id, '外委某室');
      const [known] = await q(
        `INSERT INTO campaign (commission_id, name, domain, year, lead_org_id) VALUES ($1, '甲专项整治', 'GRAIN', 2026, $2) RETURNING id`,
        [c.id, dfzf],
      );
      await q(`INSERT INTO campaign (commission_id, name, domain, year, lead_org_id) VALUES ($1, '乙专项整治', 'OTHER', 2026, $2)`, [c2.id, otherOrg]);
      const record = async (campaignName: string) =>
        (
          await q(
            `INSERT INTO reform_record (commission_id, origin, campaign_name, title, unit_org_id, owner_org_id) VALUES ($1, 'CAMPAIGN', $2, '以案促改', $3, $4) RETURNING id`,
            [c.id, campaignName, unit, dfzf],
          )
        )[0].id;
      const r1 = await record(' 甲专项整治 ');
      const r2 = await record('乙专项整治'); // exists only in the other commission
      await q(
        `INSERT INTO accountability (commission_id, target_kind, target_name, method, basis, deciding_body, decided_on, campaign_name, owner_org_id)
         VALUES ($1, 'LEADER', '某某', 'ADMONITION', '问责条例', '纪委', '2026-03-01', '甲专项整治', $2)`,
        [c.id, dfzf],
      );

      expect((await migrate(pool)).applied).toContain('0025_campaign_links.sql');

      const byId = new Map((await q(`SELECT id, campaign_id FROM reform_record`)).map((r) => [r.id, r.campaign_id]));
      expect(byId.get(r1)).toBe(known.id);
      const [created] = await q(`SELECT id, commission_id, lead_org_id FROM campaign WHERE id = $1`, [byId.get(r2)]);
      expect(created).toMatchObject({ commission_id: c.id, lead_org_id: dfzf });
      expect((await q(`SELECT campaign_id FROM accountability`))[0].campaign_id).toBe(known.id);
      const cols = await q(
        `SELECT table_name FROM information_schema.columns WHERE column_name = 'campaign_name' AND table_name IN ('reform_record', 'accountability')`,
      );
      expect(cols).toEqual([]);
      const dict = await q(
        `SELECT count(*)::int AS n FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id WHERE d.code = 'CLUE_TYPOLOGY' AND d.commission_id = $1`,
        [c.id],
      );
      expect(dict[0].n).toBeGreaterThanOrEqual(7);
    } finally {
      await pool.end();
      const drop = new pg.Client({ connectionString: withDatabase(t.databaseUrl, 'postgres') });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name}`);
      await drop.end();
    }
  });
});
