/**
 * 演示数据 — the demo commission (domain.md g). Pure data, no I/O; the seeder turns it into rows.
 *
 * Every person below is FICTIONAL; names are deliberately uncommon combinations and must not be replaced
 * by names of real officials. Organisation names are real generic bodies (the districts and counties of
 * 兰州市, municipal departments); 机关代字, the office structure, the group ↔ unit mapping, liaison and
 * oversight assignments are invented. The UI must label all of it "演示数据".
 *
 * Codes are stable and are how the rest of the demo (scenarios, tests) refers to organisations.
 * Array order is display order.
 */
import type { OfficeKind } from '@liandong/domain/org/enums';
import type { DemoOrg, DemoLeader, DemoOversight, DemoLiaison, DemoCoverage, DemoZone } from './data-types';
import { selfcheckDemoOrgs } from './selfcheck-orgs';

/** Label shown on every screen and export that carries demo data. */
export const DEMO_LABEL = '演示数据';

/** The demo tenant. */
export const DEMO_COMMISSION = { code: 'LZ', nameZh: '兰州市纪委监委（演示数据）' } as const;

/** The demo commission's organs as its documents print them (settings doc.*; issue 14). */
export const DEMO_ORGAN_SETTINGS = {
  'doc.disciplineOrgan': '中共兰州市纪委',
  'doc.supervisionOrgan': '兰州市监委',
  'doc.officeName': '中共兰州市纪委办公室',
} as const;

/**
 * The one password of all demo accounts (≥ 10 characters, 3 of 4 character classes). Demo only: a real
 * installation creates no demo accounts.
 */
export const DEMO_PASSWORD = 'Demo@2026lz';

export type { Gender, DemoOrg, DemoLeader, DemoOversight, DemoLiaison, DemoCoverage, DemoZone, DemoAccount, DemoSupervisedPerson } from './data-types';

const JW = 'LZ-JW';
const ZH_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function office(code: string, nameZh: string, shortName: string, officeKind: OfficeKind, ordinal?: number): DemoOrg {
  return {
    code,
    nameZh,
    shortName,
    kind: 'INTERNAL_OFFICE',
    officeKind,
    ...(ordinal ? { ordinal } : {}),
    parentCode: JW,
  };
}

function group(suffix: string, unit: string, docCode: string): DemoOrg {
  return {
    code: `${JW}-PZ-${suffix}`,
    nameZh: `驻${unit}纪检监察组`,
    shortName: `驻${unit}组`,
    kind: 'DISPATCHED_GROUP',
    parentCode: JW,
    docCode,
  };
}

function hostUnit(suffix: string, nameZh: string, parentCode: string | null = null): DemoOrg {
  return { code: `LZ-HU-${suffix}`, nameZh, shortName: nameZh, kind: 'HOST_UNIT', parentCode };
}

function county(code: string, area: string, regionCode: string | undefined, docCode: string): DemoOrg {
  const isNewArea = code === 'LZ-XQ';
  const nameZh = isNewArea ? `${area}纪工委监工委` : `${area}纪委监委`;
  return {
    code,
    nameZh,
    shortName: nameZh,
    kind: isNewArea ? 'NEW_AREA_COMMISSION' : 'COUNTY_COMMISSION',
    parentCode: JW,
    docCode,
    ...(regionCode ? { regionCode } : {}),
  };
}

/** 县区 第N纪检监察室 (does both supervision and review at county level). */
function countyOffice(countyCode: string, countyName: string, n: number): DemoOrg {
  const shortName = `第${ZH_NUMERALS[n]}纪检监察室`;
  return {
    code: `${countyCode}-JJ${n}`,
    nameZh: `${countyName}${shortName}`,
    shortName,
    kind: 'INTERNAL_OFFICE',
    officeKind: 'INSPECTION',
    ordinal: n,
    parentCode: countyCode,
  };
}

/**
 * A county-level 派驻纪检监察组 (e.g. 驻榆中县教育局纪检监察组) of the county commission, with its host unit
 * (`${countyCode}-HU-${suffix}`, outside the commission like the municipal host units).
 */
