import { describe, expect, it } from 'vitest';
import { type CoLeaderFacts, coLeaderIssues, isGroupOrCountyLeader, isOfficeDirector } from './rules';

const director: CoLeaderFacts = { userId: 'u1', orgId: 'jc6', orgKind: 'INTERNAL_OFFICE', position: '第六监督检查室主任' };
const groupLeader: CoLeaderFacts = { userId: 'u2', orgId: 'edu', orgKind: 'DISPATCHED_GROUP', position: '纪检监察组组长' };
const countyLeader: CoLeaderFacts = { userId: 'u3', orgId: 'yz', orgKind: 'COUNTY_COMMISSION', position: '榆中县纪委副书记、县监委副主任' };

describe('双组长 rule', () => {
  it.each<[string, CoLeaderFacts[], string[]]>([
    ['office director + group leader', [director, groupLeader], []],
    ['group leader + office director (either order)', [groupLeader, director], []],
    ['office director + county leader', [director, countyLeader], []],
    ['only one co-leader', [director], ['coLeaders']],
    ['three co-leaders', [director, groupLeader, countyLeader], ['coLeaders']],
    ['the same person twice', [director, { ...director }], ['coLeaders.1.userId', 'coLeaders.1.fromOrgId']],
    [
      'two persons of the same org',
      [groupLeader, { ...groupLeader, userId: 'u9', orgKind: 'DISPATCHED_GROUP' }],
      ['coLeaders.1.fromOrgId', 'coLeaders.1.fromOrgId'],
    ],
    ['two office directors', [director, { ...director, userId: 'u4', orgId: 'jc3', position: '第三监督检查室主任' }], ['coLeaders.1.fromOrgId']],
    ['two group leaders', [groupLeader, countyLeader], ['coLeaders.1.fromOrgId']],
    ['office staff, not the director', [{ ...director, position: '第六监督检查室干部' }, groupLeader], ['coLeaders.0.userId']],
    ['a deputy director is not the director', [{ ...director, position: '案件审理室副主任' }, groupLeader], ['coLeaders.0.userId']],
    ['group staff, not its leader', [director, { ...groupLeader, position: '纪检监察组干部' }], ['coLeaders.1.userId']],
    ['a host unit is neither side', [director, { ...groupLeader, orgKind: 'HOST_UNIT', position: '办公室主任' }], ['coLeaders.1.fromOrgId']],
  ])('%s', (_name, pair, paths) => {
    expect(coLeaderIssues(pair).map((i) => i.path)).toEqual(paths);
  });

  it('reads posts, not ranks: 主任科员 is no director, 副书记 leads a county', () => {
    expect(isOfficeDirector('一级主任科员')).toBe(false);
    expect(isOfficeDirector('党风政风监督室主任')).toBe(true);
    expect(isGroupOrCountyLeader('纪检监察组副组长')).toBe(true);
    expect(isGroupOrCountyLeader('兰州新区纪工委监工委干部')).toBe(false);
  });
});
