import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ClassificationSchema, type Role, RoleSchema } from '@liandong/domain/access/enums';
import {
  CadreManagementSchema,
  CoverageRoleSchema,
  LeaderTitleSchema,
  OfficeKindSchema,
  type OrgKind,
  OrgKindSchema,
  ZoneModeSchema,
} from '@liandong/domain/org/enums';
import {
  DEMO_COMMISSION,
  DEMO_LABEL,
  DEMO_PASSWORD,
  type DemoOrg,
  demoAccounts,
  demoCoverage,
  demoLeaders,
  demoLiaison,
  demoOrgs,
  demoOversight,
  demoSupervisedPersons,
  demoZones,
} from './data';

const JW = 'LZ-JW';
const orgByCode = new Map(demoOrgs.map((o) => [o.code, o]));

function org(code: string): DemoOrg {
  const found = orgByCode.get(code);
  if (!found) throw new Error(`unknown org ${code}`);
  return found;
}

function ancestors(code: string): string[] {
  const chain: string[] = [];
  let parent = org(code).parentCode;
  while (parent !== null && !chain.includes(parent)) {
    chain.push(parent);
    parent = org(parent).parentCode;
  }
  return chain;
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

const municipal = (kind: OrgKind) => demoOrgs.filter((o) => o.kind === kind && o.parentCode === JW);
const officesOf = (officeKind: string) => municipal('INTERNAL_OFFICE').filter((o) => o.officeKind === officeKind);
const groups = municipal('DISPATCHED_GROUP');
const counties = demoOrgs.filter((o) => o.kind === 'COUNTY_COMMISSION' || o.kind === 'NEW_AREA_COMMISSION');
const accountsWith = (role: Role) => demoAccounts.filter((a) => a.roles.includes(role));

describe('demo labelling', () => {
  it('labels the tenant as demo data', () => {
    expect(DEMO_LABEL).toBe('演示数据');
    expect(DEMO_COMMISSION).toEqual({ code: 'LZ', nameZh: '兰州市纪委监委（演示数据）' });
  });

  it('uses a demo password that meets the password policy (≥ 10 chars, 3 of 4 classes)', () => {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(DEMO_PASSWORD));
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
    expect(classes.length).toBeGreaterThanOrEqual(3);
  });
});

