import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type Finding, report, settle } from './axe';
import { launch, newPage, signIn, skipReason } from './browser';

const skip = skipReason();

/** Every screen the signed-in user's menu offers (its groups are open by default), home first. */
async function menuPaths(page: Page): Promise<string[]> {
  await page.getByTestId('app-menu').waitFor({ state: 'visible' });
  const ids = await page.locator('[data-testid^="menu-/"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid') ?? ''));
  return [...new Set(ids.map((id) => id.slice('menu-'.length)))];
}

/** Screens audited already in this file: a screen is the same code for the next user, so it is audited once (home excepted). */
const audited = new Set<string>();

/** Signs in as `username`, opens every screen of its menu not audited yet (and its home) and audits each; returns all findings. */
async function auditMenu(browser: Browser, username: string): Promise<{ paths: string[]; findings: Finding[] }> {
  const page = await newPage(browser);
  await signIn(page, username);
  await settle(page);
  const paths = await menuPaths(page);
  const findings: Finding[] = [];
  for (const path of paths.filter((p) => p === '/' || !audited.has(p))) {
    audited.add(path);
    await page.goto(path);
    await settle(page);
    const found = await audit(page, `${username} ${path}`);
    console.info(`axe ${username} ${path}: ${found.length} finding(s)${found.length ? ` [${found.map((f) => f.rule).join(', ')}]` : ''}`);
    findings.push(...found);
  }
  await page.context().close();
  return { paths, findings };
}

/**
 * Run in the page: notes in `window.seenMotion` every class an element takes on while an animation runs (antd's
 * `…-enter-active`, `…-appear-active`), on nodes added later and on class changes. Without motion antd still marks a
 * popup `…-appear-prepare` for a frame as it mounts, but never starts the animation.
 */
const WATCH_MOTION = `{
  const seen = (window.seenMotion = []);
  const note = (el) => { const cls = el.getAttribute('class') || ''; if (/-(enter|appear)-active\\b/.test(cls)) seen.push(cls); };
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'attributes') note(c.target);
      for (const n of c.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('*')].forEach(note);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}`;

describe.skipIf(Boolean(skip))('accessibility (axe-core): no serious or critical finding, one h1, landmarks', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the sign-in page, blank and with field errors, has landmarks, one h1, labelled fields and readable text', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor({ state: 'visible' });
    const findings = await audit(page, '/login');
    // A failed attempt shows an error and field messages: they must be as readable as the rest.
    await page.getByTestId('login-submit').click();
    await page.locator('.ld-login-field-error').first().waitFor({ state: 'visible' });
    findings.push(...(await audit(page, '/login (errors)')));
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('textbox', { name: '用户名' }).count()).toBe(1);
    await page.context().close();
    expect(findings, report(findings)).toEqual([]);
  });

  it('the 书记 home page and every screen of the menu (all ledgers of the business side)', async () => {
    const { paths, findings } = await auditMenu(browser, 'sj.secretary');
    // The broadest business role: the whole business menu, ledgers of every area.
    for (const path of ['/', '/clues', '/cases', '/supervision/lists', '/reform', '/letters', '/meetings']) expect(paths).toContain(path);
    expect(findings, report(findings)).toEqual([]);
  }, 300_000);

  it('an office director: supervision items, matrix and intake screens', async () => {
    const { paths, findings } = await auditMenu(browser, 'jc3.director');
    expect(paths).toContain('/supervision/my-items');
    expect(findings, report(findings)).toEqual([]);
  }, 300_000);

  it('the system and audit administrators: the admin screens', async () => {
    const admin = await auditMenu(browser, 'sysadmin');
    for (const path of ['/admin/users', '/admin/sessions', '/admin/dictionaries', '/admin/settings']) expect(admin.paths).toContain(path);
    const auditor = await auditMenu(browser, 'auditadmin');
    for (const path of ['/audit', '/admin/login-log']) expect(auditor.paths).toContain(path);
    const findings = [...admin.findings, ...auditor.findings];
    expect(findings, report(findings)).toEqual([]);
  }, 300_000);

  it("the unit liaison's portal: its home, a letter's page with the reply dialog open, and a task's page", async () => {
    const { paths, findings } = await auditMenu(browser, 'edu.liaison');
    expect(paths).toContain('/portal/letters');
    const page = await newPage(browser);
    await signIn(page, 'edu.liaison');
    await settle(page);
    const letters = (await (await page.request.get('/api/v1/letters?pageSize=5')).json()).items as { id: string }[];
    const tasks = (await (await page.request.get('/api/v1/rectification-tasks?pageSize=5')).json()).items as { id: string }[];
    expect(letters.length).toBeGreaterThan(0);
    expect(tasks.length).toBeGreaterThan(0);
    await page.goto(`/portal/letters/${letters[0]!.id}`);
    await page.getByTestId('portal-letter-page').waitFor({ state: 'visible', timeout: 20_000 });
    await settle(page);
    findings.push(...(await audit(page, 'edu.liaison /portal/letters/:id')));
    // The dialog the unit writes in (adopt, object or reply, whichever the letter's state offers).
    const button = page.locator('[data-testid="portal-letter-reply"], [data-testid="portal-letter-adopt"], [data-testid="portal-letter-object"]').first();
    if ((await button.count()) > 0) {
      await button.click();
      await page.getByTestId('portal-letter-text-input').or(page.getByTestId('portal-letter-confirm')).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForTimeout(300);
      findings.push(...(await audit(page, 'edu.liaison /portal/letters/:id (dialog)')));
    }
    await page.goto(`/portal/tasks/${tasks[0]!.id}`);
    await settle(page);
    findings.push(...(await audit(page, 'edu.liaison /portal/tasks/:id')));
    await page.context().close();
    expect(findings, report(findings)).toEqual([]);
  }, 300_000);

  it('follows the system setting 减弱动态效果 (WCAG 2.3.3): the user menu opens without its slide animation, and with it when motion is allowed', async () => {
    /** The classes antd's running animations put on the menu as it opens (`ant-slide-up-appear-active`). */
    const animationClasses = async (reducedMotion: 'reduce' | 'no-preference'): Promise<string[]> => {
      const page = await newPage(browser, { reducedMotion });
      await signIn(page, 'edu.staff');
      await page.getByTestId('user-menu').waitFor({ state: 'visible' });
      await page.evaluate(WATCH_MOTION);
      await page.getByTestId('user-menu').click();
      await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu').waitFor({ state: 'visible' });
      await page.waitForTimeout(600);
      const seen = await page.evaluate<string[]>('window.seenMotion');
      await page.context().close();
      return seen;
    };
    expect(await animationClasses('reduce')).toEqual([]);
    expect((await animationClasses('no-preference')).some((c) => c.includes('ant-slide-up'))).toBe(true);
  });
});
