import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';

const PASSWORD = 'Demo-salasana-2026';

describe.skipIf(chromiumMissing)('staff app in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  const newPage = (language?: string) =>
    freshPage(browser, { viewport: { width: 1280, height: 900 } }, language);

  afterAll(async () => {
    await browser?.close();
  });

  it('logs in, switches language, visits the areas and logs out; every page axe-clean', async () => {
    const page = await newPage();
    const base = inject('baseUrl');
    await page.goto(`${base}/keys`);
    // Not signed in: the app sends us to login, in Finnish by default.
    await page.getByRole('heading', { name: 'Avaimet ja hoivapaikat' }).waitFor();
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    await expectAccessible(page, 'login');

    // A wrong password shows a translated problem and keeps us here.
    await page.getByLabel('Käyttäjätunnus').fill('admin');
    await page.locator('#password').fill('wrong-password');
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await page.getByText('Väärä käyttäjätunnus tai salasana.').waitFor();
    await expectAccessible(page, 'login error');

    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    // Back where we were going.
    await page.getByRole('heading', { name: 'Avaimet', level: 1, exact: true }).waitFor();
    expect(page.url()).toMatch(/\/keys$/);
    await expectAccessible(page, 'keys');

    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('heading', { name: 'Keys', level: 1, exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('link', { name: 'Users', exact: true }).first().click();
    await page.getByRole('cell', { name: 'Aino Ylläpitäjä' }).waitFor();
    await expectAccessible(page, 'users');

    await page.getByRole('link', { name: 'Care places', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Vacancy board', level: 1, exact: true }).waitFor();
    await expectAccessible(page, 'care');

    // A reload keeps the session (refresh cookie) and the language.
    await page.reload();
    await page.getByRole('heading', { name: 'Vacancy board', level: 1, exact: true }).waitFor();

    await page.getByRole('button', { name: /Aino Ylläpitäjä/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Keys and care places' }).waitFor();
    expect(page.url()).toMatch(/\/login$/);
    // The session really ended: going back in needs a login.
    await page.goto(`${base}/care`);
    await page.getByLabel('Username').waitFor();
    expect(page.url()).toMatch(/\/login$/);
  });

  it('tells provider staff to use the portal and does not let them in', async () => {
    const page = await newPage('en');
    const base = inject('baseUrl');
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('provideruser');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByText('Care provider staff log in to the provider portal.').waitFor();
    await expectAccessible(page, 'login wrong app');
    await page.goto(`${base}/`);
    await page.getByLabel('Username').waitFor();
  });

  it('shows a not-found page for an unknown address', async () => {
    const page = await newPage('en');
    const base = inject('baseUrl');
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('keycoord');
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    await page.goto(`${base}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectAccessible(page, 'not found');
    // A key coordinator does not see the care area, and the address alone does not open it.
    expect(await page.getByRole('link', { name: 'Care places', exact: true }).count()).toBe(0);
    await page.goto(`${base}/care`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });
});
