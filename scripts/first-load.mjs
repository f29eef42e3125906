#!/usr/bin/env node
// First-load times of the web apps in Chromium on a slow mobile connection, against a running
// product (started with the demo data):
//
//   node scripts/first-load.mjs [base URL, default http://localhost:3000] [runs, default 3]
//
// Each run is a fresh browser context (empty cache), throttled through the DevTools protocol to
// 1.6 Mbps down, 750 kbps up and 300 ms round trip (Network.emulateNetworkConditions). Printed per
// page: the median time to first contentful paint, to the page's content being there (its form or
// heading visible), and the compressed JavaScript it downloaded.
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const runs = Number(process.argv[3] ?? 3);
const PASSWORD = 'Demo-salasana-2026';
const SLOW = {
  offline: false,
  latency: 300,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

async function apiLogin(username) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

/** A renter's signing link from the demo outbox (the demo holds its e-mails when there is no SMTP). */
async function signingPath() {
  const token = await apiLogin('admin');
  const res = await fetch(`${base}/api/v1/admin/outbox?pageSize=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  const match = /\/sign\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (!match) throw new Error('no signing link in the outbox: start the product with the demo data');
  return `/sign/${match[1]}`;
}

const PAGES = [
  { name: 'staff app, login page', path: '/login', ready: '#username' },
  { name: 'renter signing page', path: null, ready: 'main h1' },
  { name: 'provider portal, login page', path: '/portal/login', ready: '#username' },
  { name: 'staff app, signed in: front page', path: '/', ready: 'main h1', user: 'carecoord' },
  {
    name: 'provider portal, signed in: dashboard',
    path: '/portal/',
    ready: 'main table',
    user: 'provideruser',
  },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const signPath = await signingPath();
const rows = [];
try {
  for (const p of PAGES) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
      if (p.user) {
        // Signed in as a returning user is: the refresh cookie is there, nothing is cached.
        const res = await context.request.post(`${base}/api/v1/auth/login`, {
          data: { username: p.user, password: PASSWORD },
        });
        if (!res.ok()) throw new Error(`login as ${p.user}: ${res.status()}`);
      }
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW);
      const started = Date.now();
      await page.goto(`${base}${p.path ?? signPath}`, { waitUntil: 'commit' });
      await page.locator(p.ready).first().waitFor({ timeout: 120_000 });
      const ready = Date.now() - started;
      // Not networkidle: a live view's event stream stays open. Wait for the rest to finish.
      await page.waitForFunction(() =>
        performance
          .getEntriesByType('resource')
          .every((r) => r.responseEnd > 0 || r.name.includes('/api/v1/events')),
      );
      await page.waitForTimeout(500);
      const m = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        js: performance
          .getEntriesByType('resource')
          .filter((r) => r.name.split('?')[0].endsWith('.js'))
          .reduce((sum, r) => sum + r.encodedBodySize, 0),
      }));
      samples.push({ ready, fcp: m.fcp, js: m.js });
      await context.close();
    }
    rows.push({
      page: p.name,
      fcp: median(samples.map((s) => s.fcp ?? NaN)),
      ready: median(samples.map((s) => s.ready)),
      js: median(samples.map((s) => s.js)),
    });
  }
} finally {
  await browser.close();
}

console.log(`First load in Chromium, 1.6 Mbps / 300 ms RTT, empty cache, median of ${runs} (${base}):`);
console.log(
  `  ${'page'.padEnd(40)} ${'first paint'.padStart(12)} ${'content'.padStart(9)} ${'JS (compressed)'.padStart(16)}`,
);
for (const r of rows) {
  console.log(
    `  ${r.page.padEnd(40)} ${`${(r.fcp / 1000).toFixed(1)} s`.padStart(12)} ${`${(r.ready / 1000).toFixed(1)} s`.padStart(9)} ${`${(r.js / 1000).toFixed(0)} KB`.padStart(16)}`,
  );
}
