import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from '@civic/shared/web/app-shell';
import { LoginPage } from '@civic/shared/web/login-page';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import { env } from '../config/env.ts';
import { NAV_ITEMS } from './nav.ts';
import { RequireAuth, withLoadingFallback } from '@civic/shared/web/require-auth';
import { RouteError } from '@civic/shared/web/route-error';
import { lazyPage } from '@civic/shared/web/lazy-page';
import { NotFound } from '@civic/shared/web/not-found';
import { HomePage } from './routes/home.tsx';
import { api } from '../lib/api-client.ts';
import i18n from '../lib/i18n.ts';

const KEY_HANDLERS = ['admin', 'key_coordinator', 'site_manager'] as const;
const KEY_STAFF = ['admin', 'key_coordinator'] as const;
const CARE_READERS = ['admin', 'care_coordinator', 'care_viewer'] as const;
const reportStrings = () => i18n.loadNamespaces('reports');
const QUEUE_STAFF = ['admin', 'care_coordinator'] as const;

/** A page of the care queue: its feature's strings load with it, in the chosen language. */
const queuePage = <M, K extends keyof M>(load: () => Promise<M>, name: K) =>
  lazyPage(load, name, () => i18n.loadNamespaces('queue'));
const offerStrings = () => i18n.loadNamespaces('offers');

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
  {
    path: '/sign/:token',
    lazy: lazyPage(() => import('./routes/sign-by-link.tsx'), 'SignByLinkPage'),
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
              { path: 'keys', lazy: lazyPage(() => import('./routes/keys/keys-home.tsx'), 'KeysHome') },
              {
                path: 'keys/sites/:siteId/lend',
                lazy: lazyPage(() => import('./routes/keys/lend.tsx'), 'LendPage'),
              },
              {
                path: 'keys/sites/:siteId/return',
                lazy: lazyPage(() => import('./routes/keys/return.tsx'), 'ReturnPage'),
              },
              {
                path: 'keys/agreements/:id',
                lazy: lazyPage(() => import('./routes/keys/agreement-detail.tsx'), 'AgreementDetailPage'),
              },
              {
                path: 'keys/agreements/:id/sign',
                lazy: lazyPage(() => import('./routes/keys/agreement-sign.tsx'), 'AgreementSignPage'),
              },
            ],
          },
          {
            element: <RequireAuth roles={KEY_STAFF} />,
            children: [
              { path: 'keys/report', lazy: lazyPage(() => import('./routes/keys/report.tsx'), 'ReportPage') },
              { path: 'keys/due', lazy: lazyPage(() => import('./routes/keys/due.tsx'), 'DuePage') },
              {
                path: 'keys/lost',
                lazy: lazyPage(() => import('./routes/keys/lost-keys.tsx'), 'LostKeysPage'),
              },
              {
                path: 'keys/sites',
                lazy: lazyPage(() => import('./routes/keys/sites-admin.tsx'), 'SitesAdminPage'),
              },
              {
                path: 'keys/sites/:siteId',
                lazy: lazyPage(() => import('./routes/keys/site-inventory.tsx'), 'SiteInventoryPage'),
              },
              {
                path: 'keys/items/:id',
                lazy: lazyPage(() => import('./routes/keys/key-detail.tsx'), 'KeyDetailPage'),
              },
              {
                path: 'keys/templates',
                lazy: lazyPage(() => import('./routes/keys/templates.tsx'), 'TemplatesPage'),
              },
            ],
          },
          {
            element: <RequireAuth roles={['admin', 'care_coordinator', 'care_viewer']} />,
            children: [
              {
                path: 'care',
                lazy: lazyPage(() => import('./routes/care/board.tsx'), 'VacancyBoardPage', offerStrings),
              },
              {
                path: 'care/vacancies/:id',
                lazy: lazyPage(() => import('./routes/offers/vacancy.tsx'), 'VacancyPage', offerStrings),
              },
              {
                path: 'care/units',
                lazy: lazyPage(() => import('./routes/care/units.tsx'), 'CareUnitsPage'),
              },
              {
                path: 'care/units/:id',
                lazy: lazyPage(() => import('./routes/care/unit.tsx'), 'CareUnitPage'),
              },
            ],
          },
          {
            element: <RequireAuth roles={['admin', 'care_coordinator']} />,
            children: [
              {
                path: 'care/units/new',
                lazy: lazyPage(() => import('./routes/care/new-unit.tsx'), 'NewUnitPage'),
              },
              {
                path: 'care/providers',
                lazy: lazyPage(() => import('./routes/care/providers.tsx'), 'ProvidersPage'),
              },
              {
                path: 'care/lists',
                lazy: lazyPage(() => import('./routes/care/lists.tsx'), 'CareListsPage'),
              },
              {
                path: 'care/today',
                lazy: lazyPage(() => import('./routes/offers/today.tsx'), 'TodayPage', offerStrings),
              },
              {
                path: 'care/offers',
                lazy: lazyPage(() => import('./routes/offers/offers.tsx'), 'OffersPage', offerStrings),
              },
              {
                path: 'care/offers/:id',
                lazy: lazyPage(() => import('./routes/offers/offer.tsx'), 'OfferPage', offerStrings),
              },
              {
                path: 'care/waiting-prices',
                lazy: lazyPage(
                  () => import('./routes/offers/waiting-prices.tsx'),
                  'WaitingPricesPage',
                  offerStrings,
                ),
              },
            ],
          },
          {
            // Client data: coordinators only (a care viewer sees figures, never a person).
            element: <RequireAuth roles={QUEUE_STAFF} />,
            children: [
              { path: 'care/queue', lazy: queuePage(() => import('./routes/queue/queue.tsx'), 'QueuePage') },
              {
                path: 'care/queue/import',
                lazy: queuePage(() => import('./routes/queue/import.tsx'), 'QueueImportPage'),
              },
              {
                path: 'care/queue/entries/:entryId/edit',
                lazy: queuePage(() => import('./routes/queue/edit-entry.tsx'), 'EditEntryPage'),
              },
              {
                path: 'care/queue/entries/:entryId/priority',
                lazy: queuePage(() => import('./routes/queue/priority.tsx'), 'EntryPriorityPage'),
              },
              {
                path: 'care/queue/entries/:entryId/close',
                lazy: queuePage(() => import('./routes/queue/close-entry.tsx'), 'CloseEntryPage'),
              },
              {
                path: 'care/clients',
                lazy: queuePage(() => import('./routes/queue/clients.tsx'), 'ClientSearchPage'),
              },
              {
                path: 'care/clients/new',
                lazy: queuePage(() => import('./routes/queue/new-client.tsx'), 'NewClientPage'),
              },
              {
                path: 'care/clients/:id',
                lazy: queuePage(() => import('./routes/queue/client.tsx'), 'ClientPage'),
              },
              {
                path: 'care/clients/:id/edit',
                lazy: queuePage(() => import('./routes/queue/edit-client.tsx'), 'EditClientPage'),
              },
              {
                path: 'care/clients/:id/entries/new',
                lazy: queuePage(() => import('./routes/queue/new-entry.tsx'), 'NewEntryPage'),
              },
            ],
          },
          {
            element: <RequireAuth roles={[...CARE_READERS, 'key_coordinator']} />,
            children: [
              {
                path: 'reports',
                lazy: lazyPage(
                  () => import('./routes/reports/reports-home.tsx'),
                  'ReportsHomePage',
                  reportStrings,
                ),
              },
            ],
          },
          {
            element: <RequireAuth roles={CARE_READERS} />,
            children: [
              {
                path: 'reports/care',
                lazy: lazyPage(() => import('./routes/reports/care.tsx'), 'CareReportPage', reportStrings),
              },
              {
                path: 'reports/waiting-times',
                lazy: lazyPage(
                  () => import('./routes/reports/waiting-times.tsx'),
                  'WaitingTimesPage',
                  reportStrings,
                ),
              },
            ],
          },
          {
            element: <RequireAuth roles={KEY_STAFF} />,
            children: [
              {
                path: 'reports/keys',
                lazy: lazyPage(() => import('./routes/reports/keys.tsx'), 'KeyReportPage', reportStrings),
              },
            ],
          },
          {
            element: <RequireAuth roles={['admin']} />,
            children: [
              { path: 'admin/users', lazy: lazyPage(() => import('./routes/users.tsx'), 'UsersPage') },
              {
                path: 'admin/users/:id',
                lazy: lazyPage(
                  () => import('./routes/user-detail.tsx'),
                  'UserDetailPage',
                  () => i18n.loadNamespaces('users'),
                ),
              },
              { path: 'admin/outbox', lazy: lazyPage(() => import('./routes/outbox.tsx'), 'OutboxPage') },
              {
                path: 'admin/webhooks',
                lazy: lazyPage(
                  () => import('./routes/admin/webhooks.tsx'),
                  'WebhooksPage',
                  () => i18n.loadNamespaces('webhooks'),
                ),
              },
              {
                path: 'admin/webhooks/:id',
                lazy: lazyPage(
                  () => import('./routes/admin/webhook-detail.tsx'),
                  'WebhookDetailPage',
                  () => i18n.loadNamespaces('webhooks'),
                ),
              },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(withLoadingFallback(routes));
