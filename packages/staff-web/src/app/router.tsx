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
import { UsersPage } from './routes/users.tsx';
import { OutboxPage } from './routes/outbox.tsx';
import { SignByLinkPage } from './routes/sign-by-link.tsx';
import { InvitationPage } from '@civic/shared/web/invitation-page';
import { api } from '../lib/api-client.ts';
import { KeysHome } from './routes/keys/keys-home.tsx';
import { LendPage } from './routes/keys/lend.tsx';
import { ReturnPage } from './routes/keys/return.tsx';
import { AgreementSignPage } from './routes/keys/agreement-sign.tsx';
import { AgreementDetailPage } from './routes/keys/agreement-detail.tsx';
import { ReportPage } from './routes/keys/report.tsx';
import { DuePage } from './routes/keys/due.tsx';
import { LostKeysPage } from './routes/keys/lost-keys.tsx';
import { SitesAdminPage } from './routes/keys/sites-admin.tsx';
import { SiteInventoryPage } from './routes/keys/site-inventory.tsx';
import { KeyDetailPage } from './routes/keys/key-detail.tsx';
import { TemplatesPage } from './routes/keys/templates.tsx';
import { VacancyBoardPage } from './routes/care/board.tsx';
import { CareUnitsPage } from './routes/care/units.tsx';
import { CareUnitPage } from './routes/care/unit.tsx';
import { ProvidersPage } from './routes/care/providers.tsx';
import { CareListsPage } from './routes/care/lists.tsx';
import { NewUnitPage } from './routes/care/new-unit.tsx';

const KEY_HANDLERS = ['admin', 'key_coordinator', 'site_manager'] as const;
const KEY_STAFF = ['admin', 'key_coordinator'] as const;

export const routes: RouteObject[] = [
  {
    path: '/login',
    // Provider staff work in the provider portal; this app holds city-side data.
    element: (
      <LoginPage accepts={(me) => !hasAnyRole(me.roles, PROVIDER_ROLES)} otherAppHref={env.portalUrl} />
    ),
    errorElement: <RouteError />,
  },
  // The renter's signing page: public, reached by the one-time link in their e-mail.
  { path: '/sign/:token', element: <SignByLinkPage />, errorElement: <RouteError /> },
  // An invited user's one-time page to set a password (no login yet).
  { path: '/invitation/:token', element: <InvitationPage api={api} />, errorElement: <RouteError /> },
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
            element: <RequireAuth roles={KEY_HANDLERS} />,
            children: [
              { path: 'keys', element: <KeysHome /> },
              { path: 'keys/sites/:siteId/lend', element: <LendPage /> },
              { path: 'keys/sites/:siteId/return', element: <ReturnPage /> },
              { path: 'keys/agreements/:id', element: <AgreementDetailPage /> },
              { path: 'keys/agreements/:id/sign', element: <AgreementSignPage /> },
            ],
          },
          {
            element: <RequireAuth roles={KEY_STAFF} />,
            children: [
              { path: 'keys/report', element: <ReportPage /> },
              { path: 'keys/due', element: <DuePage /> },
              { path: 'keys/lost', element: <LostKeysPage /> },
              { path: 'keys/sites', element: <SitesAdminPage /> },
              { path: 'keys/sites/:siteId', element: <SiteInventoryPage /> },
              { path: 'keys/items/:id', element: <KeyDetailPage /> },
              { path: 'keys/templates', element: <TemplatesPage /> },
            ],
          },
          {
            element: <RequireAuth roles={['admin', 'care_coordinator', 'care_viewer']} />,
            children: [
              { path: 'care', element: <VacancyBoardPage /> },
              { path: 'care/units', element: <CareUnitsPage /> },
              { path: 'care/units/:id', element: <CareUnitPage /> },
            ],
          },
          {
            element: <RequireAuth roles={['admin', 'care_coordinator']} />,
            children: [
              { path: 'care/units/new', element: <NewUnitPage /> },
              { path: 'care/providers', element: <ProvidersPage /> },
              { path: 'care/lists', element: <CareListsPage /> },
            ],
          },
          {
            element: <RequireAuth roles={['admin']} />,
            children: [
              { path: 'admin/users', element: <UsersPage /> },
              { path: 'admin/outbox', element: <OutboxPage /> },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
