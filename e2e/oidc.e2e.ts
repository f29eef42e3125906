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
    const providerLogouts: URL[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (req.isNavigationRequest() && url.href.startsWith(`${inject('oidcUrl')}/endsession`))
        providerLogouts.push(url);
    });
    await page.getByRole('button', { name: /Helena Hoivakoordinaattori/ }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    // The browser goes through the provider's end-session page with the sign-on's ID token as the
    // hint (the mock provider, like Keycloak, stops to ask without a valid one), and comes back to
    // the login page, signed out.
    await page.waitForURL(`${base}/login`);
    expect(providerLogouts).toHaveLength(1);
    const logout = providerLogouts[0]!;
    expect(logout.searchParams.get('client_id')).toBe('civic-e2e');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/login`);
    const hint = logout.searchParams.get('id_token_hint')!;
    expect(JSON.parse(Buffer.from(hint.split('.')[1]!, 'base64url').toString())).toMatchObject({
      preferred_username: 'carecoord',
      aud: 'civic-e2e',
    });
    await page.getByRole('button', { name: "Log in with the city's account" }).waitFor();
    await page.goto(`${base}/queue`);
    await page.waitForURL(`${base}/login`);
  });

  it('tells a person without an account in the portal why the sign-on was refused, and a cancel as a cancel', async () => {
    const base = inject('baseUrl');
    const page = await freshPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true }, 'fi');
    await page.goto(`${base}/portal/login`);
    await page.getByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' }).click();
    await page.getByRole('link', { name: 'Olli Ulkopuolinen' }).click();
    await page.waitForURL(`${base}/portal/login?sso_error=sso_unmapped`);
    await page.getByText('Kaupungin tunnuksellesi ei ole käyttäjätiliä tässä palvelussa').waitFor();
    await expectAccessible(page, 'portal login with a refused sign-on');

    // Cancelling at the provider is said as such, not as a failure.
    await page.getByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' }).click();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(`${base}/portal/login?sso_error=sso_cancelled`);
    await page.getByRole('heading', { name: 'Kirjautuminen peruttiin' }).waitFor();
    expect(await page.getByText('Kirjautuminen epäonnistui').count()).toBe(0);
    await expectAccessible(page, 'portal login after a cancelled sign-on');
  });
});
