import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from '@civic/shared/web/app-shell';
import { LoginPage } from '@civic/shared/web/login-page';
import { RequireAuth } from '@civic/shared/web/require-auth';
import { RouteError } from '@civic/shared/web/route-error';
import { NotFound } from '@civic/shared/web/not-found';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import { env } from '../config/env.ts';
import { NAV_ITEMS } from './nav.ts';
import { DashboardPage } from './routes/dashboard.tsx';
import { UnitsPage } from './routes/units.tsx';
import { UnitPage } from './routes/unit.tsx';
import { BulkPage } from './routes/bulk.tsx';
import { HistoryPage } from './routes/history.tsx';
import { UsersPage } from './routes/users.tsx';
import { InvitationPage } from '@civic/shared/web/invitation-page';
import { api } from '../lib/api-client.ts';

export const routes: RouteObject[] = [
  {
    path: '/login',
    // The portal is for provider staff only; city staff use the staff app.
    element: (
      <LoginPage accepts={(me) => hasAnyRole(me.roles, PROVIDER_ROLES)} otherAppHref={env.staffAppUrl} />
    ),
    errorElement: <RouteError />,
  },
  // An invited user's one-time page to set a password (no login yet).
  { path: '/invitation/:token', element: <InvitationPage api={api} />, errorElement: <RouteError /> },
  {
    element: <RequireAuth roles={PROVIDER_ROLES} />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell navItems={NAV_ITEMS} theme="dark" />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'units', element: <UnitsPage /> },
          { path: 'units/:id', element: <UnitPage /> },
          { path: 'bulk', element: <BulkPage /> },
          { path: 'history', element: <HistoryPage /> },
          {
            element: <RequireAuth roles={['provider_admin']} />,
            children: [{ path: 'users', element: <UsersPage /> }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes, { basename: env.basename });