function countyGroup(countyCode: string, area: string, suffix: string, unit: string): DemoOrg[] {
  return [
    {
      code: `${countyCode}-PZ-${suffix}`,
      nameZh: `驻${area}${unit}纪检监察组`,
      shortName: `驻${unit}组`,
      kind: 'DISPATCHED_GROUP',
      parentCode: countyCode,
    },
    hostUnitOf(`${countyCode}-HU-${suffix}`, `${area}${unit}`),
  ];
}

function hostUnitOf(code: string, nameZh: string): DemoOrg {
  return { code, nameZh, shortName: nameZh, kind: 'HOST_UNIT', parentCode: null };
}

function township(countyCode: string, prefix: string, suffix: string, town: string): DemoOrg {
  return {
    code: `${countyCode}-${suffix}`,
    nameZh: `${prefix}${town}纪委`,
    shortName: `${town}纪委`,
    kind: 'TOWNSHIP_COMMISSION',
    parentCode: countyCode,
  };
}

const INSPECTION_OFFICES = [1, 2, 3, 4, 5, 6].map((n) =>
  office(`${JW}-JC${n}`, `第${ZH_NUMERALS[n]}监督检查室`, `监督检查${ZH_NUMERALS[n]}室`, 'INSPECTION', n),
);
const INVESTIGATION_OFFICES = [7, 8, 9, 10].map((n) =>
  office(`${JW}-SC${n}`, `第${ZH_NUMERALS[n]}审查调查室`, `审查调查${ZH_NUMERALS[n]}室`, 'INVESTIGATION', n),
);

