import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '@civic/shared/web/login-page';
import { RequireAuth, withLoadingFallback } from '@civic/shared/web/require-auth';
import { RouteError } from '@civic/shared/web/route-error';
import { lazyPage } from '@civic/shared/web/lazy-page';
import { NotFound } from '@civic/shared/web/not-found';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import { env } from '../config/env.ts';
import { PortalShell } from './portal-shell.tsx';
import { api } from '../lib/api-client.ts';
import i18n from '../lib/i18n.ts';

/** The offers feature's strings, for its pages and the dashboard's offers section. */
const offerStrings = () => i18n.loadNamespaces('offers');

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
  {
    path: '/invitation/:token',
    lazy: async () => {
      const { InvitationPage } = await import('@civic/shared/web/invitation-page');
      return { Component: () => <InvitationPage api={api} /> };
    },
    errorElement: <RouteError />,
  },
  {
    element: <RequireAuth roles={PROVIDER_ROLES} />,
    errorElement: <RouteError />,
    children: [
      {
        element: <PortalShell />,
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: lazyPage(() => import('./routes/dashboard.tsx'), 'DashboardPage', offerStrings),
          },
          { path: 'units', lazy: lazyPage(() => import('./routes/units.tsx'), 'UnitsPage') },
          { path: 'units/:id', lazy: lazyPage(() => import('./routes/unit.tsx'), 'UnitPage') },
          { path: 'bulk', lazy: lazyPage(() => import('./routes/bulk.tsx'), 'BulkPage') },
          { path: 'history', lazy: lazyPage(() => import('./routes/history.tsx'), 'HistoryPage') },
          {
            path: 'offers',
            lazy: lazyPage(() => import('./routes/offers/inbox.tsx'), 'OffersInboxPage', offerStrings),
          },
          {
            path: 'offers/:id',
            lazy: lazyPage(() => import('./routes/offers/offer.tsx'), 'OfferPage', offerStrings),
          },
          {
            element: <RequireAuth roles={['provider_admin']} />,
            children: [{ path: 'users', lazy: lazyPage(() => import('./routes/users.tsx'), 'UsersPage') }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () =>
  createBrowserRouter(withLoadingFallback(routes), { basename: env.basename });
