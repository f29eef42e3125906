import type { NavItem } from '@civic/shared/web/app-shell';

/** Areas of the provider portal (the offers link gets its count in `portal-shell.tsx`). */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/units', label: 'nav.units', roles: ['provider_admin', 'provider_user'] },
  { to: '/offers', label: 'nav.offers', roles: ['provider_admin', 'provider_user'] },
  { to: '/bulk', label: 'nav.bulk', roles: ['provider_admin', 'provider_user'] },
  { to: '/history', label: 'nav.history', roles: ['provider_admin', 'provider_user'] },
  { to: '/users', label: 'nav.users', roles: ['provider_admin'] },
];
