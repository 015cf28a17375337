/** 行业性系统性问题: clustering (fixed corpus), the register's scope, side doors, validation, locking, conversion. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { addItem, consult, createList, driveTo, EDU, FIN, orgIds } from '../supervision/fixtures';
import { clusterDocuments } from './cluster-core';

let t: TestApp;
let id: (code: string) => string;
beforeAll(async () => {
  t = await createTestApp();
  id = await orgIds(t);
});
afterAll(() => t.close());

const CATERING = [
  '演示数据：甲县部分中小学校园餐食材采购未经公开招标，由学校后勤直接指定供应商，采购价格明显高于市场价',
  '演示数据：乙县教育局校园餐食材采购未公开招标，供应商由学校指定，采购价格高于市场价，资质审核不严',
  '演示数据：丙县多所学校校园餐食材集中采购未经公开招标程序，指定供应商供货，采购价格高于同期市场价',
];
const OTHERS = ['演示数据：某局领导干部公车私用，节假日驾驶公务用车外出旅游', '演示数据：某中心违规发放津贴补贴，以加班费名义向全体职工发放福利'];

describe('clusterDocuments (fixed corpus, no database)', () => {
  it('groups the three 校园餐 procurement findings and keeps the dissimilar ones apart', () => {
    // the same sector but another problem (canteen hygiene) must stay apart from the procurement cluster
    const hygiene = '演示数据：丁县学校食堂卫生检查不合格，后厨存放过期变质食品';
    const docs = [...CATERING, ...OTHERS, '演示数据：某镇扶贫资金被挪用于修建办公楼', hygiene].map((text, i) => ({ key: String(i), text }));
    // six documents give every shared bigram a low IDF: the threshold is lower than over a real ledger
    const clusters = clusterDocuments(docs, { threshold: 0.2 });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toEqual([0, 1, 2]);
    expect(clusters[0]!.keywords).toEqual(expect.arrayContaining(['采购']));
    // a stricter threshold than the similarity keeps even these apart
    expect(clusterDocuments(docs, { threshold: 0.5 })).toHaveLength(0);
  });
});

describe('problem register over HTTP', () => {
  let counties: { id: string; name: string }[];
  let catering: string[];
  let others: string[];
  let hidden: string;

  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, as: string, payload?: object) => t.request({ method, url, as, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    counties = (await t.db.selectFrom('org').select(['id', 'name_zh as name']).where('kind', '=', 'COUNTY_COMMISSION').orderBy('code').limit(3).execute()).map(
      (o) => ({ id: o.id, name: o.name }),
    );
    expect(counties).toHaveLength(3);
    const eduList = await createList(t, { groupCode: EDU });
    const eduItem = await addItem(t, eduList.id);
    const finList = await createList(t, { as: 'dfzf.staff', groupCode: FIN });
    const finItem = await addItem(t, finList.id, {}, 'dfzf.staff');
    const finding = async (itemId: string, orgId: string, description: string, hostUnitId: string | null) =>
      (
        await t.db
          .insertInto('supervision_finding')
          .values({
            commission_id: (await t.db.selectFrom('org').select('commission_id').where('id', '=', orgId).executeTakeFirstOrThrow()).commission_id,
            item_id: itemId,
            org_id: orgId,
            description,
            disposition: 'RECOMMENDATION',
            host_unit_id: hostUnitId,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    catering = [];
    for (const [i, text] of CATERING.entries()) catering.push(await finding(eduItem.id, id(EDU), text, counties[i]!.id));
    others = [];
    for (const text of OTHERS) others.push(await finding(eduItem.id, id(EDU), text, counties[0]!.id));
    // the same problem in a list jc3.staff does not see (the 驻金融组's)
    hidden = await finding(finItem.id, id(FIN), `${CATERING[1]}（另一县）`, counties[2]!.id);
    expect((await req('GET', `/api/v1/supervision/items/${finItem.id}`, 'jc3.staff')).statusCode).toBe(404);
  });

  it('proposes the 校园餐 cluster across three counties from visible findings only, and confirming makes a problem with them as evidence', async () => {
    const clustered = await auditCount(t.db, 'problem.clustered');
    const res = await req('GET', '/api/v1/problems/candidates', 'jc3.staff');
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditCount(t.db, 'problem.clustered')).toBe(clustered + 1);
    const all = res.json().items as { key: string; members: { type: string; id: string }[]; units: { id: string }[]; memberCount: number }[];
    const found = all.find((c) => c.members.some((m) => m.id === catering[0]));
    expect(found, JSON.stringify(all)).toBeDefined();
    expect(found!.members.map((m) => m.id).sort()).toEqual([...catering].sort());
    expect(found!.units.map((u) => u.id).sort()).toEqual(counties.map((c) => c.id).sort());
    const everyMember = all.flatMap((c) => c.members.map((m) => m.id));
    expect(everyMember).not.toContain(hidden);
    for (const o of others) expect(found!.members.map((m) => m.id)).not.toContain(o);

    const created = await auditCount(t.db, 'problem.created');
    const confirm = await req('POST', '/api/v1/problems', 'jc3.staff', {
      title: '校园餐食材采购未公开招标、指定供应商',
      sector: 'SCHOOL_CATERING',
      type: 'SYSTEMIC',
      origin: 'CLUSTER',
      evidence: found!.members.map((m) => ({ type: m.type, id: m.id })),
      analysisOrgIds: [id(FIN)],
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const p = confirm.json();
    expect(p).toMatchObject({ state: 'PROPOSED', origin: 'CLUSTER', sectorLabel: '校园餐', typeLabel: '系统性问题', evidenceCount: 3, version: 1 });
    expect(p.units.map((u: { id: string }) => u.id).sort()).toEqual(counties.map((c) => c.id).sort());
    expect(p.evidence.map((e: { id: string }) => e.id).sort()).toEqual([...catering].sort());
    expect(await auditCount(t.db, 'problem.created')).toBe(created + 1);
    // a confirmed cluster is not proposed again
    const again = (await req('GET', '/api/v1/problems/candidates', 'jc3.staff')).json().items as { members: { id: string }[] }[];
    expect(again.flatMap((c) => c.members.map((m) => m.id))).not.toContain(catering[0]);

    // side door: the 驻金融组 takes part in the analysis and reads the problem, but not evidence outside its scope
    const asFin = await req('GET', `/api/v1/problems/${p.id}`, 'fin.staff');
    expect(asFin.statusCode, asFin.body).toBe(200);
    expect(asFin.json().evidence).toEqual([]);
    // out of scope: 404 for read and write
    expect((await req('GET', `/api/v1/problems/${p.id}`, 'cg.county')).statusCode).toBe(404);
    expect((await req('PATCH', `/api/v1/problems/${p.id}`, 'cg.county', { version: 1, title: '改' })).statusCode).toBe(404);
    expect((await req('GET', '/api/v1/problems?pageSize=100', 'cg.county')).json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
  });

  it('refuses invisible evidence, unknown dictionary codes and missing fields with zh-CN messages and field paths', async () => {
    const base = { title: '测试问题', sector: 'SCHOOL_CATERING', type: 'SECTORAL' };
    const invisible = await req('POST', '/api/v1/problems', 'jc3.staff', { ...base, evidence: [{ type: 'finding', id: hidden }] });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json().details.issues).toEqual([{ path: 'evidence.0', message: '证据不存在或无权查看' }]);
    const codes = await req('POST', '/api/v1/problems', 'jc3.staff', { ...base, sector: 'NOPE', type: 'NOPE' });
    expect(codes.statusCode).toBe(400);
    expect(codes.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['sector', 'type']);
    expect(codes.json().details.issues[0].message).toContain('行业领域');
    const missing = await req('POST', '/api/v1/problems', 'jc3.staff', { sector: 'SCHOOL_CATERING', type: 'SECTORAL' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].path).toBe('title');
    expect(missing.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect((await req('POST', '/api/v1/problems', 'sj.secretary', base)).statusCode).toBe(403);
  });

  it('confirms under the version (stale → 409), filters the ledger, exports it, and converts into next year’s common item', async () => {
    const created = await req('POST', '/api/v1/problems', 'jc3.staff', {
      title: '校园餐供应商资质审核不严',
      sector: 'SCHOOL_CATERING',
      type: 'SECTORAL',
      evidence: [{ type: 'finding', id: others[0] }],
      analysisOrgIds: [id('LZ-JW-DFZF')],
    });
    expect(created.statusCode, created.body).toBe(200);
    const p = created.json();
    const confirmed = await auditCount(t.db, 'problem.confirmed');
    expect(p.abilities).toEqual({ update: true, actions: ['confirm', 'dismiss'] });
    // the state is not a field: PATCH refuses it with the path, and nothing changes
    const sneaky = await req('PATCH', `/api/v1/problems/${p.id}`, 'jc3.staff', { version: 1, state: 'CONFIRMED' });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().details.issues[0]).toMatchObject({ path: 'state', message: expect.stringContaining('不能直接修改') });
    // a reader with wide scope but no part in the problem may not confirm it (403, the machine's message)
    const leader = await req('POST', `/api/v1/problems/${p.id}/actions`, 'sj.secretary', { action: 'confirm', version: 1 });
    expect(leader.statusCode).toBe(403);
    expect(leader.json().message).toContain('牵头部门或参与联合剖析的部门');
    const confirm = await req('POST', `/api/v1/problems/${p.id}/actions`, 'jc3.staff', { action: 'confirm', version: 1 });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toMatchObject({ state: 'CONFIRMED', version: 2 });
    expect(await auditCount(t.db, 'problem.confirmed')).toBe(confirmed + 1);
    const ok = await req('PATCH', `/api/v1/problems/${p.id}`, 'jc3.staff', {
      version: 2,
      analysis: '三县共性：采购制度未落实，学校自行指定供应商',
      analysedOn: '2026-11-20',
      evidenceRemove: [{ type: 'finding', id: others[0] }],
      evidenceAdd: [{ type: 'finding', id: others[1] }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'CONFIRMED', version: 3, analysedOn: '2026-11-20', evidence: [{ id: others[1] }] });
    // the owner may dismiss or draft a letter but not issue an item; the 党风政风监督室 (in the joint analysis) may do all
    expect(ok.json().abilities.actions).toEqual(['dismiss', 'toLetter']);
    expect((await req('GET', `/api/v1/problems/${p.id}`, 'dfzf.staff')).json().abilities.actions).toEqual(['dismiss', 'convert', 'toLetter', 'toCampaign']);
    const stale = await req('PATCH', `/api/v1/problems/${p.id}`, 'jc3.staff', { version: 1, title: '旧版本' });
    expect(stale.statusCode).toBe(409);

    const bySector = await req('GET', '/api/v1/problems?sector=SCHOOL_CATERING&state=CONFIRMED', 'jc3.staff');
    expect(bySector.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await req('GET', '/api/v1/problems?sector=GRAIN', 'jc3.staff')).json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const exported = await auditCount(t.db, 'problem.exported');
    const xlsx = await req('GET', '/api/v1/problems/export.xlsx?sector=SCHOOL_CATERING', 'jc3.staff');
    expect(xlsx.statusCode).toBe(200);
    expect(await auditCount(t.db, 'problem.exported')).toBe(exported + 1);

    const year = new Date().getFullYear() + 1;
    const convert = { version: 3, year, matter: '监督校园餐食材采购公开招标落实情况', bases: ['SECTOR_FEATURE'], methods: ['DOCUMENT_REVIEW'] };
    expect((await req('POST', `/api/v1/problems/${p.id}/convert`, 'jc3.staff', convert)).statusCode).toBe(403);
    const thisYear = await req('POST', `/api/v1/problems/${p.id}/convert`, 'dfzf.staff', { ...convert, year: year - 1 });
    expect(thisYear.statusCode).toBe(400);
    expect(thisYear.json().details.issues[0].path).toBe('year');
    expect((await req('POST', `/api/v1/problems/${p.id}/convert`, 'dfzf.staff', { ...convert, version: 2 })).statusCode).toBe(409);
    const converted = await auditCount(t.db, 'problem.converted');
    const done = await req('POST', `/api/v1/problems/${p.id}/convert`, 'dfzf.staff', convert);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().problem).toMatchObject({
      state: 'CONVERTED',
      version: 4,
      abilities: { update: false, actions: [] },
      conversions: [{ targetType: 'common_item' }],
    });
    expect(done.json().issued.issued).toBeGreaterThan(0);
    const common = await t.db.selectFrom('common_item').select(['year', 'matter']).where('id', '=', done.json().issued.commonItem.id).executeTakeFirstOrThrow();
    expect(common).toEqual({ year, matter: convert.matter });
    expect(await auditCount(t.db, 'problem.converted')).toBe(converted + 1);
    expect((await req('PATCH', `/api/v1/problems/${p.id}`, 'jc3.staff', { version: 4, title: '改' })).statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'problem.converted')
      .where('object_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(audit.payload).toMatchObject({ action: 'convert', from: 'CONFIRMED', to: 'CONVERTED', commonItemId: done.json().issued.commonItem.id, year });
  });

  it('every (state, action) pair through POST /problems/:id/actions: legal → 200 and the new state, illegal → 409 and nothing changes', async () => {
    const EXPECTED: Record<string, Record<string, string>> = {
      PROPOSED: { confirm: 'CONFIRMED', dismiss: 'DISMISSED' },
      CONFIRMED: { dismiss: 'DISMISSED', convert: 'CONVERTED', toLetter: 'CONVERTED', toCampaign: 'CONVERTED' },
      CONVERTED: {},
      DISMISSED: {},
    };
    const year = new Date().getFullYear() + 1;
    const bodies: Record<string, (state: string) => object> = {
      convert: (state) => ({ year, matter: `状态表测试事项（${state}）`, bases: ['SECTOR_FEATURE'], methods: ['DOCUMENT_REVIEW'] }),
      toLetter: () => ({ recipientOrgId: counties[0]!.id }),
      toCampaign: (state) => ({ year, name: `状态表测试专项整治（${state}）` }),
    };
    for (const state of Object.keys(EXPECTED)) {
      for (const action of ['confirm', 'dismiss', 'convert', 'toLetter', 'toCampaign']) {
        const created = await req('POST', '/api/v1/problems', 'jc3.staff', {
          title: `状态表测试：${state}·${action}`,
          sector: 'SCHOOL_CATERING',
          type: 'SECTORAL',
          analysisOrgIds: [id('LZ-JW-DFZF')],
          unitOrgIds: [counties[0]!.id],
        });
        expect(created.statusCode, created.body).toBe(200);
        const pid = created.json().id as string;
        // the test places the row in the state under test (test files are outside the state-write rule)
        await t.db
          .updateTable('problem')
          .set({ state: state as 'PROPOSED' })
          .where('id', '=', pid)
          .execute();
        if (action === 'toLetter')
          await t.db.updateTable('problem').set({ analysis: '采购制度未落实\n建议全面推行校园餐食材公开招标' }).where('id', '=', pid).execute();
        const body = { action, version: 1, ...(bodies[action]?.(state) ?? {}) };
        const as = action === 'convert' || action === 'toCampaign' ? 'dfzf.staff' : 'jc3.staff';
        const res = await req('POST', `/api/v1/problems/${pid}/actions`, as, body);
        const to = EXPECTED[state]![action];
        const row = await t.db.selectFrom('problem').select(['state', 'version']).where('id', '=', pid).executeTakeFirstOrThrow();
        if (to) {
          expect(res.statusCode, `${state}·${action} ${res.body}`).toBe(200);
          expect(res.json()).toMatchObject({ state: to, version: 2 });
          expect(row).toEqual({ state: to, version: 2 });
        } else {
          expect(res.statusCode, `${state}·${action} ${res.body}`).toBe(409);
          expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
          expect(row).toEqual({ state, version: 1 });
          // nothing converted either: no letter, campaign or item behind a refused action
          expect(await t.db.selectFrom('problem_conversion').select('id').where('problem_id', '=', pid).execute()).toEqual([]);
        }
      }
    }
    // an unknown action is a 400 in Chinese, out of scope a 404
    const any = (await req('GET', '/api/v1/problems?pageSize=1', 'jc3.staff')).json().items[0];
    const unknown = await req('POST', `/api/v1/problems/${any.id}/actions`, 'jc3.staff', { action: 'approve', version: any.version });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect((await req('POST', `/api/v1/problems/${any.id}/actions`, 'cg.county', { action: 'dismiss', version: any.version })).statusCode).toBe(404);
  });

  it('a finding takes a 行业领域 code of the dictionary; anything else is refused with the field path and nothing is written', async () => {
    const list = await createList(t, { groupCode: EDU });
    await consult(t, list.id);
    const item = await driveTo(t, (await addItem(t, list.id)).id, 'IN_PROGRESS');
    const post = (sector: string, version: number) =>
      req('POST', `/api/v1/supervision/items/${item.id}/findings`, 'jc3.staff', {
        version,
        description: '演示数据：校园餐采购不规范',
        disposition: 'RECTIFY',
        sector,
      });
    const bad = await post('NOPE', item.version);
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'sector', message: expect.stringContaining('行业领域') });
    expect(await t.db.selectFrom('supervision_finding').select('id').where('item_id', '=', item.id).execute()).toHaveLength(0);
    const ok = await post('SCHOOL_CATERING', item.version);
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await t.db.selectFrom('supervision_finding').select('sector_code').where('item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(row.sector_code).toBe('SCHOOL_CATERING');
  });
});
