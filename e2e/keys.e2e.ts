import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, expectAccessible, freshPage, launch } from './browser.ts';
import { waitForMail } from './mail-capture.ts';

const PASSWORD = 'Demo-salasana-2026';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1366, height: 900 }, acceptDownloads: true };

async function login(page: Page, username: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByLabel('Username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('heading', { name: /Hello/ }).waitFor();
}

/** Draws a signature-like zigzag on the pad with the mouse (touch and pen reach the same code path). */
async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(box.x + box.width * (0.1 + i * 0.09), box.y + box.height * (i % 2 ? 0.25 : 0.75), {
      steps: 4,
    });
  }
  await page.mouse.up();
}

/** Lends the first available keys matching `codePrefix` at the site to a new association and renter. */
async function fillLend(
  page: Page,
  renter: { name: string; email: string },
  association: string,
  keyCount: number,
) {
  await page.getByRole('button', { name: 'New association' }).click();
  await page.locator('#new-association-name').fill(association);
  await page.getByRole('button', { name: 'New renter' }).click();
  await page.locator('#renter-name').fill(renter.name);
  await page.locator('#renter-email').fill(renter.email);
  await page.locator('#renter-phone').fill('040 555 1234');
  const codes: string[] = [];
  for (let i = 0; i < keyCount; i++) {
    await page.locator('#key-search').fill('K57');
    const first = page.getByRole('list', { name: 'Keys found' }).locator('button:not([disabled])').first();
    await first.waitFor();
    codes.push((await first.locator('strong').textContent())!);
    await first.click();
  }
  return codes;
}

