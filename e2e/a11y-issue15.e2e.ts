import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type Finding, report, settle } from './axe';
import { launch, newPage, signIn, skipReason } from './browser';

const skip = skipReason();

/** The first item's id of a list endpoint, read with the signed-in page's session. */
async function firstId(page: Page, url: string): Promise<string> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  const items = (await res.json()).items as { id: string }[];
  expect(items.length, `${url}: no item in the demo`).toBeGreaterThan(0);
  return items[0]!.id;
}

/** Opens `path`, waits for the screen and audits it under `name`. */
async function auditAt(page: Page, path: string, name: string): Promise<Finding[]> {
  await page.goto(path);
  await settle(page);
  const found = await audit(page, name);
  console.info(`axe ${name}: ${found.length} finding(s)${found.length ? ` [${found.map((f) => f.rule).join(', ')}]` : ''}`);
  return found;
}

/**
 * Issue 15's screens under axe-core (WCAG 2.x A/AA + best practice): no serious or critical finding, one h1,
 * content in landmarks — the cockpit, the 廉政档案 register, a file, the request form open, the approvals and the
 * custodian's request overview, the problem register and a problem, the secondment ledger, a batch and its
 * create drawer open.
 */
describe.skipIf(Boolean(skip))('accessibility of issue 15 (axe-core): cockpit, 廉政档案, 问题台账, 抽调', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 书记: the leadership cockpit', async () => {
    const page = await newPage(browser);
    await signIn(page, 'sj.secretary');
    const findings = await auditAt(page, '/cockpit', 'sj.secretary /cockpit');
    await page.getByTestId('cockpit-table').waitFor({ state: 'visible', timeout: 20_000 });
    await page.context().close();
    expect(findings, report(findings)).toEqual([]);
  }, 120_000);

  it('廉政档案: the custodian register, a file, the request overview; the request form; the approvals', async () => {
    const keeper = await newPage(browser);
    await signIn(keeper, 'gbjd.staff');
    const findings = await auditAt(keeper, '/integrity-files', 'gbjd.staff /integrity-files');
    const fileId = await firstId(keeper, '/api/v1/integrity-files?pageSize=5');
    findings.push(...(await auditAt(keeper, `/integrity-files/${fileId}`, 'gbjd.staff /integrity-files/:id')));
    findings.push(...(await auditAt(keeper, '/integrity-files/requests/all', 'gbjd.staff /integrity-files/requests/all')));
    await keeper.context().close();

    const requester = await newPage(browser);
    await signIn(requester, 'edu.group');
    findings.push(...(await auditAt(requester, '/integrity-files/requests', 'edu.group /integrity-files/requests')));
    await requester.getByTestId('request-new').click();
    await requester.getByTestId('request-reason').waitFor({ state: 'visible', timeout: 10_000 });
    // the empty form submitted: the field messages must be as readable as the rest
    await requester.getByTestId('request-submit').click();
    await requester.locator('.ant-form-item-explain-error').first().waitFor({ state: 'visible', timeout: 10_000 });
    await requester.waitForTimeout(400);
    findings.push(...(await audit(requester, 'edu.group request form (errors)')));
    await requester.context().close();

    const leader = await newPage(browser);
    await signIn(leader, 'cw4.member');
    findings.push(...(await auditAt(leader, '/integrity-files/approvals', 'cw4.member /integrity-files/approvals')));
    await leader.context().close();
    expect(findings, report(findings)).toEqual([]);
  }, 240_000);

  it('问题台账: the register and a problem page', async () => {
    const page = await newPage(browser);
    await signIn(page, 'dfzf.staff');
    const findings = await auditAt(page, '/problems', 'dfzf.staff /problems');
    const problemId = await firstId(page, '/api/v1/problems?pageSize=5');
    findings.push(...(await auditAt(page, `/problems/${problemId}`, 'dfzf.staff /problems/:id')));
    await page.context().close();
    expect(findings, report(findings)).toEqual([]);
  }, 120_000);

  it('抽调: the ledger, a batch and the create drawer', async () => {
    const page = await newPage(browser);
    await signIn(page, 'gbjd.staff');
    const findings = await auditAt(page, '/secondments', 'gbjd.staff /secondments');
    await page.getByTestId('secondment-create').click();
    await page.getByTestId('secondment-name').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(400);
    findings.push(...(await audit(page, 'gbjd.staff /secondments (create drawer)')));
    const batchId = await firstId(page, '/api/v1/secondment-batches');
    findings.push(...(await auditAt(page, `/secondments/${batchId}`, 'gbjd.staff /secondments/:id')));
    await page.context().close();
    expect(findings, report(findings)).toEqual([]);
  }, 120_000);
});
