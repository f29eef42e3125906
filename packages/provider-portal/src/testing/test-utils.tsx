import { renderRoutes } from '@civic/shared/web/testing';
import { routes } from '../app/router.tsx';
import i18n from '../lib/i18n.ts';
import { env } from '../config/env.ts';

/** Renders this app's real routes at `path` (under /portal, as served) with every provider, against MSW handlers. */
export const renderApp = (path: string, opts: { live?: boolean } = {}) =>
  renderRoutes(routes, path, i18n, env.basename, opts);
