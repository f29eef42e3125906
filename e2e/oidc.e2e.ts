// Single sign-on in Chromium against the local OpenID Connect provider started by global-setup:
// the login page's button, the provider's page, the callback and the session, and a refusal.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';

describe.skipIf(chromiumMissing)('single sign-on in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs in with the city account to the page asked for, and logs out through the provider', async () => {
    const base = inject('baseUrl');
    const page = await freshPage(browser, { viewport: { width: 1280, height: 900 } }, 'en');
    await page.goto(`${base}/queue`);
    const sso = page.getByRole('button', { name: "Log in with the city's account" });
    await sso.waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await expectAccessible(page, 'staff login with single sign-on');

    await sso.click();
    // The provider's page: choose who you are.
    await page.getByRole('heading', { name: 'Demo identity provider' }).waitFor();
    expect(page.url().startsWith(inject('oidcUrl'))).toBe(true);
    await page.getByRole('link', { name: 'Helena Hoivakoordinaattori' }).click();

    // Back in the product as the linked demo account, on the page first asked for.
    await page.waitForURL(`${base}/queue`);
    await page.getByRole('button', { name: /Helena Hoivakoordinaattori/ }).waitFor();

    // Reloading resumes the session from the refresh cookie, like a password login.
    await page.reload();
    await page.getByRole('button', { name: /Helena Hoivakoordinaattori/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    // The provider's logout comes back to the login page, signed out.
    await page.waitForURL(`${base}/login`);
    await page.getByRole('button', { name: "Log in with the city's account" }).waitFor();
    await page.goto(`${base}/queue`);
    await page.waitForURL(`${base}/login`);
  });

  it('tells a person without an account in the portal why the sign-on was refused', async () => {
    const base = inject('baseUrl');
    const page = await freshPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true }, 'fi');
    await page.goto(`${base}/portal/login`);
    await page.getByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' }).click();
    await page.getByRole('link', { name: 'Olli Ulkopuolinen' }).click();
    await page.waitForURL(`${base}/portal/login?sso_error=sso_unmapped`);
    await page.getByText('Kaupungin tunnuksellesi ei ole käyttäjätiliä tässä palvelussa').waitFor();
    await expectAccessible(page, 'portal login with a refused sign-on');
  });
});
