/**
 * Who sees which part of the structure: demo accounts × the read endpoints, checked against the
 * scope the demo tables imply (test-helpers officeScope …), never against the SQL itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { TreeNodeSchema } from '@liandong/domain/org/contracts';
import { z } from 'zod';
import { demoLeaders, demoOrgs, demoOversight, demoSupervisedPersons } from '../../demo/data';
import { codeToId, coveredBy, descendants, idToCode, officeScope, sorted, underCounty } from './test-helpers';

let t: TestApp;
let ids: Map<string, string>;
let codes: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await codeToId(t);
  codes = await idToCode(t);
});
afterAll(() => t.close());

const JW = 'LZ-JW';
const get = (as: string, url: string) => t.request({ method: 'GET', url, as });

async function visibleCodes(as: string): Promise<string[]> {
  const res = await get(as, '/api/v1/orgs?pageSize=200');
  expect(res.statusCode, as).toBe(200);
  const body = res.json();
  expect(body.total).toBe(body.items.length);
  return sorted(body.items.map((o: { code: string }) => o.code));
}

describe('GET /orgs by account (policy table over demo accounts)', () => {
  const overseen = (key: string) => demoOversight.filter((o) => o.leaderKey === key).flatMap((o) => o.officeCodes);
  const cases: [string, () => string[]][] = [
    ['edu.group', () => [`${JW}-PZ-JYJ`, ...coveredBy(`${JW}-PZ-JYJ`)]],
    ['fin.group', () => [`${JW}-PZ-JR`, ...coveredBy(`${JW}-PZ-JR`)]],
    ['jc3.director', () => officeScope(`${JW}-JC3`)],
    ['jc4.staff', () => officeScope(`${JW}-JC4`)],
    ['fsj1.deputy', () => [JW, ...overseen('deputy1')]],
    ['fsj2.deputy', () => [JW, ...overseen('deputy2').flatMap((o) => officeScope(o))]],
    ['yz.county', () => ['LZ-YZ', ...underCounty('LZ-YZ')]],
    ['bank.liaison', () => ['LZ-HU-CSYH']],
    ['sj.secretary', () => demoOrgs.map((o) => o.code)],
    ['dfzf.staff', () => demoOrgs.map((o) => o.code)],
    ['sysadmin', () => demoOrgs.map((o) => o.code)],
    ['secadmin', () => demoOrgs.map((o) => o.code)],
  ];
  it.each(cases)('%s sees exactly its scope', async (as, expected) => {
    expect(await visibleCodes(as)).toEqual(sorted(expected()));
  });

  it('keeps a group to its own host units: edu.group sees no other group, office or county', async () => {
    const seen = await visibleCodes('edu.group');
    expect(seen).toEqual(sorted(['LZ-JW-PZ-JYJ', 'LZ-HU-JYJ', 'LZ-HU-TYJ']));
    expect(seen).not.toContain('LZ-JW-PZ-JR');
    expect(seen).not.toContain('LZ-HU-CSYH');
  });

  it('gives an inspection office its liaised groups with their host units and its liaised county with townships', async () => {
    const seen = await visibleCodes('jc4.staff');
    for (const c of ['LZ-JW-JC4', 'LZ-JW-PZ-NYNC', 'LZ-HU-NYNC', 'LZ-HU-GXS', 'LZ-YZ', 'LZ-YZ-CGZ', 'LZ-YZ-JJ1', 'LZ-GL']) expect(seen).toContain(c);
    expect(seen).not.toContain('LZ-JW-JC3');
    expect(seen).not.toContain('LZ-JW-PZ-JYJ');
  });

  it('gives 榆中县 staff the county, its offices and townships (the zone), not 城关区', async () => {
    const seen = await visibleCodes('yz.county');
    expect(seen).toEqual(expect.arrayContaining(['LZ-YZ', 'LZ-YZ-JJ1', 'LZ-YZ-JJ2', 'LZ-YZ-XGY', 'LZ-YZ-LZB']));
    expect(seen).not.toContain('LZ-CG');
    expect(seen).not.toContain(JW);
  });

  it('lets the secretary and the system administrator see all, and refuses the audit administrator', async () => {
    expect((await get('sj.secretary', '/api/v1/orgs?pageSize=1')).json().total).toBe(demoOrgs.length);
    const admin = (await get('sysadmin', '/api/v1/orgs?pageSize=1')).json();
    expect(admin.total).toBe(demoOrgs.length);
    expect(admin.abilities).toEqual({ create: true, import: true });
    expect(admin.items[0].abilities).toEqual({ update: true, retire: true });
    const business = (await get('sj.secretary', '/api/v1/orgs?pageSize=1')).json();
    expect(business.abilities).toEqual({ create: false, import: false });
    expect(business.items[0].abilities).toEqual({ update: false, retire: false });
    for (const url of [
      '/api/v1/orgs',
      '/api/v1/orgs/tree',
      `/api/v1/orgs/${ids.get(JW)}`,
      '/api/v1/links',
      '/api/v1/leaders',
      '/api/v1/zones',
      '/api/v1/linkage-map',
      '/api/v1/orgs/export.xlsx',
    ]) {
      expect((await get('auditadmin', url)).statusCode, url).toBe(403);
    }
  });

  it('filters by kind, parent and name or code, and pages', async () => {
    const groups = (await get('sysadmin', '/api/v1/orgs?kind=DISPATCHED_GROUP&pageSize=200')).json();
    expect(groups.total).toBe(demoOrgs.filter((o) => o.kind === 'DISPATCHED_GROUP').length);
    const towns = (await get('sysadmin', `/api/v1/orgs?parentId=${ids.get('LZ-YZ')}&kind=TOWNSHIP_COMMISSION`)).json();
    expect(towns.total).toBe(6);
    const byName = (await get('jc3.director', `/api/v1/orgs?q=${encodeURIComponent('教育')}`)).json();
    expect(sorted(byName.items.map((o: { code: string }) => o.code))).toEqual(['LZ-HU-JYJ', 'LZ-JW-PZ-JYJ']);
    const byCode = (await get('sysadmin', '/api/v1/orgs?q=pz-jyj')).json();
    // the municipal 驻市教育局组 and the county education groups (驻榆中县/永登县/兰州新区教育局组)
    expect(sorted(byCode.items.map((o: { code: string }) => o.code))).toEqual(['LZ-JW-PZ-JYJ', 'LZ-XQ-PZ-JYJ', 'LZ-YD-PZ-JYJ', 'LZ-YZ-PZ-JYJ']);
    expect((await get('sysadmin', '/api/v1/orgs?q=%25')).json().total).toBe(0);
    const page2 = (await get('sysadmin', '/api/v1/orgs?pageSize=10&page=2')).json();
    expect(page2.items).toHaveLength(10);
    expect(page2.total).toBe(demoOrgs.length);
    const past = (await get('sysadmin', '/api/v1/orgs?pageSize=10&page=99')).json();
    expect(past).toMatchObject({ items: [], total: demoOrgs.length });
    expect((await get('sysadmin', '/api/v1/orgs?pageSize=500')).statusCode).toBe(400);
  });
});

describe('GET /orgs/:id', () => {
  it('answers 404, not 403, outside the scope', async () => {
    const res = await get('edu.group', `/api/v1/orgs/${ids.get('LZ-JW-PZ-JR')}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await get('edu.group', '/api/v1/orgs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('returns the org with the links in force that touch it', async () => {
    const res = await get('edu.group', `/api/v1/orgs/${ids.get('LZ-JW-PZ-JYJ')}`);
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org).toMatchObject({ code: 'LZ-JW-PZ-JYJ', kind: 'DISPATCHED_GROUP', parentName: '兰州市纪委监委', retired: false });
    const links = org.links.map((l: { type: string; fromName: string; toName: string; role: string | null }) =>
      `${l.type} ${l.fromName} → ${l.toName} ${l.role ?? ''}`.trim(),
    );
    expect(links.sort()).toEqual([
      'DISPATCH 驻市教育局纪检监察组 → 市体育局 COMPREHENSIVE',
      'DISPATCH 驻市教育局纪检监察组 → 市教育局 RESIDENT',
      'LIAISON 第三监督检查室 → 驻市教育局纪检监察组',
    ]);
  });
});

describe('GET /orgs/tree', () => {
  it('puts a group at the root of its own tree with its host units under it', async () => {
    const { nodes } = (await get('edu.group', '/api/v1/orgs/tree')).json();
    expect(nodes.map((n: { nameZh: string }) => n.nameZh)).toEqual(['驻市教育局纪检监察组']);
    expect(nodes[0].children.map((n: { nameZh: string }) => n.nameZh)).toEqual(['市教育局', '市体育局']);
  });

  it('shows host units under the covering group and under their parent unit, for an administrator', async () => {
    const { nodes } = (await get('sysadmin', '/api/v1/orgs/tree')).json();
    expect(nodes.map((n: { id: string }) => codes.get(n.id))).toEqual([JW]);
    type N = { id: string; children: N[] };
    const find = (list: N[], code: string): N | undefined => {
      for (const n of list) {
        if (codes.get(n.id) === code) return n;
        const hit = find(n.children, code);
        if (hit) return hit;
      }
    };
    const fgw = find(nodes, 'LZ-JW-PZ-FGW')!;
    expect(fgw.children.map((n) => codes.get(n.id))).toEqual(['LZ-HU-FGW', 'LZ-HU-LSJ']);
    const lsj = fgw.children.find((n) => codes.get(n.id) === 'LZ-HU-LSJ')!;
    expect(lsj.children.map((n) => codes.get(n.id))).toEqual(['LZ-HU-LCK']);
    const count = (list: N[]): number => list.reduce((s, n) => s + 1 + count(n.children), 0);
    // In the demo every host unit is covered by one group and has no other parent in the tree: each org once.
    expect(count(nodes)).toBe(demoOrgs.length);
    expect(() => z.array(TreeNodeSchema).parse(nodes)).not.toThrow();
  });

  it('makes orgs whose parent is out of scope roots (an office sees its office and liaised counties as roots)', async () => {
    const { nodes } = (await get('jc4.staff', '/api/v1/orgs/tree')).json();
    const roots = nodes.map((n: { id: string }) => codes.get(n.id));
    expect(roots).toEqual(expect.arrayContaining(['LZ-JW-JC4', 'LZ-JW-PZ-NYNC', 'LZ-YZ', 'LZ-GL']));
    const yz = nodes.find((n: { id: string }) => codes.get(n.id) === 'LZ-YZ');
    expect(yz.children).toHaveLength(descendants('LZ-YZ').length);
  });
});

describe('links, leaders, zones and the map by account', () => {
  it('lists the links that touch the scope', async () => {
    const { items } = (await get('edu.group', '/api/v1/links')).json();
    expect(items.map((l: { type: string }) => l.type).sort()).toEqual(['DISPATCH', 'DISPATCH', 'LIAISON']);
    expect(items.every((l: { abilities: { end: boolean } }) => !l.abilities.end)).toBe(true);
    const liaison = (await get('jc3.director', '/api/v1/links?type=LIAISON')).json().items;
    expect(liaison.map((l: { toName: string }) => l.toName)).toHaveLength(6);
    const all = (await get('sysadmin', '/api/v1/links?type=ZONE_MEMBER')).json();
    expect(all.abilities).toEqual({ create: true });
    expect(all.items.every((l: { abilities: { end: boolean } }) => l.abilities.end)).toBe(true);
  });

  it('shows a leader to the offices they oversee and all leaders to the administrators', async () => {
    const names = async (as: string) => (await get(as, '/api/v1/leaders')).json().items.map((l: { nameZh: string }) => l.nameZh);
    expect(await names('jc3.director')).toEqual(['邰书亭']);
    expect(await names('edu.group')).toEqual([]);
    expect(sorted(await names('sysadmin'))).toEqual(sorted(demoLeaders.map((l) => l.nameZh)));
    const member1 = (await get('jc3.director', '/api/v1/leaders')).json().items[0];
    expect(member1.oversees.map((o: { officeName: string }) => o.officeName)).toEqual(['第二监督检查室', '第三监督检查室']);
  });

  it('shows a county its zones with members', async () => {
    const yz = (await get('yz.county', '/api/v1/zones')).json().items;
    expect(yz.map((z: { nameZh: string }) => z.nameZh)).toEqual(['榆中县第一片区']);
    // two 纪检监察室, the four county groups they liaise with, six townships (g.4 scenario 5)
    expect(yz[0].members).toHaveLength(12);
    expect(yz[0].leadOrgName).toBe('榆中县纪委监委第一纪检监察室');
    expect((await get('xq.county', '/api/v1/zones')).json().items).toHaveLength(3);
    expect((await get('edu.group', '/api/v1/zones')).json().items).toHaveLength(0);
    expect((await get('jc4.staff', '/api/v1/zones')).json().items.map((z: { nameZh: string }) => z.nameZh)).toEqual(['榆中县第一片区']);
  });

  it('draws the map a leader sees: leader → offices → groups/counties → host units', async () => {
    const map = (await get('fsj2.deputy', '/api/v1/linkage-map')).json();
    const name = new Map(map.nodes.map((n: { id: string; name: string }) => [n.id, n.name]));
    const edges = map.edges.map((e: { source: string; target: string; type: string }) => `${e.type}:${name.get(e.source)}→${name.get(e.target)}`);
    expect(edges).toEqual(
      expect.arrayContaining(['OVERSIGHT:乔砚舟→第一监督检查室', 'LIAISON:第一监督检查室→城关区纪委监委', 'DISPATCH:驻市审计局纪检监察组→市统计局']),
    );
    expect(map.nodes.find((n: { name: string }) => n.name === '乔砚舟').category).toBe('leader');
    expect(edges.some((e: string) => e.includes('第三监督检查室'))).toBe(false);
    expect(edges.some((e: string) => e.startsWith('OVERSIGHT:') && !e.startsWith('OVERSIGHT:乔砚舟'))).toBe(false);
  });

  it('draws only its own coverage for a group and the zones for a county', async () => {
    const group = (await get('edu.group', '/api/v1/linkage-map')).json();
    expect(group.edges.map((e: { type: string }) => e.type)).toEqual(['DISPATCH', 'DISPATCH']);
    const county = (await get('yz.county', '/api/v1/linkage-map')).json();
    // the zone, and its offices' liaison with the county groups and those groups' host units
    expect(sorted(county.edges.map((e: { type: string }) => e.type))).toEqual(['DISPATCH', 'LIAISON', 'ZONE_LEAD', 'ZONE_MEMBER']);
    expect(county.nodes.filter((n: { category: string }) => n.category === 'township')).toHaveLength(6);
    const admin = (await get('sysadmin', '/api/v1/linkage-map')).json();
    expect(admin.edges.filter((e: { type: string }) => e.type === 'OVERSIGHT')).toHaveLength(demoOversight.flatMap((o) => o.officeCodes).length);
  });
});

describe('GET /people by account', () => {
  it('keeps people to business roles and to the units in scope', async () => {
    expect((await get('sysadmin', '/api/v1/people')).statusCode).toBe(403);
    expect((await get('auditadmin', '/api/v1/people')).statusCode).toBe(403);
    const edu = (await get('edu.group', '/api/v1/people?pageSize=100')).json();
    expect(sorted(edu.items.map((p: { nameZh: string }) => p.nameZh))).toEqual(sorted(['骆秉文', '饶安琪', '钭文博', '管玉洁', '伍思齐']));
    const all = (await get('sj.secretary', '/api/v1/people?pageSize=1')).json();
    expect(all.total).toBeGreaterThan(60 + demoSupervisedPersons.length - 1);
    const bankPerson = await t.db.selectFrom('person').select('id').where('name_zh', '=', '樊立群').executeTakeFirstOrThrow();
    expect((await get('edu.group', `/api/v1/people/${bankPerson.id}`)).statusCode).toBe(404);
    expect((await get('sysadmin', `/api/v1/people/${bankPerson.id}`)).statusCode).toBe(404);
    expect((await get('bank.liaison', `/api/v1/people/${bankPerson.id}`)).statusCode).toBe(404);
    expect((await get('bank.liaison', '/api/v1/people')).statusCode).toBe(403);
    expect((await get('ag.manager1', `/api/v1/people/${bankPerson.id}`)).statusCode).toBe(200);
  });
});
