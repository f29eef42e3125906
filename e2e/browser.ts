import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI must run these; elsewhere a machine without Chromium skips them loudly instead of failing. */
export const chromiumMissing = !existsSync(executablePath);
if (chromiumMissing) {
  const msg = `Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI || process.env.E2E_REQUIRED) throw new Error(msg);
  console.warn(`\n*** SKIPPING end-to-end tests. ${msg}\n`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it stands. */
export async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** A page in a fresh browser context (no cookies or storage carried over), optionally with a saved language. */
export async function freshPage(
  browser: Browser,
  options: BrowserContextOptions,
  language?: string,
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (language) await page.addInitScript((l) => localStorage.setItem('civic.language', l), language);
  return page;
}
