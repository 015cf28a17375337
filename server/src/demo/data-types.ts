/** Shapes of the demo commission's data (data.ts holds the values). */
import type { Classification, Role } from '@liandong/domain/access/enums';
import type { CadreManagement, CoverageRole, LeaderTitle, OfficeKind, OrgKind, ZoneMode } from '@liandong/domain/org/enums';

export type Gender = 'M' | 'F';

/** An organisation node (domain.md b.1). */
export interface DemoOrg {
  code: string;
  nameZh: string;
  shortName: string;
  kind: OrgKind;
  officeKind?: OfficeKind;
  /** 第N监督检查室 / 第N审查调查室 / 第N纪检监察室 */
  ordinal?: number;
  /** null for the municipal commission and for host units, which are outside the commission. */
  parentCode: string | null;
  /** 机关代字 for 发文字号 (invented). */
  docCode?: string;
  /** 行政区划代码 of a district/county. */
  regionCode?: string;
}

/** 委领导 (domain.md b.2). */
export interface DemoLeader {
  key: string;
  nameZh: string;
  title: LeaderTitle;
  gender: Gender;
  orgCode: string;
}

/** 分管: a leader oversees these internal offices. */
export interface DemoOversight {
  leaderKey: string;
  officeCodes: readonly string[];
}

/** 联系: an inspection office liaises with dispatched groups and county commissions. */
export interface DemoLiaison {
  officeCode: string;
  targetCodes: readonly string[];
}

/** 驻在 / 综合监督: a dispatched group covers a host unit. */
export interface DemoCoverage {
  groupCode: string;
  hostUnitCode: string;
  role: CoverageRole;
}

/** 片区: a county-level work zone. The lead org is also listed among the members. */
export interface DemoZone {
  code: string;
  nameZh: string;
  countyCode: string;
  leadOrgCode: string;
  memberOrgCodes: readonly string[];
  modes: readonly ZoneMode[];
}

/** A staff account with the person behind it. */
export interface DemoAccount {
  username: string;
  displayName: string;
  orgCode: string;
  roles: readonly Role[];
  clearance: Classification;
  position: string;
  rankLevel: string;
  gender: Gender;
  /** Set for leadership members: the account is the person of that `DemoLeader`. */
  leaderKey?: string;
}

/** A 监察对象 in a host unit, for clues and cases of the demo scenarios. No ID numbers. */
export interface DemoSupervisedPerson {
  key: string;
  nameZh: string;
  gender: Gender;
  birthYear: number;
  unitCode: string;
  position: string;
  rankLevel: string;
  partyMember: boolean;
  cadreManagement: CadreManagement;
  isSupervisionObject: boolean;
  isSubordinateTopLeader: boolean;
}
