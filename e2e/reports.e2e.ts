import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  chromiumMissing,
  expectAccessible,
  expectNoSidewaysScroll,
  expectReadableCharts,
  freshPage,
  launch,
  waitForQuiet,
} from './browser.ts';

const PASSWORD = 'Demo-salasana-2026';
const desktop = { viewport: { width: 1366, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Each reports screen (and the waiting-price table the cost figures use), by who opens it. */
const SCREENS = [
  ['careviewer', '/reports'],
  ['careviewer', '/reports/care'],
  ['careviewer', '/reports/care?providerKind=purchased&district=Kallio'],
  ['careviewer', '/reports/care?groupBy=month&figure=waitingCost'],
  ['careviewer', '/reports/care?groupBy=unit&district=Kallio'],
  ['careviewer', '/reports/care?groupBy=unit'],
  ['careviewer', '/reports/care?groupBy=provider&figure=queueDaysFromDecisionMedian'],
  ['careviewer', '/reports/waiting-times'],
  ['keycoord', '/reports'],
  ['keycoord', '/reports/keys'],
  ['keycoord', '/reports/keys?groupBy=month'],
  ['keycoord', '/reports/keys?groupBy=association'],
  ['carecoord', '/care/waiting-prices'],
] as const;

/** The page has its data and its charts are drawn (each chart is a chunk of its own). */
async function ready(page: Page) {
  await page.locator('main h1').first().waitFor();
  await waitForQuiet(page);
  await expect.poll(() => page.getByText(/^(Ladataan|Laddar|Loading)…$/).count()).toBe(0);
  await expect
    .poll(() =>
      page.locator('.report-chart').evaluateAll((cs) => cs.filter((c) => !c.querySelector('svg')).length),
    )
    .toBe(0);
}

async function login(page: Page, username: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

/** The API as another system (or another person's browser) calls it. */
async function apiAs(username: string) {
  const base = `${inject('baseUrl')}/api/v1`;
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  const call = async <T>(path: string, init: RequestInit = {}) => {
    const r = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return call;
}

describe.skipIf(chromiumMissing)('reports and live views in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a manager filters the dashboard to purchased places in one district and exports XLSX', async () => {
    const manager = await freshPage(browser, { ...desktop, acceptDownloads: true }, 'fi');
    await login(manager, 'careviewer');
    await manager.getByRole('link', { name: 'Raportit', exact: true }).first().click();
    await manager.getByRole('link', { name: 'Hoivapaikkojen johdon luvut' }).waitFor();
    await expectAccessible(manager, 'reports front page');
    await manager.getByRole('link', { name: 'Hoivapaikkojen johdon luvut' }).click();
    await manager.getByRole('heading', { name: 'Hoivapaikkojen johdon luvut', level: 1 }).waitFor();
    await manager.getByRole('heading', { name: 'Käyttöaste', level: 4 }).waitFor();
    await expectAccessible(manager, 'care figures dashboard');

    await manager.getByLabel('Tuotantotapa').selectOption('purchased');
    await manager.getByLabel('Kaupunginosa').selectOption('Kallio');
    await expect
      .poll(() => new URL(manager.url()).searchParams.toString())
      .toMatch(/(?=.*providerKind=purchased)(?=.*district=Kallio)/);
    // The queue as a whole has no district: those figures say so rather than show a number.
    await manager.getByText(/Koko jonoa koskevilla luvuilla/).waitFor();
    const occupancy = manager.getByRole('heading', { name: 'Käyttöaste', level: 4 }).locator('xpath=..');
    await expect.poll(async () => (await occupancy.textContent()) ?? '').toMatch(/\d+,\d\s%/);
    // The chart is drawn (its own chunk) with its table after it.
    await manager.locator('.report-chart svg').first().waitFor();
    await expectAccessible(manager, 'care figures, purchased in Kallio');

    const exports = manager.getByRole('group', { name: /^Lataa taulukko: Kaikki luvut: Oma ja ostopalvelu/ });
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      exports.getByRole('button', { name: 'Lataa Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^care-figures-\d{8}-\d{8}\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

    // The half-year publication passes axe too.
    await manager.goto(`${inject('baseUrl')}/reports/waiting-times`);
    await manager.getByRole('heading', { name: 'Odotusaikojen julkaisu', level: 1 }).waitFor();
    await manager.getByRole('table').first().waitFor();
    await expectAccessible(manager, 'waiting times publication');

    const keys = await freshPage(browser, desktop, 'en');
    await login(keys, 'keycoord');
    await keys.goto(`${inject('baseUrl')}/reports/keys`);
    await keys.getByRole('heading', { name: 'Key agreement figures', level: 1 }).waitFor();
    await keys.getByRole('table').waitFor();
    await expectAccessible(keys, 'keys figures');
    // A period without agreements says so, with its months at zero in the table and no empty chart.
    await keys.goto(`${inject('baseUrl')}/reports/keys?groupBy=month&from=2001-01-01&to=2001-06-30`);
    await keys.getByText('No key agreements were made in this period.').waitFor();
    await expect.poll(() => keys.locator('table tbody tr').count()).toBe(7);
    expect(await keys.locator('.report-chart').count()).toBe(0);
    await expectAccessible(keys, 'keys figures, empty period');
  });

  it('passes axe on every reports screen, with readable charts, on a phone in Swedish and a desktop in English', async () => {
    const pages = new Map<string, Page>();
    for (const [size, options, language] of [
      ['phone', phone, 'sv'],
      ['desktop', desktop, 'en'],
    ] as const) {
      for (const [username, path] of SCREENS) {
        const key = `${username} ${size}`;
        if (!pages.has(key)) {
          const page = await freshPage(browser, options, language);
          await login(page, username);
          pages.set(key, page);
        }
        const page = pages.get(key)!;
        const where = `${path} as ${username} on a ${size} in ${language}`;
        await page.goto(`${inject('baseUrl')}${path}`);
        await ready(page);
        await expectAccessible(page, where);
        await expectReadableCharts(page, where);
        if (size === 'phone') await expectNoSidewaysScroll(page, where);
      }
    }
    // More units than a chart holds: the figures are in the table, and the page says so.
    const all = pages.get('careviewer desktop')!;
    await all.goto(`${inject('baseUrl')}/reports/care?groupBy=unit`);
    await ready(all);
    await all.getByText(/^The chart has room for at most 30 groups/).waitFor();
    await Promise.all([...pages.values()].map((p) => p.context().close()));
  }, 600_000);

  it('a vacancy reported elsewhere appears on an open board without reloading', async () => {
    const coordinator = await freshPage(browser, desktop, 'en');
    const streams: string[] = [];
    coordinator.on('request', (r) => r.url().includes('/api/v1/events') && streams.push(r.url()));
    await login(coordinator, 'carecoord');
    // Purchased places in Kallio: a short board, where Kotikallio Kallio's new place will be.
    await coordinator.goto(`${inject('baseUrl')}/care?providerKind=purchased&district=Kallio`);
    await coordinator.getByRole('heading', { name: 'Vacancy board', level: 1 }).waitFor();
    await waitForQuiet(coordinator);
    // The board's event stream is open before anything happens.
    await expect.poll(() => streams.length).toBeGreaterThan(0);
    let reloaded = false;
    coordinator.on('framenavigated', () => (reloaded = true));

    const provider = await apiAs('provideruser');
    const dashboard = await provider<{
      units: {
        id: string;
        name: string;
        capacity: { serviceType: { id: string }; outOfUse: number; occupied: number }[];
      }[];
    }>('/portal/dashboard');
    const unit = dashboard.units.find((u) => u.name === 'Kotikallio Kallio')!;
    // Other files' journeys report vacancies here too, in any order: a place not in use if one is
    // left, otherwise one a resident moved out of, as a provider would.
    const capacity = unit.capacity[0]!;
    const note = `Live ${Date.now().toString(36)}`;
    const started = Date.now();
    await provider('/portal/units/' + unit.id + '/vacancies', {
      method: 'POST',
      body: JSON.stringify({
        serviceTypeId: capacity.serviceType.id,
        availableFrom: new Date().toISOString().slice(0, 10),
        notes: note,
        placeFrom: capacity.outOfUse > 0 ? 'out_of_use' : 'occupied',
      }),
    });
    const reported = Date.now();
    await coordinator.getByText(note).waitFor({ timeout: 5_000 });
    const latency = Date.now() - reported;
    console.log(
      `live update: vacancy reported → on the open board in ${latency} ms (${Date.now() - started} ms from the request)`,
    );
    // The latency is printed, not asserted: on a busy machine a timed test fails at random, and the
    // 1 s target is measured by bench:live with 200 open streams. The wait above bounds it at 5 s.
    expect(reloaded).toBe(false);
  });
});
