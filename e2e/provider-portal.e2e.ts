import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';

const PASSWORD = 'Demo-salasana-2026';

describe.skipIf(chromiumMissing)('provider portal in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  const newPage = (language?: string) =>
    freshPage(
      browser,
      {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      },
      language,
    );

  afterAll(async () => {
    await browser?.close();
  });

  it('logs in, switches language and logs out; every page axe-clean', async () => {
    const page = await newPage();
    const base = inject('baseUrl');
    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: 'Palveluntuottajaportaali' }).waitFor();
    expect(page.url()).toMatch(/\/portal\/login$/);
    await expectAccessible(page, 'portal login');

    // Language can be chosen before logging in.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Serviceproducentportalen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');

    await page.getByLabel('Användarnamn').fill('provideruser');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1, exact: true }).waitFor();
    await expectAccessible(page, 'portal dashboard');

    await page.goto(`${base}/portal/units`);
    await page.getByRole('heading', { name: 'Enheter och lediga platser', level: 1, exact: true }).waitFor();
    await expectAccessible(page, 'portal units');
    // A provider user is not a provider admin: no user management.
    expect(await page.getByRole('link', { name: 'Användare', exact: true }).count()).toBe(0);

    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1, exact: true }).waitFor();
    // On a phone the user menu sits inside the header's menu.
    await page.getByRole('button', { name: 'Meny' }).click();
    await expectAccessible(page, 'portal mobile menu');
    await page.getByRole('button', { name: /Tiina Hoitaja/ }).click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByLabel('Användarnamn').waitFor();
    expect(page.url()).toMatch(/\/portal\/login$/);
  });

  it('refuses city staff with a pointer to the staff app', async () => {
    const page = await newPage();
    const base = inject('baseUrl');
    await page.goto(`${base}/portal/login`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Username').fill('carecoord');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByText('City staff use the staff app.').waitFor();
    await expectAccessible(page, 'portal wrong app');
  });
});
