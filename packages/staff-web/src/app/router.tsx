import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from '@civic/shared/web/app-shell';
import { LoginPage } from '@civic/shared/web/login-page';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import { env } from '../config/env.ts';
import { NAV_ITEMS } from './nav.ts';
import { RequireAuth } from '@civic/shared/web/require-auth';
import { RouteError } from '@civic/shared/web/route-error';
import { NotFound } from '@civic/shared/web/not-found';
import { HomePage } from './routes/home.tsx';
import { AreaPlaceholder } from '@civic/shared/web/area-placeholder';
import { UsersPage } from './routes/users.tsx';

export const routes: RouteObject[] = [
  {
    path: '/login',
    // Provider staff work in the provider portal; this app holds city-side data.
    element: (
      <LoginPage accepts={(me) => !hasAnyRole(me.roles, PROVIDER_ROLES)} otherAppHref={env.portalUrl} />
    ),
    errorElement: <RouteError />,
  },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell navItems={NAV_ITEMS} />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          {
            element: <RequireAuth roles={['admin', 'key_coordinator', 'site_manager']} />,
            children: [{ path: 'keys/*', element: <AreaPlaceholder labelKey="nav.keys" /> }],
          },
          {
            element: <RequireAuth roles={['admin', 'care_coordinator', 'care_viewer']} />,
            children: [{ path: 'care/*', element: <AreaPlaceholder labelKey="nav.care" /> }],
          },
          {
            element: <RequireAuth roles={['admin']} />,
            children: [{ path: 'admin/users', element: <UsersPage /> }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
