/**
 * Renders docs/demo-accounts.md from the demo data, so the document cannot drift from the seed.
 * Regenerate: npx tsx -e "import('./server/src/demo/accounts-doc.ts').then((m) => process.stdout.write(m.demoAccountsMarkdown()))" > docs/demo-accounts.md
 */
import { demoHeads } from './org-heads';
import { MFA_REQUIRED_ROLES, ROLE_LABELS } from '@liandong/domain/access/enums';
import { CAMPAIGN_STATE_LABELS } from '@liandong/domain/campaigns/enums';
import { demoCampaigns } from './campaigns';
import { demoTaskForces } from './campaign-taskforce';
import { selfcheckDemoAccounts } from './campaign-selfcheck';
import { DEMO_LABEL, DEMO_PASSWORD, demoAccounts, demoOrgs } from './data';

/** Markdown table cells cannot hold a raw pipe or a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** 工作专班 memberships of the demo accounts: who can try the 专班 arm of visibility (issue 10). */
function taskForceLines(): string[] {
  return demoTaskForces.map((tf) => {
    const names = (pred: (m: (typeof tf.members)[number]) => boolean) =>
      tf.members
        .filter(pred)
        .map((m) => m.username)
        .join('、');
    const ended = names((m) => !!m.ended);
    return `${tf.name}（${tf.validFrom} 至 ${tf.validTo}）：组长 ${names((m) => m.role === 'CO_LEADER')}；成员 ${names((m) => m.role === 'MEMBER' && !m.ended)}${ended ? `；已结束任期 ${ended}` : ''}。任职期间可查看本专项整治的线索、整改任务、问责等对象，但不因此看到参与单位的其他数据。\n`;
  });
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
    ...taskForceLines(),
    headsLine(orgName),
    '',
    `领导、管理员以及信访室、案管室账号（角色含 ${mfaRoles}）首次登录时必须绑定 TOTP 身份验证器（如手机上的验证器应用），此后每次登录输入动态口令；换绑须输入密码和当前动态口令。`,
    '',
    ...campaignSection(orgName),
    '',
    '本文件由 `server/src/demo/accounts-doc.ts` 生成，请勿手工修改。',
    '',
  ].join('\n');
}

/** 本单位负责人 (org-heads.ts): who approves each unit's work reports, and the fallback where none is set. */
function headsLine(orgName: Map<string, string>): string {
  const heads = [...demoHeads()].map(([code, username]) => `${username}（${orgName.get(code) ?? code}）`).join('、');
  return `本单位负责人（审批本单位的工作报告，在组织机构中由系统管理员设置）：${heads}。未设负责人的单位（如各县区纪委监委）以及负责人本人起草或提交的报告，由分管该单位的领导审批。`;
}

/** 专项整治: the demo campaigns (phase, participants) and which accounts to try them with. */
function campaignSection(orgName: Map<string, string>): string[] {
  const lines = demoCampaigns.map((c) => {
    const parts = c.participants.map((p) => orgName.get(p.code) ?? p.code).join('、');
    return `- ${c.name}（${CAMPAIGN_STATE_LABELS[c.state].zh}）：党风政风监督室牵头，参与单位：${parts}。`;
  });
  return [
    '## 专项整治',
    '',
    ...lines,
    '',
    '试用：dfzf.director、dfzf.staff（牵头部门：登记专项整治、起草工作方案、调整参与单位与分工、推进阶段）；sj.secretary、fsj2.deputy（书记、分管党风政风监督室的领导：审批工作方案或记录常委会决定、结束专项整治）；jc6.staff、edu.group、yd.jyj（校园餐参与单位）与 jc1.staff、fgw.group（粮食购销参与单位）只看到本单位参与的专项整治及其分工；jc2.staff、单位联络人等看不到。',
  ];
}
