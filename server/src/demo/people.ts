/**
 * 演示数据 — demo accounts and supervised persons (split from data.ts, which re-exports them).
 * Every name is FICTIONAL (see data.ts). All accounts sign in with DEMO_PASSWORD.
 */
import type { Classification, Role } from '@liandong/domain/access/enums';
import type { DemoAccount, DemoSupervisedPerson, Gender } from './data';

interface AccountInput {
  roles: readonly Role[];
  position: string;
  rankLevel: string;
  gender: Gender;
  clearance?: Classification;
  leaderKey?: string;
}

function account(username: string, displayName: string, orgCode: string, input: AccountInput): DemoAccount {
  const { clearance = 'WORK_SECRET', ...rest } = input;
  return { username, displayName, orgCode, clearance, ...rest };
}

const staff = (roles: readonly Role[], position: string, rankLevel: string, gender: Gender): AccountInput => ({
  roles,
  position,
  rankLevel,
  gender,
});

const JW = 'LZ-JW';
const GROUP_LEADER = '纪检监察组组长';
const GROUP_STAFF = '纪检监察组干部';
const leader = (leaderKey: string, roles: readonly Role[], position: string, rankLevel: string, gender: Gender) => ({
  leaderKey,
  roles,
  position,
  rankLevel,
  gender,
});

/**
 * Demo accounts: every role of domain/src/access/enums.ts has at least one. Leadership accounts carry the
 * key of their DemoLeader; one standing member also holds STANDING_COMMITTEE so that role can be tried.
 */