export const demoOrgs: readonly DemoOrg[] = [
  {
    code: JW,
    nameZh: '兰州市纪委监委',
    shortName: '市纪委监委',
    kind: 'MUNICIPAL_COMMISSION',
    parentCode: null,
    docCode: '兰纪',
    regionCode: '620100',
  },
  // 内设机构
  office(`${JW}-BGS`, '办公室', '办公室', 'GENERAL_OFFICE'),
  office(`${JW}-ZZB`, '组织部', '组织部', 'ORGANISATION'),
  office(`${JW}-XCB`, '宣传部', '宣传部', 'PUBLICITY'),
  office(`${JW}-YJS`, '研究室（法规室）', '研究室', 'RESEARCH_LEGAL'),
  office(`${JW}-DFZF`, '党风政风监督室', '党风室', 'PARTY_CONDUCT'),
  office(`${JW}-XFS`, '信访室（举报中心）', '信访室', 'PETITION'),
  office(`${JW}-AGS`, '案件监督管理室', '案管室', 'CASE_MANAGEMENT'),
  ...INSPECTION_OFFICES,
  ...INVESTIGATION_OFFICES,
  office(`${JW}-SLS`, '案件审理室', '审理室', 'TRIAL'),
  office(`${JW}-GBJD`, '干部监督室', '干部监督室', 'CADRE_SUPERVISION'),
  office(`${JW}-JSS`, '监督和审查调查技术室', '技术室', 'TECH'),
  office(`${JW}-JGDW`, '机关党委', '机关党委', 'PARTY_ORGAN'),
  // 派驻纪检监察组
  group('SWB', '市委办公室', '兰纪驻委办'),
  group('ZFB', '市政府办公室', '兰纪驻府办'),
  group('FGW', '市发展和改革委员会', '兰纪驻发改'),
  group('JYJ', '市教育局', '兰纪驻教'),
  group('CZJ', '市财政局', '兰纪驻财'),
  group('NYNC', '市农业农村局', '兰纪驻农'),
  group('WJW', '市卫生健康委员会', '兰纪驻卫'),
  group('ZJJ', '市住房和城乡建设局', '兰纪驻建'),
  group('ZRZY', '市自然资源局', '兰纪驻资'),
  group('JTYS', '市交通运输局', '兰纪驻交'),
  group('GZW', '市国资委', '兰纪驻国资'),
  group('JR', '市金融工作部门', '兰纪驻金'),
  group('GAJ', '市公安局', '兰纪驻公'),
  group('SCJG', '市市场监督管理局', '兰纪驻市监'),
  group('RS', '市人力资源和社会保障局', '兰纪驻人社'),
  group('MZJ', '市民政局', '兰纪驻民'),
  group('SJJ', '市审计局', '兰纪驻审'),
  group('SWJ', '市水务局', '兰纪驻水'),
  group('WL', '市文化和旅游局', '兰纪驻文旅'),
  group('SHJ', '市生态环境局', '兰纪驻环'),
  group('SFJ', '市司法局', '兰纪驻司'),
  group('YJJ', '市应急管理局', '兰纪驻应急'),
  // 驻在单位 / 综合监督单位 (outside the commission)
  hostUnit('SWB', '市委办公室'),
  hostUnit('SWZYS', '市委政策研究室'),
  hostUnit('SWJYB', '市委机要保密局'),
  hostUnit('ZFB', '市政府办公室'),
  hostUnit('ZFYJS', '市政府研究室'),
  hostUnit('FGW', '市发展和改革委员会'),
  hostUnit('LSJ', '市粮食和物资储备局'),
  hostUnit('LCK', '示例国有粮食储备库', 'LZ-HU-LSJ'),
  hostUnit('JYJ', '市教育局'),
  hostUnit('TYJ', '市体育局'),
  hostUnit('CZJ', '市财政局'),
  hostUnit('GGZY', '市公共资源交易中心'),
  hostUnit('NYNC', '市农业农村局'),
  hostUnit('GXS', '市供销合作社'),
  hostUnit('WJW', '市卫生健康委员会'),
  hostUnit('YBJ', '市医疗保障局'),
  hostUnit('ZJJ', '市住房和城乡建设局'),
  hostUnit('GJJ', '市住房公积金管理中心'),
  hostUnit('ZRZY', '市自然资源局'),
  hostUnit('LCJ', '市林业和草原局'),
  hostUnit('JTYS', '市交通运输局'),
  hostUnit('GZW', '市国资委'),
  hostUnit('GTJT', '示例市属国有投资集团有限公司'),
  hostUnit('GJJT', '示例市公共交通集团有限公司'),
  hostUnit('JRB', '市委金融办'),
  hostUnit('CSYH', '示例城市商业银行'),
  hostUnit('GAJ', '市公安局'),
  hostUnit('SCJG', '市市场监督管理局'),
  hostUnit('RS', '市人力资源和社会保障局'),
  hostUnit('MZJ', '市民政局'),
  hostUnit('TYJR', '市退役军人事务局'),
  hostUnit('SJJ', '市审计局'),
  hostUnit('TJJ', '市统计局'),
  hostUnit('SWJ', '市水务局'),
  hostUnit('WL', '市文化和旅游局'),
  hostUnit('SHJ', '市生态环境局'),
  hostUnit('SFJ', '市司法局'),
  hostUnit('YJJ', '市应急管理局'),
  // 县区纪委监委 and 兰州新区纪工委监工委 (real divisions; 代字 invented)
  county('LZ-CG', '城关区', '620102', '城纪'),
  county('LZ-QLH', '七里河区', '620103', '七纪'),
  county('LZ-XG', '西固区', '620104', '西纪'),
  county('LZ-AN', '安宁区', '620105', '安纪'),
  county('LZ-HG', '红古区', '620111', '红纪'),
  county('LZ-YD', '永登县', '620121', '永纪'),
  county('LZ-GL', '皋兰县', '620122', '皋纪'),
  county('LZ-YZ', '榆中县', '620123', '榆纪'),
  county('LZ-XQ', '兰州新区', undefined, '新纪工'),
  // 榆中县: two 纪检监察室 and six township commissions (片区 "室组地")
  countyOffice('LZ-YZ', '榆中县纪委监委', 1),
  countyOffice('LZ-YZ', '榆中县纪委监委', 2),
  township('LZ-YZ', '榆中县', 'CGZ', '城关镇'),
  township('LZ-YZ', '榆中县', 'XGY', '夏官营镇'),
  township('LZ-YZ', '榆中县', 'HPZ', '和平镇'),
  township('LZ-YZ', '榆中县', 'DYZ', '定远镇'),
  township('LZ-YZ', '榆中县', 'JYZ', '金崖镇'),
  township('LZ-YZ', '榆中县', 'LZB', '来紫堡乡'),
  // 榆中县纪委监委派驻纪检监察组 (the county's 校园餐 and 乡村振兴 work; g.4 scenarios 2 and 5)
  ...countyGroup('LZ-YZ', '榆中县', 'JYJ', '教育局'),
  ...countyGroup('LZ-YZ', '榆中县', 'NYNC', '农业农村局'),
  ...countyGroup('LZ-YZ', '榆中县', 'WJJ', '卫生健康局'),
  ...countyGroup('LZ-YZ', '榆中县', 'MZJ', '民政局'),
  // 兰州新区: "室组镇" — one office with one town each
  countyOffice('LZ-XQ', '兰州新区纪工委监工委', 1),
  countyOffice('LZ-XQ', '兰州新区纪工委监工委', 2),
  countyOffice('LZ-XQ', '兰州新区纪工委监工委', 3),
  township('LZ-XQ', '兰州新区', 'ZC', '中川镇'),
  township('LZ-XQ', '兰州新区', 'QC', '秦川镇'),
  township('LZ-XQ', '兰州新区', 'XC', '西岔镇'),
  ...countyGroup('LZ-XQ', '兰州新区', 'JYJ', '教育局'),
  // 永登县: one more county zone
  countyOffice('LZ-YD', '永登县纪委监委', 1),
  township('LZ-YD', '永登县', 'CGZ', '城关镇'),
  township('LZ-YD', '永登县', 'HCZ', '红城镇'),
  township('LZ-YD', '永登县', 'KSZ', '苦水镇'),
  ...countyGroup('LZ-YD', '永登县', 'JYJ', '教育局'),
  // 校园餐自查自纠的示例学校 (issue 10)
  ...selfcheckDemoOrgs,
];