describe('demoOrgs', () => {
  it('has unique codes and valid kinds', () => {
    expect(duplicates(demoOrgs.map((o) => o.code))).toEqual([]);
    expect(duplicates(demoOrgs.map((o) => o.nameZh))).toEqual([]);
    for (const o of demoOrgs) {
      OrgKindSchema.parse(o.kind);
      expect(o.officeKind !== undefined, o.code).toBe(o.kind === 'INTERNAL_OFFICE');
      if (o.officeKind) OfficeKindSchema.parse(o.officeKind);
    }
  });

  it('resolves every parent, without cycles', () => {
    for (const o of demoOrgs) {
      if (o.parentCode !== null) expect(orgByCode.has(o.parentCode), o.code).toBe(true);
      expect(ancestors(o.code), o.code).not.toContain(o.code);
    }
  });

  it('links each kind to a parent of the right kind', () => {
    const allowed: Record<OrgKind, readonly (OrgKind | null)[]> = {
      MUNICIPAL_COMMISSION: [null],
      COUNTY_COMMISSION: ['MUNICIPAL_COMMISSION'],
      NEW_AREA_COMMISSION: ['MUNICIPAL_COMMISSION'],
      TOWNSHIP_COMMISSION: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
      INTERNAL_OFFICE: ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
      DISPATCHED_GROUP: ['MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
      HOST_UNIT: [null, 'HOST_UNIT'],
      PARTY_COMMITTEE: [null],
      EXTERNAL_AGENCY: [null],
    };
    for (const o of demoOrgs) {
      const parentKind = o.parentCode === null ? null : org(o.parentCode).kind;
      expect(allowed[o.kind], `${o.code} under ${o.parentCode}`).toContain(parentKind);
    }
  });

  it('has one municipal commission with the 1+6+N office structure', () => {
    expect(demoOrgs.filter((o) => o.kind === 'MUNICIPAL_COMMISSION').map((o) => o.code)).toEqual([JW]);
    expect(officesOf('INSPECTION').map((o) => o.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(officesOf('INVESTIGATION').map((o) => o.ordinal)).toEqual([7, 8, 9, 10]);
    for (const kind of ['PARTY_CONDUCT', 'PETITION', 'CASE_MANAGEMENT', 'TRIAL', 'CADRE_SUPERVISION', 'TECH']) {
      expect(officesOf(kind), kind).toHaveLength(1);
    }
    expect(org(`${JW}-JC3`).nameZh).toBe('第三监督检查室');
    expect(groups.length).toBeGreaterThanOrEqual(20);
  });

  it('has the five districts, three counties and the new area under the municipal commission', () => {
    expect(counties.map((c) => c.nameZh)).toEqual([
      '城关区纪委监委',
      '七里河区纪委监委',
      '西固区纪委监委',
      '安宁区纪委监委',
      '红古区纪委监委',
      '永登县纪委监委',
      '皋兰县纪委监委',
      '榆中县纪委监委',
      '兰州新区纪工委监工委',
    ]);
    expect(org('LZ-XQ').kind).toBe('NEW_AREA_COMMISSION');
    const yuzhongTowns = demoOrgs.filter((o) => o.kind === 'TOWNSHIP_COMMISSION' && o.parentCode === 'LZ-YZ');
    expect(yuzhongTowns).toHaveLength(6);
  });
});

describe('leadership and oversight (分管)', () => {
  const overseen = demoOversight.flatMap((o) => o.officeCodes);

  it('has one secretary, three deputies and at least five standing members', () => {
    expect(duplicates(demoLeaders.map((l) => l.key))).toEqual([]);
    for (const l of demoLeaders) LeaderTitleSchema.parse(l.title);
    const count = (title: string) => demoLeaders.filter((l) => l.title === title).length;
    expect(count('SECRETARY')).toBe(1);
    expect(count('DEPUTY_SECRETARY')).toBe(3);
    expect(count('STANDING_MEMBER')).toBeGreaterThanOrEqual(5);
  });

  it('lets every deputy and standing member oversee 2–4 municipal offices', () => {
    const keys = new Set(demoLeaders.map((l) => l.key));
    for (const o of demoOversight) expect(keys.has(o.leaderKey), o.leaderKey).toBe(true);
    for (const l of demoLeaders.filter((x) => x.title !== 'SECRETARY')) {
      const n = demoOversight.filter((o) => o.leaderKey === l.key).flatMap((o) => o.officeCodes).length;
      expect(n, l.key).toBeGreaterThanOrEqual(2);
      expect(n, l.key).toBeLessThanOrEqual(4);
    }
    for (const code of overseen) {
      expect(org(code).kind, code).toBe('INTERNAL_OFFICE');
      expect(org(code).parentCode, code).toBe(JW);
    }
  });

  it('oversees every municipal office exactly once, all inspection and investigation offices included', () => {
    expect(duplicates(overseen)).toEqual([]);
    expect([...overseen].sort()).toEqual(
      municipal('INTERNAL_OFFICE')
        .map((o) => o.code)
        .sort(),
    );
  });
});

describe('liaison (联系)', () => {
  const municipalLiaison = demoLiaison.filter((l) => org(l.officeCode).parentCode === JW);
  const targets = municipalLiaison.flatMap((l) => l.targetCodes);

  it('runs from each municipal inspection office to 3–5 groups and 1–2 county commissions', () => {
    expect(municipalLiaison.map((l) => l.officeCode).sort()).toEqual(
      officesOf('INSPECTION')
        .map((o) => o.code)
        .sort(),
    );
    for (const l of municipalLiaison) {
      const kinds = l.targetCodes.map((t) => org(t).kind);
      const groupCount = kinds.filter((k) => k === 'DISPATCHED_GROUP').length;
      const countyCount = kinds.filter((k) => k === 'COUNTY_COMMISSION' || k === 'NEW_AREA_COMMISSION').length;
      expect(groupCount + countyCount, l.officeCode).toBe(l.targetCodes.length);
      expect(groupCount, l.officeCode).toBeGreaterThanOrEqual(3);
      expect(groupCount, l.officeCode).toBeLessThanOrEqual(5);
      expect(countyCount, l.officeCode).toBeGreaterThanOrEqual(1);
      expect(countyCount, l.officeCode).toBeLessThanOrEqual(2);
    }
  });

  it('covers every municipal group and every county commission exactly once', () => {
    expect(duplicates(targets)).toEqual([]);
    expect([...targets].sort()).toEqual([...groups, ...counties].map((o) => o.code).sort());
  });

  it('links every county 派驻组 exactly once, from a 纪检监察室 of its own county commission', () => {
    const countyGroups = demoOrgs.filter((o) => o.kind === 'DISPATCHED_GROUP' && o.parentCode !== JW);
    expect(countyGroups.map((g) => g.nameZh)).toEqual(expect.arrayContaining(['驻榆中县教育局纪检监察组', '驻永登县教育局纪检监察组']));
    for (const g of countyGroups) {
      const by = demoLiaison.filter((l) => l.targetCodes.includes(g.code));
      expect(by, g.code).toHaveLength(1);
      expect(org(by[0]!.officeCode).officeKind, g.code).toBe('INSPECTION');
      expect(org(by[0]!.officeCode).parentCode, g.code).toBe(g.parentCode);
      expect(org(g.parentCode!).kind, g.code).toMatch(/^(COUNTY|NEW_AREA)_COMMISSION$/);
    }
  });

  it('links 第三监督检查室 with 驻市教育局纪检监察组 (scenario 1)', () => {
    expect(demoLiaison.find((l) => l.officeCode === `${JW}-JC3`)?.targetCodes).toContain(`${JW}-PZ-JYJ`);
  });
});

describe('dispatch coverage (驻在 / 综合监督)', () => {
  it('links dispatched groups to host units, each pair once', () => {
    for (const c of demoCoverage) {
      CoverageRoleSchema.parse(c.role);
      expect(org(c.groupCode).kind, c.groupCode).toBe('DISPATCHED_GROUP');
      expect(org(c.hostUnitCode).kind, c.hostUnitCode).toBe('HOST_UNIT');
    }
    expect(duplicates(demoCoverage.map((c) => c.hostUnitCode))).toEqual([]);
  });

  it('gives every group — municipal and county — one resident unit and puts every host unit under some group', () => {
    for (const g of demoOrgs.filter((o) => o.kind === 'DISPATCHED_GROUP')) {
      expect(
        demoCoverage.filter((c) => c.groupCode === g.code && c.role === 'RESIDENT'),
        g.code,
      ).toHaveLength(1);
    }
    const covered = new Set(demoCoverage.map((c) => c.hostUnitCode));
    for (const u of demoOrgs.filter((o) => o.kind === 'HOST_UNIT')) {
      expect(
        [u.code, ...ancestors(u.code)].some((c) => covered.has(c)),
        u.code,
      ).toBe(true);
    }
  });

  it.each([
    ['FGW', '市粮食和物资储备局', 'COMPREHENSIVE'],
    ['JR', '示例城市商业银行', 'COMPREHENSIVE'],
    ['GZW', '示例市属国有投资集团有限公司', 'COMPREHENSIVE'],
    ['JYJ', '市教育局', 'RESIDENT'],
  ])('驻%s组 covers %s as %s', (suffix, unitName, role) => {
    const match = demoCoverage.find((c) => c.groupCode === `${JW}-PZ-${suffix}` && org(c.hostUnitCode).nameZh === unitName);
    expect(match?.role).toBe(role);
  });
});

describe('county 派驻组', () => {
  it('驻榆中县教育局纪检监察组 sits under the 榆中县纪委监委 and is stationed in 榆中县教育局; 永登县 and 兰州新区 have theirs', () => {
    const yz = org('LZ-YZ-PZ-JYJ');
    expect([yz.nameZh, yz.kind, yz.parentCode]).toEqual(['驻榆中县教育局纪检监察组', 'DISPATCHED_GROUP', 'LZ-YZ']);
    expect(demoCoverage.find((c) => c.groupCode === yz.code)).toMatchObject({ hostUnitCode: 'LZ-YZ-HU-JYJ', role: 'RESIDENT' });
    expect(org('LZ-YZ-HU-JYJ').nameZh).toBe('榆中县教育局');
    expect([org('LZ-YD-PZ-JYJ').parentCode, org('LZ-XQ-PZ-JYJ').parentCode]).toEqual(['LZ-YD', 'LZ-XQ']);
    for (const code of ['LZ-YZ-PZ-JYJ', 'LZ-YD-PZ-JYJ', 'LZ-XQ-PZ-JYJ']) {
      expect(
        accountsWith('GROUP_STAFF').some((a) => a.orgCode === code),
        code,
      ).toBe(true);
    }
  });
});

describe('work zones (片区)', () => {
  it('keep their lead and members inside the county they belong to', () => {
    expect(duplicates(demoZones.map((z) => z.code))).toEqual([]);
    for (const z of demoZones) {
      expect(['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'], z.code).toContain(org(z.countyCode).kind);
      expect(z.memberOrgCodes, z.code).toContain(z.leadOrgCode);
      expect(duplicates(z.memberOrgCodes), z.code).toEqual([]);
      for (const m of z.memberOrgCodes) expect(ancestors(m), `${z.code}: ${m}`).toContain(z.countyCode);
      for (const mode of z.modes) ZoneModeSchema.parse(mode);
    }
  });

  it('include every 派驻组 their member offices liaise with (室组地 / 室组镇)', () => {
    for (const z of demoZones) {
      const linked = demoLiaison
        .filter((l) => z.memberOrgCodes.includes(l.officeCode))
        .flatMap((l) => l.targetCodes)
        .filter((c) => org(c).kind === 'DISPATCHED_GROUP');
      expect(z.memberOrgCodes, z.code).toEqual(expect.arrayContaining(linked));
    }
  });

  it('has 榆中县第一片区 with two offices, four groups, six townships and all three modes (g.4 scenario 5)', () => {
    const zone = demoZones.find((z) => z.nameZh === '榆中县第一片区');
    const kinds = zone?.memberOrgCodes.map((m) => org(m).kind) ?? [];
    expect(kinds.filter((k) => k === 'INTERNAL_OFFICE')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'DISPATCHED_GROUP')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'TOWNSHIP_COMMISSION')).toHaveLength(6);
    expect(zone?.modes).toEqual(['ROUTINE_JOINT', 'SPECIAL', 'MULTI_LEVEL']);
    expect(demoZones.filter((z) => z.countyCode === 'LZ-XQ').map((z) => z.nameZh)).toEqual(['中川片区', '秦川片区', '西岔片区']);
    expect(new Set(demoZones.map((z) => z.countyCode)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('demoAccounts', () => {
  it('has about sixty accounts with unique, well-formed usernames and resolvable orgs', () => {
    expect(demoAccounts.length).toBeGreaterThanOrEqual(55);
    expect(demoAccounts.length).toBeLessThanOrEqual(70);
    expect(duplicates(demoAccounts.map((a) => a.username))).toEqual([]);
    for (const a of demoAccounts) {
      expect(a.username).toMatch(/^[a-z0-9_.-]{3,40}$/);
      expect(orgByCode.has(a.orgCode), a.username).toBe(true);
      expect(a.roles.length, a.username).toBeGreaterThan(0);
      for (const r of a.roles) RoleSchema.parse(r);
      ClassificationSchema.parse(a.clearance);
    }
  });

  it('covers every role', () => {
    for (const role of RoleSchema.options) expect(accountsWith(role).length, role).toBeGreaterThanOrEqual(1);
  });

  it('gives every account WORK_SECRET clearance (liaisons read the 工作秘密 letters served on them) and liaisons a host unit', () => {
    for (const a of demoAccounts) {
      const isLiaison = a.roles.includes('UNIT_LIAISON');
      expect(a.clearance, a.username).toBe('WORK_SECRET');
      if (isLiaison) expect(org(a.orgCode).kind, a.username).toBe('HOST_UNIT');
    }
    const liaisonUnits = accountsWith('UNIT_LIAISON').map((a) => org(a.orgCode).nameZh);
    expect(liaisonUnits).toEqual(expect.arrayContaining(['示例城市商业银行', '市教育局']));
  });

  it('never combines an administrator role (三员) with another role', () => {
    for (const a of demoAccounts.filter((x) => x.roles.some((r) => ADMIN_ROLES.includes(r)))) {
      expect(a.roles, a.username).toHaveLength(1);
    }
  });

  it('places staff roles in the matching organisations', () => {
    const orgsOf = (role: Role) => accountsWith(role).map((a) => org(a.orgCode));
    expect(orgsOf('PETITION_OFFICER').map((o) => o.officeKind)).toEqual(['PETITION', 'PETITION']);
    expect(orgsOf('CASE_MANAGER').map((o) => o.officeKind)).toEqual(['CASE_MANAGEMENT', 'CASE_MANAGEMENT']);
    expect(orgsOf('TRIAL_STAFF').map((o) => o.officeKind)).toEqual(['TRIAL', 'TRIAL']);
    expect(orgsOf('CADRE_SUPERVISION').map((o) => o.officeKind)).toEqual(['CADRE_SUPERVISION']);
    const staffOffices = new Set(accountsWith('OFFICE_STAFF').map((a) => a.orgCode));
    for (const o of [...officesOf('PARTY_CONDUCT'), ...officesOf('INSPECTION'), ...officesOf('INVESTIGATION')]) {
      expect(staffOffices.has(o.code), o.code).toBe(true);
    }
    const groupCodes = new Set(accountsWith('GROUP_STAFF').map((a) => a.orgCode));
    for (const code of groupCodes) expect(org(code).kind, code).toBe('DISPATCHED_GROUP');
    expect(groupCodes.size).toBeGreaterThanOrEqual(15);
    expect([...groupCodes]).toEqual(expect.arrayContaining([`${JW}-PZ-JYJ`, `${JW}-PZ-JR`]));
    const countyOrgs = orgsOf('COUNTY_STAFF');
    for (const o of countyOrgs) {
      const inCounty = [o.code, ...ancestors(o.code)].some((c) => counties.some((x) => x.code === c));
      expect(inCounty, o.code).toBe(true);
    }
    expect(countyOrgs.map((o) => o.code)).toContain('LZ-YZ');
    expect(countyOrgs.some((o) => o.kind === 'TOWNSHIP_COMMISSION')).toBe(true);
    expect(new Set(countyOrgs.map((o) => [o.code, ...ancestors(o.code)].find((c) => counties.some((x) => x.code === c)))).size).toBeGreaterThanOrEqual(4);
  });

  it('gives each leader exactly one account with the same name and a matching role', () => {
    for (const l of demoLeaders) {
      const accounts = demoAccounts.filter((a) => a.leaderKey === l.key);
      expect(accounts, l.key).toHaveLength(1);
      const [a] = accounts;
      expect(a?.displayName).toBe(l.nameZh);
      expect(a?.roles).toContain(l.title === 'SECRETARY' ? 'SECRETARY' : 'DEPUTY_OR_MEMBER');
    }
    for (const a of demoAccounts.filter((x) => x.leaderKey !== undefined)) {
      expect(
        demoLeaders.some((l) => l.key === a.leaderKey),
        a.username,
      ).toBe(true);
    }
  });
});

describe('demoSupervisedPersons', () => {
  it('are about ten fictional persons in host units', () => {
    expect(demoSupervisedPersons.length).toBeGreaterThanOrEqual(8);
    expect(duplicates(demoSupervisedPersons.map((p) => p.key))).toEqual([]);
    for (const p of demoSupervisedPersons) {
      expect(org(p.unitCode).kind, p.key).toBe('HOST_UNIT');
      CadreManagementSchema.parse(p.cadreManagement);
      expect(p).not.toHaveProperty('idNumber');
    }
  });

  it('does not reuse a name for two people', () => {
    const names = [...demoAccounts.map((a) => a.displayName), ...demoSupervisedPersons.map((p) => p.nameZh)];
    expect(duplicates(names)).toEqual([]);
  });
});
