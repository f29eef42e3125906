import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useOffers } from '../api/get-offers.ts';
import { AWAITING_QUERY, byDeadline } from '../utils/offer-state.ts';
import { OfferCards } from './offer-card.tsx';
import { useNow } from './use-now.ts';

/** The dashboard's section: the offers awaiting the unit's action, soonest deadline first. */
export function AwaitingOffers({ limit = 4 }: { limit?: number }) {
  const { t } = useTranslation('offers');
  const now = useNow();
  const { data, error } = useOffers(AWAITING_QUERY);
  return (
    <section className="stack awaiting-offers" aria-labelledby="awaiting-offers">
      <h2 id="awaiting-offers">{t('offers.dashboardTitle')}</h2>
      <ProblemNotice error={error} />
      {data &&
        (data.total === 0 ? (
          <p>
            {t('offers.noneAwaiting')} <Link to="/offers">{t('offers.allOffers')}</Link>
          </p>
        ) : (
          <>
            <p>{t('offers.count', { count: data.total })}</p>
            <OfferCards
              offers={[...data.items].sort(byDeadline(now)).slice(0, limit)}
              backLabel="shell.frontPage"
            />
            <p className="button-row">
              {data.total > limit && (
                <Link className="button-link primary" to="/offers?status=action">
                  {t('offers.showAllAwaiting', { count: data.total })}
                </Link>
              )}
              <Link className="button-link" to="/offers">
                {t('offers.allOffers')}
              </Link>
            </p>
          </>
        ))}
    </section>
  );
}
