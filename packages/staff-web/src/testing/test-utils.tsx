import { renderRoutes } from '@civic/shared/web/testing';
import { routes } from '../app/router.tsx';
import i18n from '../lib/i18n.ts';

/** Renders this app's real routes at `path` with every provider, against MSW handlers. */
export const renderApp = (path: string, opts: { live?: boolean } = {}) =>
  renderRoutes(routes, path, i18n, '/', opts);
