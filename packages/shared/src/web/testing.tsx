// Test helpers for the SPAs' component tests (jsdom + MSW). Not part of any production bundle.
// First: HDS injects its CSS when imported, and the imports below load HDS.
import './testing-styles.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import '@testing-library/jest-dom/vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cleanup, configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { i18n as I18n } from 'i18next';
import type { LoginResponse, UserMe } from '../auth.ts';
import type { ErrorCode } from '../problem.ts';
import type { LiveChange, LiveTopic } from '../live.ts';
import { createBrowserSession } from '../browser-session.ts';
import { AppProvider } from './app-provider.tsx';
import { withLoadingFallback } from './require-auth.tsx';

export const API = 'http://localhost/api/v1';

export const server = setupServer(
  // By default nobody is signed in: the refresh cookie is missing.
  http.post(`${API}/auth/refresh`, () => problem(401, 'token_invalid')),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
  // By default no single sign-on is configured: the login pages show the password form only.
  http.get(`${API}/auth/options`, () => HttpResponse.json({ sso: false })),
);

/**
 * React Router's warnings point at real defects (a page rendered blank while its code loads), so
 * a test that causes one fails instead of printing it among the output.
 */
function failOnRouterWarnings(): string[] {
  const seen: string[] = [];
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (/HydrateFallback|React Router/.test(String(args[0]))) seen.push(String(args[0]));
    warn(...args);
  };
  return seen;
}

/** Call once from a setup file: any request a test did not plan for fails it. */
export function installMswServer() {
  // Pages load lazily, as in the browser; on a busy machine the first one can take over a second.
  configure({ asyncUtilTimeout: 15_000 });
  const routerWarnings = failOnRouterWarnings();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    const warnings = routerWarnings.splice(0);
    if (warnings.length) throw new Error(`React Router warned: ${warnings.join('; ')}`);
    server.resetHandlers();
    cleanup();
    localStorage.clear();
  });
  afterAll(() => server.close());
}

export function problem(status: number, code: ErrorCode) {
  return HttpResponse.json(
    { type: `urn:civic:problem:${code}`, title: code, status, code },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

export function me(over: Partial<UserMe> = {}): UserMe {
  return {
    kind: 'user',
    id: '00000000-0000-4000-8000-000000000001',
    username: 'tester',
    displayName: 'Testi Testinen',
    email: 'tester@example.test',
    language: 'fi',
    roles: ['admin'],
    provider: null,
    sites: [],
    ...over,
  };
}

export const loginResponse = (user: UserMe): LoginResponse => ({
  accessToken: 'token',
  tokenType: 'Bearer',
  expiresIn: 900,
  me: user,
});

/**
 * Renders an app's real routes at `path` (within the app, without its base path) with every
 * provider, against the MSW handlers; with the app's `basename` as in the browser, so links show
 * the addresses people see. `live` opens the event stream too (a handler for `/events` needed).
 */
export function renderRoutes(
  routes: RouteObject[],
  path: string,
  i18n: I18n,
  basename = '/',
  opts: { live?: boolean } = {},
) {
  const session = createBrowserSession(API);
  const base = basename.replace(/\/$/, '');
  const router = createMemoryRouter(withLoadingFallback(routes), {
    initialEntries: [`${base}${path}`],
    basename: basename,
  });
  void i18n.changeLanguage('fi');
  return {
    router,
    ...render(
      <AppProvider session={session} i18n={i18n} live={opts.live}>
        <RouterProvider router={router} />
      </AppProvider>,
    ),
  };
}

/**
 * A stand-in for `GET /events` (render with `live: true`): `handler` for `server.use`, the topics
 * each stream asked for, and `change()` to send a change down the open stream as the API would.
 */
export function liveStream() {
  const asked: LiveTopic[][] = [];
  let push: (text: string) => void = () => {};
  let id = 1;
  const handler = http.get(`${API}/events`, ({ request }) => {
    asked.push(new URL(request.url).searchParams.getAll('topic') as LiveTopic[]);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
        push(`id: ${id}\nevent: ready\ndata: {}\n\n`);
      },
    });
    return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  const change = (c: LiveChange) => push(`id: ${++id}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
  return { handler, asked, change };
}

/** Every key path of a translation file, sorted, to compare languages. */
export const translationKeys = (o: object, prefix = ''): string[] =>
  Object.entries(o)
    .flatMap(([k, v]) =>
      typeof v === 'object' && v ? translationKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
    )
    .sort();

/**
 * Every translation key the code under `dirs` names literally (`t('care.board.title')`), with the
 * file it is in. Keys built at run time (`t(\`care.kind.${kind}\`)`) are checked by their own tests.
 */
export function literalTranslationKeys(dirs: string[]): { key: string; file: string }[] {
  const out: { key: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !full.includes('testing')) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) out.push({ key: m[1]!, file: full });
      }
    }
  };
  dirs.forEach(walk);
  return out;
}

/** Whether `key` has a text in one of the dictionaries (a plural key counts by its `_one`/`_other`). */
export function hasTranslation(key: string, dictionaries: object[]): boolean {
  const get = (o: unknown, k: string) =>
    k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], o);
  return dictionaries.some(
    (d) => typeof get(d, key) === 'string' || typeof get(d, `${key}_other`) === 'string',
  );
}

/** Fills and submits the Finnish login form, as a person would. */
export async function submitLogin(username = 'tester', password = 'secret-password') {
  await userEvent.type(await screen.findByLabelText(/Käyttäjätunnus/), username);
  if (password) await userEvent.type(document.querySelector<HTMLInputElement>('#password')!, password);
  await userEvent.click(screen.getByRole('button', { name: 'Kirjaudu' }));
}

/**
 * Every feature's own strings (`src/features/<name>/locales/{fi,sv,en}.json`) under an app's `src`,
 * checked to nest under one top-level key, the feature's name (see `featureStringsFrom`).
 */
export function featureLocales(srcDir: string): { name: string; fi: object; sv: object; en: object }[] {
  const featuresDir = path.join(srcDir, 'features');
  return readdirSync(featuresDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(featuresDir, d.name, 'locales', 'fi.json')))
    .map(({ name }) => {
      const read = (lang: string) => {
        const file = path.join(featuresDir, name, 'locales', `${lang}.json`);
        const dict = JSON.parse(readFileSync(file, 'utf8')) as object;
        if (Object.keys(dict).join() !== name)
          throw new Error(`${file}: its one top-level key must be "${name}", the feature's name`);
        return dict;
      };
      return { name, fi: read('fi'), sv: read('sv'), en: read('en') };
    });
}