export const demoAccounts: readonly DemoAccount[] = [
  // 委领导
  account('sj.secretary', '柏川远', JW, leader('secretary', ['SECRETARY'], '市纪委书记、市监委主任', '副厅级', 'M')),
  account('fsj1.deputy', '简望舒', JW, leader('deputy1', ['DEPUTY_OR_MEMBER'], '市纪委副书记、市监委副主任', '正处级', 'F')),
  account('fsj2.deputy', '乔砚舟', JW, leader('deputy2', ['DEPUTY_OR_MEMBER'], '市纪委副书记、市监委副主任', '正处级', 'M')),
  account('fsj3.deputy', '卜怀瑾', JW, leader('deputy3', ['DEPUTY_OR_MEMBER'], '市纪委副书记、市监委副主任', '正处级', 'M')),
  account('cw1.member', '邰书亭', JW, leader('member1', ['DEPUTY_OR_MEMBER'], '市纪委常委、市监委委员', '正处级', 'M')),
  account('cw2.member', '栾若溪', JW, leader('member2', ['DEPUTY_OR_MEMBER'], '市纪委常委、市监委委员', '正处级', 'F')),
  account('cw3.member', '戚远帆', JW, leader('member3', ['DEPUTY_OR_MEMBER'], '市纪委常委、市监委委员', '正处级', 'M')),
  account('cw4.member', '练冬禾', JW, leader('member4', ['DEPUTY_OR_MEMBER'], '市纪委常委、市监委委员', '正处级', 'F')),
  account('cw5.member', '蒯立言', JW, leader('member5', ['DEPUTY_OR_MEMBER', 'STANDING_COMMITTEE'], '市纪委常委、市监委委员', '正处级', 'M')),
  // 信访室、案管室
  account('xf.officer1', '岑晓岚', `${JW}-XFS`, staff(['PETITION_OFFICER'], '信访室副主任', '副处级', 'F')),
  account('xf.officer2', '逯嘉川', `${JW}-XFS`, staff(['PETITION_OFFICER'], '信访室干部', '二级主任科员', 'M')),
  account('ag.manager1', '郜明澈', `${JW}-AGS`, staff(['CASE_MANAGER'], '案件监督管理室主任', '正处级', 'M')),
  account('ag.manager2', '宓雨桐', `${JW}-AGS`, staff(['CASE_MANAGER'], '案件监督管理室干部', '三级主任科员', 'F')),
  // 党风政风监督室、监督检查室
  account('dfzf.director', '濮致和', `${JW}-DFZF`, staff(['OFFICE_STAFF'], '党风政风监督室主任', '正处级', 'M')),
  account('dfzf.staff', '甄若葵', `${JW}-DFZF`, staff(['OFFICE_STAFF'], '党风政风监督室干部', '一级主任科员', 'F')),
  account('jc1.staff', '雍景行', `${JW}-JC1`, staff(['OFFICE_STAFF'], '第一监督检查室干部', '二级主任科员', 'M')),
  account('jc2.staff', '晏秋澄', `${JW}-JC2`, staff(['OFFICE_STAFF'], '第二监督检查室干部', '二级主任科员', 'F')),
  account('jc3.director', '桑恪之', `${JW}-JC3`, staff(['OFFICE_STAFF'], '第三监督检查室主任', '正处级', 'M')),
  account('jc3.staff', '寇以宁', `${JW}-JC3`, staff(['OFFICE_STAFF'], '第三监督检查室干部', '三级主任科员', 'F')),
  account('jc4.staff', '扈松岩', `${JW}-JC4`, staff(['OFFICE_STAFF'], '第四监督检查室干部', '一级主任科员', 'M')),
  account('jc5.staff', '郦青蔓', `${JW}-JC5`, staff(['OFFICE_STAFF'], '第五监督检查室干部', '四级主任科员', 'F')),
  account('jc6.director', '禤景澄', `${JW}-JC6`, staff(['OFFICE_STAFF'], '第六监督检查室主任', '正处级', 'F')),
  account('jc6.staff', '訾北辰', `${JW}-JC6`, staff(['OFFICE_STAFF'], '第六监督检查室干部', '二级主任科员', 'M')),
  // 审查调查室
  account('sc7.staff', '麴怀安', `${JW}-SC7`, staff(['OFFICE_STAFF'], '第七审查调查室干部', '一级主任科员', 'M')),
  account('sc8.director', '阚既白', `${JW}-SC8`, staff(['OFFICE_STAFF'], '第八审查调查室主任', '正处级', 'M')),
  account('sc8.staff', '蓟书瑶', `${JW}-SC8`, staff(['OFFICE_STAFF'], '第八审查调查室干部', '三级主任科员', 'F')),
  account('sc9.staff', '仉远澜', `${JW}-SC9`, staff(['OFFICE_STAFF'], '第九审查调查室干部', '二级主任科员', 'M')),
  account('sc10.staff', '冼慕禾', `${JW}-SC10`, staff(['OFFICE_STAFF'], '第十审查调查室干部', '四级主任科员', 'F')),
  // 案件审理室、干部监督室
  account('sl.staff1', '鄢清和', `${JW}-SLS`, staff(['TRIAL_STAFF'], '案件审理室副主任', '副处级', 'M')),
  account('sl.staff2', '芮知秋', `${JW}-SLS`, staff(['TRIAL_STAFF'], '案件审理室干部', '二级主任科员', 'F')),
  account('gbjd.staff', '檀守一', `${JW}-GBJD`, staff(['CADRE_SUPERVISION'], '干部监督室干部', '一级主任科员', 'M')),
  // 派驻纪检监察组 (15 of 22)
  account('edu.group', '骆秉文', `${JW}-PZ-JYJ`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('edu.staff', '饶安琪', `${JW}-PZ-JYJ`, staff(['GROUP_STAFF'], GROUP_STAFF, '三级主任科员', 'F')),
  account('fin.group', '隗正清', `${JW}-PZ-JR`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('fin.staff', '亓思源', `${JW}-PZ-JR`, staff(['GROUP_STAFF'], GROUP_STAFF, '二级主任科员', 'F')),
  account('swb.group', '鞠临川', `${JW}-PZ-SWB`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('zfb.group', '闻砚秋', `${JW}-PZ-ZFB`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  account('fgw.group', '滕怀礼', `${JW}-PZ-FGW`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('czj.group', '茹清溪', `${JW}-PZ-CZJ`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  account('nync.group', '浦禾丰', `${JW}-PZ-NYNC`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('wjw.group', '祁念慈', `${JW}-PZ-WJW`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  account('zjj.group', '詹筑安', `${JW}-PZ-ZJJ`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('zrzy.group', '师山岚', `${JW}-PZ-ZRZY`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  account('jtys.group', '贲行远', `${JW}-PZ-JTYS`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('gzw.group', '郗承业', `${JW}-PZ-GZW`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('gaj.group', '褚正衡', `${JW}-PZ-GAJ`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'M')),
  account('scjg.group', '籍秋实', `${JW}-PZ-SCJG`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  account('rs.group', '巫晓棠', `${JW}-PZ-RS`, staff(['GROUP_STAFF'], GROUP_LEADER, '正处级', 'F')),
  // 县区纪委监委 (incl. a 榆中县 纪检监察室 pair and a township)
  account('cg.county', '缪一帆', 'LZ-CG', staff(['COUNTY_STAFF'], '城关区纪委监委干部', '一级主任科员', 'M')),
  account('qlh.county', '覃予安', 'LZ-QLH', staff(['COUNTY_STAFF'], '七里河区纪委监委干部', '二级主任科员', 'F')),
  account('gl.county', '计兰心', 'LZ-GL', staff(['COUNTY_STAFF'], '皋兰县纪委监委干部', '四级主任科员', 'F')),
  account('yd.county', '邝永年', 'LZ-YD', staff(['COUNTY_STAFF'], '永登县纪委监委干部', '一级主任科员', 'M')),
  account('yz.county', '晁立新', 'LZ-YZ', staff(['COUNTY_STAFF'], '榆中县纪委副书记、县监委副主任', '正科级', 'M')),
  account('yz.jjs1', '殳明远', 'LZ-YZ-JJ1', staff(['COUNTY_STAFF'], '第一纪检监察室主任', '正科级', 'M')),
  account('yz.jjs2', '俞晚晴', 'LZ-YZ-JJ2', staff(['COUNTY_STAFF'], '第二纪检监察室干部', '四级主任科员', 'F')),
  account('yz.xgy', '栗青山', 'LZ-YZ-XGY', staff(['COUNTY_STAFF'], '夏官营镇纪委书记', '副科级', 'M')),
  account('xq.county', '钮新程', 'LZ-XQ', staff(['COUNTY_STAFF'], '兰州新区纪工委监工委干部', '一级主任科员', 'M')),
  // 县区派驻纪检监察组 (members of their county's 片区 with the 纪检监察室 that liaises with them)
  account('yz.jyj', '芮望川', 'LZ-YZ-PZ-JYJ', staff(['GROUP_STAFF'], GROUP_LEADER, '正科级', 'M')),
  account('yz.nyj', '扈禾生', 'LZ-YZ-PZ-NYNC', staff(['GROUP_STAFF'], GROUP_LEADER, '正科级', 'M')),
  account('yz.wjj', '郜清漪', 'LZ-YZ-PZ-WJJ', staff(['GROUP_STAFF'], GROUP_LEADER, '正科级', 'F')),
  account('yz.mzj', '雍念真', 'LZ-YZ-PZ-MZJ', staff(['GROUP_STAFF'], GROUP_STAFF, '一级科员', 'F')),
  account('yd.jyj', '宓照临', 'LZ-YD-PZ-JYJ', staff(['GROUP_STAFF'], GROUP_LEADER, '正科级', 'M')),
  account('xq.jyj', '濮知远', 'LZ-XQ-PZ-JYJ', staff(['GROUP_STAFF'], GROUP_LEADER, '正科级', 'M')),
  // 被监督单位联络人: their role keeps them from clues and cases; WORK_SECRET clearance because the letters
  // served on their unit are 工作秘密 and clearance is checked on letters and tasks (a PUBLIC liaison reads none).
  account('bank.liaison', '居安然', 'LZ-HU-CSYH', staff(['UNIT_LIAISON'], '示例城市商业银行办公室主任', '部门正职', 'F')),
  account('edu.liaison', '钭文博', 'LZ-HU-JYJ', staff(['UNIT_LIAISON'], '市教育局办公室副主任', '副科级', 'M')),
  // 三员: system admin in the technical office, security admin in the general office (保密),
  // audit admin in the cadre-supervision office (supervising the supervisors)
  account('sysadmin', '蒲启明', `${JW}-JSS`, staff(['SYS_ADMIN'], '系统管理员', '三级主任科员', 'M')),
  account('secadmin', '谌守诚', `${JW}-BGS`, staff(['SEC_ADMIN'], '安全管理员', '二级主任科员', 'M')),
  account('auditadmin', '沃清鉴', `${JW}-GBJD`, staff(['AUDIT_ADMIN'], '安全审计员', '二级主任科员', 'F')),
];

/** 监察对象 in host units, for the demo scenarios' clues and cases (fictional; no ID numbers). */
export const demoSupervisedPersons: readonly DemoSupervisedPerson[] = [
  person('bank-credit-head', '樊立群', 'M', 1976, 'LZ-HU-CSYH', '信贷管理部总经理', '中层正职'),
  person('depot-director', '聂长顺', 'M', 1971, 'LZ-HU-LCK', '主任', '正科级'),
  person('depot-finance', '温淑芬', 'F', 1983, 'LZ-HU-LCK', '财务科科长', '科级'),
  person('edu-logistics', '管玉洁', 'F', 1975, 'LZ-HU-JYJ', '后勤保障科科长', '正科级'),
  person('edu-aid-centre', '伍思齐', 'M', 1980, 'LZ-HU-JYJ', '学生资助管理中心主任', '正科级'),
  person('agri-rural', '解丰年', 'M', 1978, 'LZ-HU-NYNC', '乡村振兴科科长', '正科级'),
  person('soe-chair', '宗建平', 'M', 1968, 'LZ-HU-GTJT', '党委书记、董事长', '正处级', {
    cadreManagement: 'SAME_LEVEL_PARTY',
    isSubordinateTopLeader: true,
  }),
  person('housing-market', '申建勋', 'M', 1979, 'LZ-HU-ZJJ', '建筑市场监管科科长', '正科级'),
  person('health-medical', '房素雅', 'F', 1977, 'LZ-HU-WJW', '医政医管科科长', '正科级'),
  person('transport-ops', '柯远途', 'M', 1982, 'LZ-HU-JTYS', '运输管理科科长', '正科级'),
];

function person(
  key: string,
  nameZh: string,
  gender: Gender,
  birthYear: number,
  unitCode: string,
  position: string,
  rankLevel: string,
  overrides: Partial<Pick<DemoSupervisedPerson, 'cadreManagement' | 'isSubordinateTopLeader'>> = {},
): DemoSupervisedPerson {
  return {
    key,
    nameZh,
    gender,
    birthYear,
    unitCode,
    position,
    rankLevel,
    partyMember: true,
    cadreManagement: 'LOWER',
    isSupervisionObject: true,
    isSubordinateTopLeader: false,
    ...overrides,
  };
}