describe.skipIf(chromiumMissing)('keys: lend, sign, report, return in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a site manager lends keys signed on the device, by e-mailed link and through Visma Sign (its PDF seal checked with pdfsig); the coordinator reports and exports them; a return frees the keys', async () => {
    const base = inject('baseUrl');
    const inbox = inject('inboxUrl');
    const stamp = Date.now().toString(36);

    // --- Site manager on a phone: lend two keys, the renter signs on the device.
    const manager = await freshPage(browser, phone, 'en');
    await login(manager, 'sitemanager');
    await manager.goto(`${base}/keys`);
    await manager.getByRole('heading', { name: 'My sites' }).waitFor();
    await expectAccessible(manager, 'keys start (site manager)');
    await manager.getByRole('link', { name: 'Lend: Kallion ala-aste' }).click();
    await manager.getByRole('heading', { name: 'Lend keys: Kallion ala-aste' }).waitFor();
    const onDevice = { name: `Eero Testaaja ${stamp}`, email: `eero.${stamp}@example.test` };
    const deviceCodes = await fillLend(manager, onDevice, `E2E Seura ${stamp}`, 2);
    await expectAccessible(manager, 'lend form');
    await manager.getByRole('button', { name: 'Sign on this device' }).click();
    await manager.getByRole('heading', { name: 'Sign the key agreement' }).waitFor();
    await expectAccessible(manager, 'sign on device');
    // An empty pad is refused before anything is sent.
    await manager.locator('#confirmed-name').fill(onDevice.name);
    await manager.getByText('I have read the agreement and accept its terms.').click();
    await manager.getByRole('button', { name: 'Sign the agreement' }).click();
    await manager.getByText('Draw your signature in the box.').waitFor();
    await drawSignature(manager);
    await manager.getByRole('button', { name: 'Sign the agreement' }).click();
    await manager.getByRole('heading', { name: 'Agreement signed', level: 1 }).waitFor();
    await expectAccessible(manager, 'signed');
    await waitForMail(inbox, onDevice.email, /Signed key agreement/);

    // --- A second agreement, signed through the link from the e-mail.
    await manager.goto(`${base}/keys`);
    await manager.getByRole('link', { name: 'Lend: Kallion ala-aste' }).click();
    const byLink = { name: `Linda Linkki ${stamp}`, email: `linda.${stamp}@example.test` };
    const linkCodes = await fillLend(manager, byLink, `E2E Kerho ${stamp}`, 1);
    await manager.getByRole('button', { name: 'Send signing link' }).click();
    await manager.getByRole('heading', { name: 'Signing link sent', level: 1 }).waitFor();
    const mail = await waitForMail(inbox, byLink.email, /waiting for your signature/);
    const link = /https?:\/\/\S+\/sign\/[A-Za-z0-9_-]+/.exec(mail.text)![0];

    const renter = await freshPage(browser, phone);
    await renter.goto(link);
    await renter.getByRole('heading', { name: 'Key agreement', level: 1 }).waitFor();
    await renter.getByText(linkCodes[0]!).first().waitFor();
    await expectAccessible(renter, 'renter signing page');
    await renter.locator('#confirmed-name').fill(byLink.name);
    await renter.getByText('I have read the agreement and accept its terms.').click();
    await drawSignature(renter);
    await renter.getByRole('button', { name: 'Sign the agreement' }).click();
    await renter.getByText('The agreement is signed').waitFor();
    const signedMail = await waitForMail(inbox, byLink.email, /Signed key agreement/);
    expect(signedMail.attachments[0]).toMatch(/^AS-\d{4}-\d{6}\.pdf$/);
    // The link works once.
    await renter.goto(link);
    await renter.getByText('This link has already been used.').waitFor();
    await expectAccessible(renter, 'used link');

    // --- The coordinator finds both in the report and exports CSV.
    const coordinator = await freshPage(browser, desktop, 'en');
    await login(coordinator, 'keycoord');
    await coordinator.goto(`${base}/keys/report`);
    await coordinator.getByRole('heading', { name: 'Key agreement report' }).waitFor();
    // The filters live in the address; the box reflects it once the navigation settles.
    await coordinator.getByLabel('Kallion ala-aste').click();
    await expect.poll(() => coordinator.getByLabel('Kallion ala-aste').isChecked()).toBe(true);
    await coordinator.getByLabel('Search', { exact: true }).fill(stamp);
    await coordinator.getByRole('button', { name: 'Search', exact: true }).click();
    const table = coordinator.getByRole('table');
    await table.getByText(onDevice.name).waitFor();
    await table.getByText(byLink.name).waitFor();
    await coordinator.getByText('2 agreements').first().waitFor();
    await expectAccessible(coordinator, 'report');
    const [download] = await Promise.all([
      coordinator.waitForEvent('download'),
      coordinator.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(csv).toContain(onDevice.name);
    expect(csv).toContain(byLink.name);
    for (const code of [...deviceCodes, ...linkCodes]) expect(csv).toContain(code);

    // --- A third agreement, signed with strong identification through Visma Sign (the local stand-in).
    const vstamp = `v${Math.random().toString(36).slice(2, 8)}`;
    await manager.goto(`${base}/keys`);
    await manager.getByRole('link', { name: 'Lend: Kallion ala-aste' }).click();
    const strong = { name: `Vilma Vahva ${vstamp}`, email: `vilma.${vstamp}@example.test` };
    await fillLend(manager, strong, `E2E Vahva ${vstamp}`, 1);
    await manager.getByRole('button', { name: 'Strong identification (Visma Sign)' }).click();
    await manager.getByRole('heading', { name: 'Signing request sent to Visma Sign', level: 1 }).waitFor();
    await manager.getByText(`Visma Sign sends an invitation to ${strong.email}`).waitFor();
    await expectAccessible(manager, 'visma sign request sent');
    const notice = await waitForMail(inbox, strong.email, /with strong identification/);
    const returnLink = /https?:\/\/\S+\/sign\/[A-Za-z0-9_-]+/.exec(notice.text)![0];
    // The renter signs at the vendor (the stand-in's control API plays the bank ID step).
    const vendorDocs = (await (await fetch(`${inject('vismaUrl')}/__mock/documents`)).json()) as {
      uuid: string;
      invitations: { email: string }[];
    }[];
    const vendorDoc = vendorDocs.find((d) => d.invitations.some((i) => i.email === strong.email))!;
    const strongRenter = await freshPage(browser, phone);
    await strongRenter.goto(returnLink);
    await strongRenter.getByText('Visma Sign sends you an invitation by e-mail').waitFor();
    await expectAccessible(strongRenter, 'renter page, waiting for Visma Sign');
    await fetch(`${inject('vismaUrl')}/__mock/documents/${vendorDoc.uuid}/sign`, { method: 'POST' });
    // Coming back through the link makes the product check with Visma Sign at once.
    await strongRenter.reload();
    await strongRenter.getByText('the agreement is signed with strong identification').waitFor();
    await expectAccessible(strongRenter, 'renter page, signed at Visma Sign');
    const strongMail = await waitForMail(inbox, strong.email, /Signed key agreement/);
    expect(strongMail.attachments[0]).toMatch(/^AS-\d{4}-\d{6}\.pdf$/);
    // The coordinator sees the evidence and downloads the PDF: the vendor's signature and the city's seal verify.
    await coordinator.goto(`${base}/keys/report?q=${vstamp}`);
    await coordinator.getByRole('table').getByText(strong.name).waitFor();
    await coordinator.getByRole('table').getByRole('link').first().click();
    await coordinator
      .getByText(`Signed by ${strong.name} – strong electronic identification (Visma Sign)`)
      .waitFor();
    await expectAccessible(coordinator, 'agreement signed at Visma Sign');
    const [pdfDownload] = await Promise.all([
      coordinator.waitForEvent('download'),
      coordinator.getByRole('button', { name: /Signed agreement/ }).click(),
    ]);
    const sig = execFileSync('pdfsig', ['-nocert', (await pdfDownload.path())!], { encoding: 'utf8' });
    expect(sig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached');

    // Agreement detail with its timeline.
    await coordinator.goto(`${base}/keys/report`);
    await coordinator.getByLabel('Search', { exact: true }).fill(stamp);
    await coordinator.getByRole('button', { name: 'Search', exact: true }).click();
    await table.getByText(onDevice.name).waitFor();
    await table.getByRole('link').first().click();
    await coordinator.getByRole('heading', { name: /Key agreement AS-/ }).waitFor();
    await coordinator.getByRole('heading', { name: 'Timeline' }).waitFor();
    await expectAccessible(coordinator, 'agreement detail');

    // --- The site manager takes the first agreement's keys back; the keys are available again.
    await manager.goto(`${base}/keys`);
    await manager.getByRole('link', { name: 'Return: Kallion ala-aste' }).click();
    await manager.getByLabel('Find by renter, association or key code').fill(onDevice.name);
    await manager.getByRole('button', { name: `Return keys: ${onDevice.name}`, exact: false }).click();
    await expectAccessible(manager, 'return form');
    await manager.getByRole('button', { name: 'Record the return' }).click();
    await manager.getByRole('heading', { name: 'Return recorded', level: 1 }).waitFor();

    await coordinator.goto(`${base}/keys/sites`);
    await coordinator.getByRole('link', { name: 'Kallion ala-aste' }).click();
    for (const code of deviceCodes) {
      const row = coordinator
        .getByRole('row')
        .filter({ has: coordinator.getByRole('link', { name: code, exact: true }) });
      await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('Available');
    }
    await expectAccessible(coordinator, 'site inventory');

    for (const [path, heading] of [
      ['/keys/due', 'Overdue and due soon'],
      ['/keys/lost', 'Lost keys'],
      ['/keys/templates', 'Agreement templates'],
      [
        `/keys/items/${await coordinator
          .getByRole('link', { name: deviceCodes[0]!, exact: true })
          .getAttribute('href')
          .then((h) => h!.split('/').pop())}`,
        `Key ${deviceCodes[0]}`,
      ],
    ] as const) {
      await coordinator.goto(`${base}${path}`);
      await coordinator.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(coordinator, path);
    }
    // The whole journey, three signing methods, on a busy machine: more than the suite's default.
  }, 240_000);
});
