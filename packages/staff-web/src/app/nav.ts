import type { NavItem } from '@civic/shared/web/app-shell';

/** Areas of the staff app and who sees them. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/keys', label: 'nav.keys', roles: ['admin', 'key_coordinator', 'site_manager'] },
  { to: '/care', label: 'nav.care', roles: ['admin', 'care_coordinator', 'care_viewer'] },
  {
    to: '/reports',
    label: 'nav.reports',
    roles: ['admin', 'care_coordinator', 'care_viewer', 'key_coordinator'],
  },
  { to: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { to: '/admin/outbox', label: 'nav.outbox', roles: ['admin'] },
];