/** 委领导班子 (fictional). Deputies and standing members oversee offices (demoOversight). */
export const demoLeaders: readonly DemoLeader[] = [
  { key: 'secretary', nameZh: '柏川远', title: 'SECRETARY', gender: 'M', orgCode: JW },
  { key: 'deputy1', nameZh: '简望舒', title: 'DEPUTY_SECRETARY', gender: 'F', orgCode: JW },
  { key: 'deputy2', nameZh: '乔砚舟', title: 'DEPUTY_SECRETARY', gender: 'M', orgCode: JW },
  { key: 'deputy3', nameZh: '卜怀瑾', title: 'DEPUTY_SECRETARY', gender: 'M', orgCode: JW },
  { key: 'member1', nameZh: '邰书亭', title: 'STANDING_MEMBER', gender: 'M', orgCode: JW },
  { key: 'member2', nameZh: '栾若溪', title: 'STANDING_MEMBER', gender: 'F', orgCode: JW },
  { key: 'member3', nameZh: '戚远帆', title: 'STANDING_MEMBER', gender: 'M', orgCode: JW },
  { key: 'member4', nameZh: '练冬禾', title: 'STANDING_MEMBER', gender: 'F', orgCode: JW },
  { key: 'member5', nameZh: '蒯立言', title: 'STANDING_MEMBER', gender: 'M', orgCode: JW },
];

/** 分管: every internal office of the municipal commission is overseen by exactly one leader. */
export const demoOversight: readonly DemoOversight[] = [
  { leaderKey: 'deputy1', officeCodes: [`${JW}-BGS`, `${JW}-ZZB`, `${JW}-JGDW`] },
  { leaderKey: 'deputy2', officeCodes: [`${JW}-DFZF`, `${JW}-XFS`, `${JW}-JC1`] },
  { leaderKey: 'deputy3', officeCodes: [`${JW}-AGS`, `${JW}-SLS`, `${JW}-SC7`] },
  { leaderKey: 'member1', officeCodes: [`${JW}-JC2`, `${JW}-JC3`] },
  { leaderKey: 'member2', officeCodes: [`${JW}-JC4`, `${JW}-JC5`, `${JW}-JC6`] },
  { leaderKey: 'member3', officeCodes: [`${JW}-SC8`, `${JW}-SC9`] },
  { leaderKey: 'member4', officeCodes: [`${JW}-SC10`, `${JW}-JSS`, `${JW}-GBJD`] },
  { leaderKey: 'member5', officeCodes: [`${JW}-YJS`, `${JW}-XCB`] },
];

