import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { filtersToSearchParams, usePageTitle } from '@civic/shared/web/page';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { offerKeys } from '../../../features/offers/api/query-keys.ts';
import { OffersInbox } from '../../../features/offers/components/offers-inbox.tsx';
import { parseOfferFilter, type OfferFilter } from '../../../features/offers/utils/offer-state.ts';

/** The offers inbox; its status choice and page are in the address, so a view can be shared. */
export function OffersInboxPage() {
  const { t } = useTranslation('offers');
  usePageTitle(t('offers.title'));
  const [params, setParams] = useSearchParams();
  const filter = parseOfferFilter(params.get('status'));
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  // Offers made, answered or withdrawn for the organisation's units show without reloading.
  useLiveInvalidation(['care.offers'], [offerKeys.lists()]);
  const go = (next: { filter: OfferFilter; page: number }) =>
    setParams(
      filtersToSearchParams({
        status: next.filter === 'all' ? undefined : next.filter,
        page: next.page > 1 ? next.page : undefined,
      }),
    );
  return (
    <section className="stack">
      <h1>{t('offers.title')}</h1>
      <p className="portal-banner">{t('offers.intro')}</p>
      <OffersInbox
        filter={filter}
        page={page}
        onFilter={(f) => go({ filter: f, page: 1 })}
        onPage={(p) => go({ filter, page: p })}
      />
    </section>
  );
}
