import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  chromiumMissing,
  expectAccessible,
  expectInfoNotStyledAsError,
  expectNoBrokenWords,
  expectNoSidewaysScroll,
  freshPage,
  launch,
  waitForQuiet,
} from './browser.ts';

const PASSWORD = 'Demo-salasana-2026';
const desktop = { viewport: { width: 1366, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function login(page: Page, app: '' | '/portal', username: string, onLoginPage?: () => Promise<void>) {
  await page.goto(`${inject('baseUrl')}${app}/login`);
  await page.locator('#username').waitFor();
  await onLoginPage?.();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await page.locator('main h1').first().waitFor();
}

/** Waits until the page has its data (no spinner, no request in flight for a moment). */
async function settled(page: Page) {
  await waitForQuiet(page);
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.getByText(/^(Ladataan|Laddar|Loading)…$/).count()).toBe(0);
}

describe.skipIf(chromiumMissing)('screens in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('breaks no button label mid-word at 1366 px, and dresses no note as an error', async () => {
    const provider = await freshPage(browser, desktop, 'fi');
    await login(provider, '/portal', 'provideruser');
    await settled(provider);
    await expectNoBrokenWords(provider, 'portal dashboard');
    await expectInfoNotStyledAsError(provider, '.portal-banner');
    await provider.getByRole('link', { name: 'Kotikallio Kallio', exact: true }).first().click();
    await settled(provider);
    await expectNoBrokenWords(provider, 'portal unit');
    await provider.goto(`${inject('baseUrl')}/portal/bulk`);
    await settled(provider);
    await expectNoBrokenWords(provider, 'portal bulk update');

    const coordinator = await freshPage(browser, desktop, 'fi');
    await login(coordinator, '', 'carecoord');
    await coordinator.goto(`${inject('baseUrl')}/care?district=Kallio`);
    await settled(coordinator);
    await expectNoBrokenWords(coordinator, 'vacancy board');
    // A unit opened from the filtered board leads back to the same filtered board.
    await coordinator.locator('table a[href^="/care/units/"]').first().click();
    await settled(coordinator);
    await coordinator.getByRole('link', { name: '← Vapaat paikat' }).click();
    await coordinator.waitForURL((u) => u.search === '?district=Kallio');
    await expectAccessible(coordinator, 'board after the back link');
  });

  /**
   * Every address a role is shown, opened as a new tab would open it (a full page load of the link's
   * href), answers with a page of its own: none says "page not found". Ids are visited once per kind.
   * The walk is on a 390 px phone in Swedish, whose long compound words are the likeliest to run
   * out of their column: no page (the login page included) scrolls sideways.
   */
  const ACCOUNTS = [
    ['admin', ''],
    ['keycoord', ''],
    ['sitemanager', ''],
    ['carecoord', ''],
    ['careviewer', ''],
    ['provideradmin', '/portal'],
    ['provideruser', '/portal'],
  ] as const;
  for (const [username, app] of ACCOUNTS) {
    it(`shows ${username} no link to a page that answers "page not found", nor one that scrolls sideways on a phone`, async () => {
      const base = inject('baseUrl');
      const page = await freshPage(browser, phone, 'sv');
      await login(page, app, username, () => expectNoSidewaysScroll(page, `${app}/login`));
      const seen = new Set<string>();
      const queue = [`${app}/`];
      const visited: string[] = [];
      const kind = (p: string) =>
        p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
      while (queue.length && visited.length < 30) {
        const path = queue.shift()!;
        if (seen.has(kind(path))) continue;
        seen.add(kind(path));
        await page.goto(`${base}${path}`);
        await settled(page);
        visited.push(path);
        expect(
          await page.getByRole('heading', { name: 'Sidan hittades inte' }).count(),
          `${username} at ${path}`,
        ).toBe(0);
        await expectNoSidewaysScroll(page, `${username} at ${path}`);
        const hrefs = await page
          .locator('a[href^="/"]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
        for (const href of hrefs) {
          const path = href.split(/[?#]/)[0]!;
          // Every address on this site, also one outside the role's app (a portal link that lost
          // its /portal prefix lands in the staff app); files and API downloads are not pages.
          if (!path.startsWith('/api') && !/\.[a-z]+$/.test(path) && !path.endsWith('/login')) {
            queue.push(path);
          }
        }
      }
      expect(visited.length, `${username} visited ${visited.join(', ')}`).toBeGreaterThan(1);
    }, 240_000);
  }
});