const pz = (...suffixes: string[]): string[] => suffixes.map((s) => `${JW}-PZ-${s}`);

/**
 * 联系: each municipal 监督检查室 liaises with 3–5 dispatched groups and 1–2 county commissions; each county 派驻组
 * is liaised by a 纪检监察室 of its own commission; every group and every county commission is liaised by
 * exactly one office. 第三监督检查室 ↔ 驻市教育局组 (scenario 1, 2).
 */
export const demoLiaison: readonly DemoLiaison[] = [
  { officeCode: `${JW}-JC1`, targetCodes: [...pz('SWB', 'ZFB', 'FGW', 'SJJ'), 'LZ-CG', 'LZ-QLH'] },
  { officeCode: `${JW}-JC2`, targetCodes: [...pz('CZJ', 'JR', 'GZW'), 'LZ-XG'] },
  { officeCode: `${JW}-JC3`, targetCodes: [...pz('JYJ', 'WJW', 'MZJ', 'RS', 'WL'), 'LZ-AN'] },
  { officeCode: `${JW}-JC4`, targetCodes: [...pz('NYNC', 'SWJ', 'ZRZY', 'SHJ'), 'LZ-YZ', 'LZ-GL'] },
  { officeCode: `${JW}-JC5`, targetCodes: [...pz('ZJJ', 'JTYS', 'SCJG'), 'LZ-HG', 'LZ-YD'] },
  { officeCode: `${JW}-JC6`, targetCodes: [...pz('GAJ', 'SFJ', 'YJJ'), 'LZ-XQ'] },
  // county level: each county 派驻组 is liaised by one 纪检监察室 of its commission
  { officeCode: 'LZ-YZ-JJ1', targetCodes: ['LZ-YZ-PZ-JYJ', 'LZ-YZ-PZ-NYNC'] },
  { officeCode: 'LZ-YZ-JJ2', targetCodes: ['LZ-YZ-PZ-WJJ', 'LZ-YZ-PZ-MZJ'] },
  { officeCode: 'LZ-XQ-JJ1', targetCodes: ['LZ-XQ-PZ-JYJ'] },
  { officeCode: 'LZ-YD-JJ1', targetCodes: ['LZ-YD-PZ-JYJ'] },
];

function cover(groupSuffix: string, resident: string[], comprehensive: string[] = []): DemoCoverage[] {
  const groupCode = `${JW}-PZ-${groupSuffix}`;
  return [
    ...resident.map((u): DemoCoverage => ({ groupCode, hostUnitCode: `LZ-HU-${u}`, role: 'RESIDENT' })),
    ...comprehensive.map((u): DemoCoverage => ({ groupCode, hostUnitCode: `LZ-HU-${u}`, role: 'COMPREHENSIVE' })),
  ];
}

/**
 * 驻在 / 综合监督. 示例国有粮食储备库 is not covered directly: it sits under 市粮食和物资储备局 and is
 * supervised through it (scenario 3).
 */
