import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/*
 * The axe-core audit shared by the accessibility journeys (a11y.e2e.ts: every menu screen; a11y-issue15.e2e.ts:
 * the pages and dialogs of issue 15 no menu reaches directly).
 */

/** axe-core's browser bundle, injected into each page as a script (the tests run in Node, the checks in Chromium). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Rules whose findings fail the page whatever impact axe gives them: a page without exactly one `h1`, and
 * content outside landmarks (a screen reader user jumps by heading and by landmark).
 */
const STRUCTURE_RULES = ['page-has-heading-one', 'landmark-one-main', 'region'];

export interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA plus best practice) on the page as it is now and returns the
 * serious and critical findings and the structural ones, each with the selectors of the offending nodes.
 */
export async function audit(page: Page, name: string): Promise<Finding[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  const h1 = await page.evaluate<number>("document.querySelectorAll('h1').length");
  const findings = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE_RULES.includes(v.id))
    .map((v) => ({ page: name, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 8).map((n) => n.target.map(String).join(' >> ')) }));
  if (h1 !== 1) findings.push({ page: name, rule: 'one-h1', impact: 'serious', help: `${h1} h1 elements, expected exactly one`, targets: [] });
  return findings;
}

export function report(findings: Finding[]): string {
  return findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
}

/**
 * Waits until the screen has loaded its data: the frame and the screen's lazy chunks are in (its title, the
 * h1, drawn; a screen without one is reported after the wait), no request in flight, no spinner.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page
    .locator('h1')
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}
