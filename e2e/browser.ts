import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI must run these; elsewhere a machine without Chromium skips them loudly instead of failing. */
export const chromiumMissing = !existsSync(executablePath);
if (chromiumMissing) {
  const msg = `Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI || process.env.E2E_REQUIRED) throw new Error(msg);
  console.warn(`\n*** SKIPPING end-to-end tests. ${msg}\n`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it stands. */
export async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(summary, `axe on ${where}`).toEqual([]);
}

/**
 * Like Playwright's `networkidle`, which never comes while a live view holds its event stream
 * open: no request (other than `/api/v1/events`) started or finished for `quietMs`.
 */
export async function waitForQuiet(page: Page, quietMs = 500, timeoutMs = 30_000) {
  const counts = (url: string) => !url.includes('/api/v1/events');
  let last = Date.now();
  let inFlight = 0;
  const started = (r: { url(): string }) => {
    if (!counts(r.url())) return;
    inFlight++;
    last = Date.now();
  };
  const ended = (r: { url(): string }) => {
    if (!counts(r.url())) return;
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.waitForLoadState('load');
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 || Date.now() - last < quietMs) {
      if (Date.now() > deadline) throw new Error(`page never went quiet (${inFlight} requests in flight)`);
      await page.waitForTimeout(50);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/** A page in a fresh browser context (no cookies or storage carried over), optionally with a saved language. */
export async function freshPage(
  browser: Browser,
  options: BrowserContextOptions,
  language?: string,
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (language) await page.addInitScript((l) => localStorage.setItem('civic.language', l), language);
  return page;
}

/**
 * No word of a button or button-like link is split over two lines (HDS lets labels break anywhere,
 * which turned "Ei muutoksia" into "Ei / muutoks / ia" in a narrow table column).
 */
export async function expectNoBrokenWords(page: Page, where: string) {
  const broken = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('button, a.button-link'))) {
      if (!el.getClientRects().length) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        for (const m of n.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (lines.size > 1) out.push(`"${m[0]}" in "${el.textContent?.trim()}"`);
        }
      }
    }
    return out;
  });
  expect(broken, `words broken in buttons on ${where}`).toEqual([]);
}

/** The page's informational notes are not dressed as errors: no red or pink background. */
export async function expectInfoNotStyledAsError(page: Page, selector: string) {
  const bg = await page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number) as [number, number, number];
  // Error tones (HDS error-light #ffe1e1, suomenlinna-light #fff0f0) are red-dominant.
  expect(r > b + 10 && r > g + 5, `${selector} background ${bg} reads as an error`).toBe(false);
}

/**
 * The page does not scroll sideways: nothing reaches past the viewport's right edge (a long word in a
 * heading widened the portal's login page on a 390 px phone). Content in a scroll container of its
 * own (a wide table in `.table-scroll`) scrolls there and does not count. The message names the
 * outermost elements that stick out.
 */
export async function expectNoSidewaysScroll(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const clipped = (from: Element | null) => {
      for (let p = from; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o !== 'visible') return true;
      }
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : ''
      } "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const out: string[] = [];
    const past = (el: Element, right: number, clip: Element | null) => {
      if (right <= width + 1 || clipped(clip) || out.length >= 5) return;
      out.push(`${name(el)} reaches ${Math.round(right)} px`);
    };
    // Boxes that stick out, outermost only (their parent is inside the viewport)…
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const parent = el.parentElement!;
      if (parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
      past(el, el.getBoundingClientRect().right, el.parentElement);
    }
    // …and text that runs out of its box (a word too long for its line).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      const el = n.parentElement!;
      if (el.getBoundingClientRect().right > width + 1) continue; // already named as a box
      past(el, range.getBoundingClientRect().right, el);
    }
    return { scrollWidth, width, out };
  });
  // The page's width decides; the list of what sticks out is there to find the cause.
  expect(
    found && `${found.scrollWidth} px wide in ${found.width} px: ${found.out.join('; ')}`,
    `${where} scrolls sideways`,
  ).toBeNull();
}

/**
 * The reports' charts can be read: on each axis no two tick labels overlap and none is cut off at
 * the chart's edge, and a chart of groups (`data-groups`, horizontal bars) names every group on its y axis, beside
 * its bar rather than dropping the names that did not fit.
 */
export async function expectReadableCharts(page: Page, where: string) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const [n, chart] of Array.from(document.querySelectorAll('.report-chart')).entries()) {
      const svg = chart.querySelector('.recharts-wrapper > svg'); // not a legend's icon
      if (!svg) continue;
      const frame = svg.getBoundingClientRect();
      const name = `chart ${n + 1} "${chart.getAttribute('aria-label')?.slice(0, 50)}"`;
      // Recharts draws each axis's tick labels in a layer of their own.
      for (const axis of Array.from(chart.querySelectorAll('.recharts-cartesian-axis-tick-labels'))) {
        const labels = Array.from(axis.querySelectorAll('text.recharts-cartesian-axis-tick-value'), (t) => ({
          text: t.textContent ?? '',
          box: t.getBoundingClientRect(),
        }));
        for (const [i, a] of labels.entries()) {
          if (a.box.left < frame.left - 1 || a.box.right > frame.right + 1)
            out.push(`${name}: "${a.text}" cut off at the edge`);
          for (const b of labels.slice(i + 1))
            if (overlap(a.box, b.box)) out.push(`${name}: "${a.text}" overlaps "${b.text}"`);
        }
      }
      const groups = chart.getAttribute('data-groups');
      if (groups !== null) {
        const named = chart.querySelectorAll(
          '.recharts-yAxis-tick-labels text.recharts-cartesian-axis-tick-value',
        ).length;
        if (named !== Number(groups)) out.push(`${name}: ${named} of ${groups} groups named`);
      }
    }
    return out;
  });
  expect(problems.join('; '), `charts on ${where}`).toBe('');
}
