/**
 * 演示数据 — the example schools of the 校园餐 自查自纠 (fictional), host units under the county education
 * bureaus. Part of `demoOrgs` (loaded with every org); their contacts and answers are in campaign-selfcheck.ts.
 */
import type { DemoOrg } from './data-types';

const school = (parent: string, n: number, nameZh: string): DemoOrg => ({
  code: `${parent}-S00${n}`,
  nameZh,
  shortName: nameZh,
  kind: 'HOST_UNIT',
  parentCode: parent,
});

export const selfcheckDemoOrgs: readonly DemoOrg[] = [
  school('LZ-YZ-HU-JYJ', 1, '榆中县示例第一中学'),
  school('LZ-YZ-HU-JYJ', 2, '榆中县示例城关小学'),
  school('LZ-YD-HU-JYJ', 1, '永登县示例第二中学'),
  school('LZ-XQ-HU-JYJ', 1, '兰州新区示例实验学校'),
];
