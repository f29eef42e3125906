import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@civic/shared/web/app-provider';
import { createBrowserSession } from '@civic/shared/browser-session';
import { routes } from '../app/router.tsx';
import i18n from '../lib/i18n.ts';
import { API } from './msw-server.ts';

/** Renders the app's real routes at `path` with every provider, against MSW handlers. */
export function renderApp(path: string) {
  const session = createBrowserSession(API);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  void i18n.changeLanguage('fi');
  return {
    router,
    ...render(
      <AppProvider session={session} i18n={i18n}>
        <RouterProvider router={router} />
      </AppProvider>,
    ),
  };
}
