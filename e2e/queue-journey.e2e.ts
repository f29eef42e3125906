import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';

const PASSWORD = 'Demo-salasana-2026';
/** A busy 2-core machine can take many seconds for one page; every wait is on visible state. */
const STEP_MS = 60_000;

/** The API as the test's own observer, with a user's token (to check what the screens do not show). */
async function apiAs(username: string) {
  const base = `${inject('baseUrl')}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status, `login ${username}`).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status, `GET ${path}`).toBe(200);
    return (await res.json()) as T;
  };
}

async function login(page: Page, app: '' | '/portal', username: string, submit: string) {
  await page.goto(`${inject('baseUrl')}${app}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await page.locator('main h1').first().waitFor();
}

type Figures = { serviceType: { id: string }; occupied: number; reserved: number; vacantAccepting: number };

describe.skipIf(chromiumMissing)('care queue journey across the portal and the staff app in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a reported vacancy is offered to the top candidate, confirmed, accepted and moved into; the client leaves the queue and the figures move', async () => {
    const base = inject('baseUrl');
    const note = `E2E journey ${Date.now().toString(36)}`;
    const coordinatorApi = await apiAs('carecoord');
    const providerApi = await apiAs('provideruser');

    // --- The provider user, on a phone in Finnish, reports a vacancy in the portal.
    const provider = await freshPage(
      browser,
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      'fi',
    );
    provider.setDefaultTimeout(STEP_MS);
    await login(provider, '/portal', 'provideruser', 'Kirjaudu');
    await provider.getByRole('heading', { name: 'Hoivakoti Kotikallio Oy', level: 1 }).waitFor();
    const unitLink = provider.getByRole('link', { name: 'Kotikallio Kallio', exact: true }).first();
    const unitId = /\/units\/([0-9a-f-]{36})/.exec((await unitLink.getAttribute('href')) ?? '')![1]!;
    await unitLink.click();
    await provider.getByRole('heading', { name: 'Kotikallio Kallio', level: 1 }).waitFor();
    await provider.locator('#vacancy-notes').fill(note);
    await provider.getByRole('button', { name: 'Ilmoita vapaa paikka', exact: true }).click();
    await provider.getByText('Vapaa paikka ilmoitettu. Koordinaattorit näkevät sen nyt.').waitFor();

    // --- The coordinator, on a desktop in English, opens it from the board and offers it to the top candidate.
    const coordinator = await freshPage(browser, { viewport: { width: 1366, height: 900 } }, 'en');
    coordinator.setDefaultTimeout(STEP_MS);
    await login(coordinator, '', 'carecoord', 'Log in');
    // Kallio's places only: the board pages, and the new place is the one empty the shortest time.
    await coordinator.goto(`${base}/care?district=Kallio`);
    await coordinator.getByRole('heading', { name: 'Vacancy board', level: 1 }).waitFor();
    const row = coordinator.getByRole('row').filter({ hasText: note });
    await row.getByRole('link', { name: /^Open the place/ }).click();
    await coordinator.getByRole('heading', { name: 'Vacancy: Kotikallio Kallio', level: 1 }).waitFor();
    const vacancyId = /\/care\/vacancies\/([0-9a-f-]{36})/.exec(coordinator.url())![1]!;
    // The first candidate is chosen already.
    const chosen = coordinator.getByText(/^Chosen: 1\. /);
    await chosen.waitFor();
    const clientName = (await chosen.textContent())!.replace(/^Chosen: 1\. /, '').trim();
    await expectAccessible(coordinator, 'staff vacancy page with candidates');
    const { serviceType } = await coordinatorApi<{ serviceType: { id: string } }>(
      `/care/vacancies/${vacancyId}`,
    );
    const afterReport = await unitFigures(serviceType.id);
    await coordinator.getByRole('button', { name: 'Offer', exact: true }).click();
    await coordinator.getByText('Offer made. The provider has been told by e-mail.').waitFor();
    await coordinator.getByRole('heading', { name: `Offer: ${clientName}`, level: 1 }).waitFor();
    const offerId = /\/care\/offers\/([0-9a-f-]{36})/.exec(coordinator.url())![1]!;
    const offer = await coordinatorApi<{
      entryId: string;
      coupleOfferId?: string | null;
      vacancy: { id: string };
    }>(`/care/offers/${offerId}`);
    expect(offer.vacancy.id).toBe(vacancyId);
    // A couple is offered two places of the unit at once; the figures then move by two.
    const places = offer.coupleOfferId ? 2 : 1;
    const lastName = clientName.split(' ').at(-1)!;
    const inQueue = async () =>
      (
        await coordinatorApi<{ items: { id: string }[] }>(
          `/care/queue?q=${encodeURIComponent(lastName)}&pageSize=200`,
        )
      ).items.some((e) => e.id === offer.entryId);
    expect(await inQueue()).toBe(true);
    await expectAccessible(coordinator, 'staff offer page, just offered');

    // --- The provider sees it waiting (the menu button counts it) and confirms.
    await provider.goto(`${base}/portal/offers`);
    await provider.getByRole('heading', { name: 'Tarjoukset', level: 1 }).waitFor();
    await expect
      .poll(() => provider.getByRole('button', { name: /Valikko.*odottaa toimia/ }).count(), {
        timeout: STEP_MS,
      })
      .toBe(1);
    const awaiting = provider.getByRole('region', { name: 'Odottavat toimiasi' });
    await awaiting.getByRole('link', { name: clientName, exact: true }).click();
    await provider.getByRole('heading', { name: clientName, level: 1 }).waitFor();
    await provider.getByText('Odottaa vahvistustasi').first().waitFor();
    await expectAccessible(provider, 'portal offer page, to confirm');
    await provider.getByRole('button', { name: 'Vahvista: voimme ottaa asiakkaan' }).click();
    await provider
      .getByText('Tarjous vahvistettu. Koordinaattori kirjaa seuraavaksi asiakkaan vastauksen.')
      .waitFor();

    // --- The coordinator records the client's acceptance.
    await coordinator.reload();
    await coordinator.getByText("Waiting for the client's answer").first().waitFor();
    await coordinator.getByRole('button', { name: /^(Client accepted|Record acceptance)$/ }).click();
    await coordinator.getByText('Answer recorded.').waitFor();
    await coordinator.getByText('Accepted, waiting for the move-in').first().waitFor();

    // --- The provider records the move-in (today, the default), after the confirmation dialog.
    await provider.reload();
    await provider.getByRole('heading', { name: 'Kirjaa muutto', level: 2 }).waitFor();
    await expectAccessible(provider, 'portal offer page, to record the move-in');
    await provider.getByRole('button', { name: 'Kirjaa muutto', exact: true }).click();
    const dialog = provider.getByRole('dialog', { name: 'Kirjataanko muutto?' });
    await dialog.waitFor();
    await expectAccessible(provider, 'portal move-in dialog');
    await dialog.getByRole('button', { name: 'Kirjaa muutto', exact: true }).click();
    await provider.getByText('Muutto kirjattu. Paikka on nyt käytössä.').waitFor();
    await provider.getByText('Asiakas muuttanut').first().waitFor();
    await expectAccessible(provider, 'portal offer page, moved in');

    // --- The client has left the queue, the place is filled and the unit's figures moved.
    const entry = await coordinatorApi<{ status: string }>(`/care/queue/entries/${offer.entryId}`);
    expect(['placed', 'interim']).toContain(entry.status);
    if (entry.status === 'placed') expect(await inQueue()).toBe(false);
    const afterMoveIn = await unitFigures(serviceType.id);
    expect(afterMoveIn.occupied).toBe(afterReport.occupied + places);
    expect(afterMoveIn.vacantAccepting).toBe(afterReport.vacantAccepting - places);
    expect(afterMoveIn.reserved).toBe(afterReport.reserved);
    await coordinator.goto(`${base}/care/vacancies/${vacancyId}`);
    await coordinator.getByText('The place is filled: a client has moved in.').waitFor();

    /** The unit's figures for the place's service type, as the portal's API gives them. */
    async function unitFigures(serviceTypeId: string) {
      const unit = await providerApi<{ capacity: Figures[] }>(`/portal/units/${unitId}`);
      const figures = unit.capacity.find((c) => c.serviceType.id === serviceTypeId);
      expect(figures, 'the unit runs the service type of the place').toBeTruthy();
      return figures!;
    }
  }, 300_000);
});
