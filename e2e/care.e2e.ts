import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';
import { waitForMail } from './mail-capture.ts';

const PASSWORD = 'Demo-salasana-2026';

describe.skipIf(chromiumMissing)('care places: portal report reaches the coordinator in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a provider user reports a vacancy and confirms another unit unchanged; the coordinator sees the vacancy on the board', async () => {
    const base = inject('baseUrl');
    const note = `E2E room ${Date.now().toString(36)}`;

    // --- Provider user on a phone, in the portal.
    const provider = await freshPage(
      browser,
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      'en',
    );
    await provider.goto(`${base}/portal/login`);
    await provider.getByLabel('Username').fill('provideruser');
    await provider.locator('#password').fill(PASSWORD);
    await provider.getByRole('button', { name: 'Log in', exact: true }).click();
    await provider.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1 }).waitFor();
    await provider.getByText(/units? ha(s|ve) stale figures/).waitFor();
    await expectAccessible(provider, 'portal dashboard');

    // "Nothing has changed" for the stale unit refreshes only its confirmation time.
    const staleRow = provider.getByRole('row').filter({ hasText: 'Kotikallio Käpylä' });
    await expect.poll(() => staleRow.getByText(/Stale/).count()).toBeGreaterThan(0);
    await provider.getByRole('button', { name: /^Nothing has changed: Kotikallio Käpylä/ }).click();
    await staleRow.getByText('confirmed just now').waitFor();
    expect(await provider.getByText(/units? ha(s|ve) stale figures/).count()).toBe(0);

    // Report a vacancy in a few taps.
    await provider.getByRole('link', { name: 'Kotikallio Kallio', exact: true }).first().click();
    await provider.getByRole('heading', { name: 'Kotikallio Kallio', level: 1 }).waitFor();
    await expectAccessible(provider, 'portal unit');
    await provider.locator('#vacancy-notes').fill(note);
    await provider.getByRole('button', { name: 'Report vacancy', exact: true }).click();
    await provider.getByText('Vacancy reported. The coordinators see it now.').waitFor();
    await provider.getByText(note).waitFor();
    await expectAccessible(provider, 'portal vacancy reported');

    // --- The coordinator sees it on the board, with the unit's tags and price.
    const coordinator = await freshPage(browser, { viewport: { width: 1366, height: 900 } }, 'en');
    await coordinator.goto(`${base}/login`);
    await coordinator.getByLabel('Username').fill('carecoord');
    await coordinator.locator('#password').fill(PASSWORD);
    await coordinator.getByRole('button', { name: 'Log in', exact: true }).click();
    await coordinator.getByRole('heading', { name: /Hello/ }).waitFor();
    await coordinator.goto(`${base}/care`);
    await coordinator.getByRole('heading', { name: 'Vacancy board', level: 1 }).waitFor();
    const row = coordinator.getByRole('row').filter({ hasText: note });
    await row.waitFor();
    expect(await row.textContent()).toContain('Kotikallio Kallio');
    expect(await row.textContent()).toContain('€');
    await expectAccessible(coordinator, 'vacancy board');

    // The unit page shows the capacity history and the new vacancy.
    await row.getByRole('link', { name: 'Kotikallio Kallio', exact: true }).click();
    await coordinator.getByRole('heading', { name: 'Kotikallio Kallio', level: 1 }).waitFor();
    await coordinator.getByRole('heading', { name: 'Vacancies' }).waitFor();
    await expectAccessible(coordinator, 'care unit page');
  });

  it('the other care pages are axe-clean; a bulk update saves; an invited user sets a password and logs in', async () => {
    const base = inject('baseUrl');
    const admin = await freshPage(browser, { viewport: { width: 1280, height: 900 } }, 'fi');
    await admin.goto(`${base}/portal/login`);
    await admin.getByLabel('Käyttäjätunnus').fill('provideradmin');
    await admin.locator('#password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await admin.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1 }).waitFor();
    for (const [path, heading] of [
      ['/portal/bulk', 'Päivitä kaikki yksiköt'],
      ['/portal/history', 'Historia'],
      ['/portal/users', 'Käyttäjät'],
      ['/portal/offers', 'Tarjoukset'],
      ['/portal/offers?status=moved_in', 'Tarjoukset'],
    ] as const) {
      await admin.goto(`${base}${path}`);
      await admin.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(admin, `portal ${path}`);
    }
    // Bulk update: one changed row, the rest confirmed, saved together.
    await admin.goto(`${base}/portal/bulk`);
    const occupied = admin.getByRole('spinbutton', { name: /^Käytössä: Kotikallio Vallila/ });
    const value = Number(await occupied.inputValue());
    await occupied.fill(String(Math.max(0, value - 1)));
    await admin.getByRole('button', { name: 'Tallenna kaikki' }).click();
    await admin.getByText(/rivi(ä)? tallennettu/).waitFor();

    // The provider admin invites a colleague, who sets a password through the e-mailed link and logs in.
    const stamp = Date.now().toString(36);
    await admin.goto(`${base}/portal/users`);
    await admin.locator('#invite-name').fill(`Uusi Hoitaja ${stamp}`);
    await admin.locator('#invite-email').fill(`uusi.${stamp}@example.test`);
    await admin.locator('#invite-username').fill(`uusi.${stamp}`);
    await admin.getByRole('button', { name: 'Lähetä kutsu' }).click();
    await admin.getByText(`Kutsu lähetettiin osoitteeseen uusi.${stamp}@example.test.`).waitFor();
    const mail = await waitForMail(inject('inboxUrl'), `uusi.${stamp}@example.test`, /Kutsu/);
    const link = /https?:\/\/\S+\/portal\/invitation\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const invited = await freshPage(
      browser,
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      'fi',
    );
    await invited.goto(link);
    await invited.getByRole('heading', { name: 'Aseta salasanasi', level: 1 }).waitFor();
    await expectAccessible(invited, 'invitation page');
    await invited.locator('#new-password').fill('uusi-hyva-salasana-2026');
    await invited.locator('#repeat-password').fill('uusi-hyva-salasana-2026');
    await invited.getByRole('button', { name: 'Aseta salasana' }).click();
    await invited.getByRole('link', { name: 'Kirjautumaan' }).click();
    await invited.getByLabel('Käyttäjätunnus').fill(`uusi.${stamp}`);
    await invited.locator('#password').fill('uusi-hyva-salasana-2026');
    await invited.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await invited.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1 }).waitFor();

    const staff = await freshPage(browser, { viewport: { width: 1280, height: 900 } }, 'sv');
    await staff.goto(`${base}/login`);
    await staff.getByLabel('Användarnamn').fill('carecoord');
    await staff.locator('#password').fill(PASSWORD);
    await staff.getByRole('button', { name: 'Logga in', exact: true }).click();
    await staff.getByRole('heading', { name: /Hej/ }).waitFor();
    for (const [path, heading] of [
      ['/care/units', 'Enheter'],
      ['/care/providers', 'Serviceproducenter'],
      ['/care/lists', 'Serviceformer och taggar'],
      ['/care/units/new', 'Lägg till enhet'],
      ['/care/today', 'I dag'],
      ['/care/offers', 'Erbjudanden'],
      ['/care/queue', 'Kö'],
      ['/care/clients?q=ko', 'Sök klient'],
      ['/care/queue/import', 'Importera klienter'],
      ['/care/waiting-prices', 'Vad väntan kostar'],
    ] as const) {
      await staff.goto(`${base}${path}`);
      await staff.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(staff, `staff ${path}`);
    }
  });
});
