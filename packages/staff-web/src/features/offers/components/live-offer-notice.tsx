import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@civic/shared/care';
import { useLiveOfferOfVacancy } from '../api/get-live-offer-of-vacancy.ts';
import { DeadlineAt, OfferStatusLabel } from './labels.tsx';
import { offerHref } from './links.ts';
import { useNow } from './time.ts';

/** An offered place: the one live offer holding it, instead of the offer action. */
export function LiveOfferNotice({ vacancy }: { vacancy: Vacancy }) {
  const { t } = useTranslation('offers');
  const now = useNow();
  const { data: offer, isPending } = useLiveOfferOfVacancy({ id: vacancy.id, unitId: vacancy.unit.id }, true);
  return (
    <section aria-labelledby="live-offer-title" className="live-offer stack">
      <h2 id="live-offer-title">{t('offers.vacancy.liveOffer')}</h2>
      <p>{t('offers.vacancy.liveOfferBody')}</p>
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : offer ? (
        <>
          <dl className="facts">
            <dt>{t('offers.common.client')}</dt>
            <dd>
              {offer.client.firstName} {offer.client.lastName}
            </dd>
            <dt>{t('offers.common.status')}</dt>
            <dd>
              <OfferStatusLabel status={offer.status} />
            </dd>
            {(offer.status === 'proposed' || offer.status === 'provider_confirmed') && (
              <>
                <dt>{t('offers.vacancy.responseDue')}</dt>
                <dd>
                  <DeadlineAt at={offer.responseDueAt} now={now} />
                </dd>
              </>
            )}
          </dl>
          <p>
            <Link className="button-link primary" to={offerHref(offer.id)}>
              {t('offers.vacancy.openOffer')}
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
