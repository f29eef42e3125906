import { useTranslation } from 'react-i18next';
import { AppShell } from '@civic/shared/web/app-shell';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { useOffersAwaiting } from '../features/offers/api/get-offers-awaiting.ts';
import { offerKeys } from '../features/offers/api/query-keys.ts';
import { NAV_ITEMS } from './nav.ts';

/** The shared header with the portal's areas; the offers link counts the offers awaiting action. */
export function PortalShell() {
  const { t } = useTranslation();
  const { data } = useOffersAwaiting();
  // An offer to one of the organisation's units made, answered or withdrawn: the badge counts again.
  useLiveInvalidation(['care.offers'], [offerKeys.awaiting()]);
  const count = (data?.toAnswer ?? 0) + (data?.toRecordMoveIn ?? 0);
  const items = NAV_ITEMS.map((item) =>
    item.to === '/offers' && count > 0
      ? { ...item, badge: { count, label: t('nav.offersAwaiting', { count }) } }
      : item,
  );
  return <AppShell navItems={items} theme="dark" />;
}
