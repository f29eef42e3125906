import { useParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '@civic/shared/web/back-link';
import { usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useLiveEvents } from '@civic/shared/web/live';
import { useQueryClient } from '@tanstack/react-query';
import { offerKeys } from '../../../features/offers/api/query-keys.ts';
import { useOffer } from '../../../features/offers/api/get-offer.ts';
import { OfferView } from '../../../features/offers/components/offer-view.tsx';

/** One offer to one of the organisation's units; another organisation's answers "not found". */
export function OfferPage() {
  const { t } = useTranslation('offers');
  const { id = '' } = useParams();
  const { data, isPending, error } = useOffer(id);
  // This offer answered or withdrawn by the city (or by a colleague) shows at once; changes of
  // other offers do not reload it (each read of the offer is in the client's access log).
  const client = useQueryClient();
  useLiveEvents(['care.offers'], (change) => {
    if (!change || change.ids.includes(id)) void client.invalidateQueries({ queryKey: offerKeys.detail(id) });
  });
  usePageTitle(data ? `${data.client.firstName} ${data.client.lastName}` : t('offers.offer'));
  return (
    <section className="stack">
      <BackLink fallback={{ to: '/offers', label: 'nav.offers' }} />
      {data ? (
        <OfferView key={data.id} offer={data} />
      ) : (
        <>
          <h1>{t('offers.offer')}</h1>
          <ProblemNotice error={error} />
          {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
        </>
      )}
    </section>
  );
}
