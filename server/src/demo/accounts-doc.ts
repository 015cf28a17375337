/**
 * Renders docs/demo-accounts.md from the demo data, so the document cannot drift from the seed.
 * Regenerate: npx tsx -e "import('./server/src/demo/accounts-doc.ts').then((m) => process.stdout.write(m.demoAccountsMarkdown()))" > docs/demo-accounts.md
 */
import { MFA_REQUIRED_ROLES, ROLE_LABELS } from '@liandong/domain/access/enums';
import { selfcheckDemoAccounts } from './campaign-selfcheck';
import { DEMO_LABEL, DEMO_PASSWORD, demoAccounts, demoOrgs } from './data';

/** Markdown table cells cannot hold a raw pipe or a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The content of docs/demo-accounts.md: sign-in help and one table of all demo accounts. */
export function demoAccountsMarkdown(): string {
  const orgName = new Map(demoOrgs.map((o) => [o.code, o.nameZh]));
  // The 自查自纠 contacts of the example schools are loaded with the campaign (campaign-selfcheck.ts).
  const rows = [...demoAccounts, ...selfcheckDemoAccounts].map((a) => {
    const org = orgName.get(a.orgCode);
    if (!org) throw new Error(`demo account ${a.username} refers to unknown org ${a.orgCode}`);
    return `| ${[a.username, DEMO_PASSWORD, a.roles.join(', '), org].map(cell).join(' | ')} |`;
  });
  const mfaRoles = MFA_REQUIRED_ROLES.map((r) => `${r}（${ROLE_LABELS[r].zh}）`).join('、');
  return [
    '# 演示账号',
    '',
    `本页所列账号、人员姓名和单位对应关系均为${DEMO_LABEL}，人物纯属虚构。在登录页输入下表的用户名和密码即可登录；所有演示账号使用同一密码。`,
    '',
    '| 用户名 | 密码 | 角色 | 单位 |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `领导、管理员以及信访室、案管室账号（角色含 ${mfaRoles}）首次登录时必须绑定 TOTP 身份验证器（如手机上的验证器应用），此后每次登录输入动态口令；换绑须输入密码和当前动态口令。`,
    '',
    '本文件由 `server/src/demo/accounts-doc.ts` 生成，请勿手工修改。',
    '',
  ].join('\n');
}
