import type { ComponentType } from 'react';

/**
 * A route whose page is its own chunk, loaded when the route is first visited:
 *
 *   { path: 'care/units/:id', lazy: lazyPage(() => import('./routes/care/unit.tsx'), 'CareUnitPage') }
 *
 * The page module keeps its named export (tests and other code import it as before); the name is
 * checked against the module's exports. A page of a feature with its own strings names them:
 *
 *   lazy: lazyPage(() => import('./routes/queue/queue.tsx'), 'QueuePage', () => i18n.loadNamespaces('queue'))
 *
 * Everything only that page imports (charts, the signature
 * pad, spreadsheets) moves into its chunk with it, so the first page of the app stays small.
 */
export function lazyPage<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
  /** Loaded alongside the page, before it renders: its feature's strings (`i18n.loadNamespaces`). */
  prepare?: () => Promise<unknown>,
) {
  return async (): Promise<{ Component: ComponentType }> => {
    const [module] = await Promise.all([load(), prepare?.()]);
    return { Component: module[name] as ComponentType };
  };
}

const RELOADED_AT = 'civic.chunk-reload';

/**
 * After a new version is deployed, an open tab still asks for the old chunks, which are gone.
 * Vite reports that as `vite:preloadError`; one reload fetches the new index.html and its chunks.
 * A second failure within a minute is shown by the route's error page instead of reloading in a loop.
 */
export function reloadOnStaleChunks() {
  if (typeof window === 'undefined') return;
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return;
    event.preventDefault();
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    window.location.reload();
  });
}
