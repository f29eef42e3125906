import type { NavItem } from '@civic/shared/web/app-shell';

/** Areas of the staff app and who sees them. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/keys', label: 'nav.keys', roles: ['admin', 'key_coordinator', 'site_manager'] },
  { to: '/care', label: 'nav.care', roles: ['admin', 'care_coordinator', 'care_viewer'] },
  { to: '/care/today', label: 'nav.today', roles: ['admin', 'care_coordinator'] },
  // Client data: never for care_viewer (management sees figures only).
  { to: '/care/queue', label: 'nav.queue', roles: ['admin', 'care_coordinator'], also: ['/care/clients'] },
  {
    to: '/reports',
    label: 'nav.reports',
    roles: ['admin', 'care_coordinator', 'care_viewer', 'key_coordinator'],
  },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/outbox', label: 'nav.outbox', roles: ['admin'] },
  { to: '/admin/webhooks', label: 'nav.webhooks', roles: ['admin'] },
];
