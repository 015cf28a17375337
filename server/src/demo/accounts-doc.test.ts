import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MFA_REQUIRED_ROLES } from '@liandong/domain/access/enums';
import { demoAccountsMarkdown } from './accounts-doc';
import { selfcheckDemoAccounts } from './campaign-selfcheck';
import { DEMO_PASSWORD, demoAccounts } from './data';

describe('demoAccountsMarkdown', () => {
  const markdown = demoAccountsMarkdown();
  const tableLines = markdown.split('\n').filter((l) => l.startsWith('|'));

  it('renders one table with the four columns and a row per account', () => {
    expect(tableLines[0]).toBe('| 用户名 | 密码 | 角色 | 单位 |');
    expect(tableLines).toHaveLength(demoAccounts.length + selfcheckDemoAccounts.length + 2);
    expect(tableLines).toContain(`| jc3.staff | ${DEMO_PASSWORD} | OFFICE_STAFF | 第三监督检查室 |`);
    expect(tableLines).toContain(`| cw5.member | ${DEMO_PASSWORD} | DEPUTY_OR_MEMBER, STANDING_COMMITTEE | 兰州市纪委监委 |`);
  });

  it('says it is demo data and names every role that must enrol TOTP', () => {
    expect(markdown).toContain('演示数据');
    for (const role of MFA_REQUIRED_ROLES) expect(markdown).toContain(role);
    expect(markdown).toContain('TOTP');
  });

  it('matches the committed docs/demo-accounts.md', () => {
    const committed = readFileSync(new URL('../../../docs/demo-accounts.md', import.meta.url), 'utf8');
    expect(committed).toBe(markdown);
  });
});