export const demoCoverage: readonly DemoCoverage[] = [
  ...cover('SWB', ['SWB'], ['SWZYS', 'SWJYB']),
  ...cover('ZFB', ['ZFB'], ['ZFYJS']),
  ...cover('FGW', ['FGW'], ['LSJ']),
  ...cover('JYJ', ['JYJ'], ['TYJ']),
  ...cover('CZJ', ['CZJ'], ['GGZY']),
  ...cover('NYNC', ['NYNC'], ['GXS']),
  ...cover('WJW', ['WJW'], ['YBJ']),
  ...cover('ZJJ', ['ZJJ'], ['GJJ']),
  ...cover('ZRZY', ['ZRZY'], ['LCJ']),
  ...cover('JTYS', ['JTYS']),
  ...cover('GZW', ['GZW'], ['GTJT', 'GJJT']),
  ...cover('JR', ['JRB'], ['CSYH']),
  ...cover('GAJ', ['GAJ']),
  ...cover('SCJG', ['SCJG']),
  ...cover('RS', ['RS']),
  ...cover('MZJ', ['MZJ'], ['TYJR']),
  ...cover('SJJ', ['SJJ'], ['TJJ']),
  ...cover('SWJ', ['SWJ']),
  ...cover('WL', ['WL']),
  ...cover('SHJ', ['SHJ']),
  ...cover('SFJ', ['SFJ']),
  ...cover('YJJ', ['YJJ']),
  ...['LZ-YZ-JYJ', 'LZ-YZ-NYNC', 'LZ-YZ-WJJ', 'LZ-YZ-MZJ', 'LZ-XQ-JYJ', 'LZ-YD-JYJ'].map((c): DemoCoverage => {
    const [county, suffix] = [c.slice(0, c.lastIndexOf('-')), c.slice(c.lastIndexOf('-') + 1)];
    return { groupCode: `${county}-PZ-${suffix}`, hostUnitCode: `${county}-HU-${suffix}`, role: 'RESIDENT' };
  }),
];

/**
 * A zone's members with the dispatched groups its member offices liaise with (联系): "室组地" / "室组镇" —
 * the 纪检监察室, the 派驻组 linked to them and the townships work the zone together.
 */
export function withLinkedGroups(memberOrgCodes: readonly string[]): string[] {
  const groups = demoLiaison
    .filter((l) => memberOrgCodes.includes(l.officeCode))
    .flatMap((l) => l.targetCodes.filter((t) => demoOrgs.find((o) => o.code === t)?.kind === 'DISPATCHED_GROUP'));
  return [...new Set([...memberOrgCodes, ...groups])];
}

/**
 * 片区 (county level only): the county's own offices and township commissions, and the county 派驻组 those
 * offices liaise with (withLinkedGroups).
 */
export const demoZones: readonly DemoZone[] = [
  {
    code: 'LZ-YZ-ZONE1',
    nameZh: '榆中县第一片区',
    countyCode: 'LZ-YZ',
    leadOrgCode: 'LZ-YZ-JJ1',
    memberOrgCodes: withLinkedGroups(['LZ-YZ-JJ1', 'LZ-YZ-JJ2', ...['CGZ', 'XGY', 'HPZ', 'DYZ', 'JYZ', 'LZB'].map((t) => `LZ-YZ-${t}`)]),
    modes: ['ROUTINE_JOINT', 'SPECIAL', 'MULTI_LEVEL'],
  },
  ...(
    [
      ['ZC', '中川片区', 1],
      ['QC', '秦川片区', 2],
      ['XC', '西岔片区', 3],
    ] as const
  ).map(
    ([town, nameZh, n]): DemoZone => ({
      code: `LZ-XQ-ZONE-${town}`,
      nameZh,
      countyCode: 'LZ-XQ',
      leadOrgCode: `LZ-XQ-JJ${n}`,
      memberOrgCodes: withLinkedGroups([`LZ-XQ-JJ${n}`, `LZ-XQ-${town}`]),
      modes: ['ROUTINE_JOINT', 'SPECIAL'],
    }),
  ),
  {
    code: 'LZ-YD-ZONE1',
    nameZh: '永登县第一片区',
    countyCode: 'LZ-YD',
    leadOrgCode: 'LZ-YD-JJ1',
    memberOrgCodes: withLinkedGroups(['LZ-YD-JJ1', 'LZ-YD-CGZ', 'LZ-YD-HCZ', 'LZ-YD-KSZ']),
    modes: ['ROUTINE_JOINT', 'SPECIAL'],
  },
];

export { demoAccounts, demoSupervisedPersons } from './people';
