import { useTranslation } from 'react-i18next';
import type { PortalOffer } from '@civic/shared/queue';
import { formatDate, formatDateTime } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { useNameOf } from './names.ts';

/**
 * What the unit needs to take the client in, as the API gives it: name, age, language and needs;
 * the place and its dates. Never the identity code or the queue: the API does not send them.
 */
export function OfferFacts({ offer }: { offer: PortalOffer }) {
  const { t, i18n } = useTranslation('offers');
  const nameOf = useNameOf();
  const lang = i18n.language;
  return (
    <div className="offer-facts">
      <section aria-labelledby="offer-client">
        <h2 id="offer-client">{t('offers.facts.client')}</h2>
        <dl className="facts">
          <dt>{t('offers.facts.age')}</dt>
          <dd>{t('offers.facts.ageYears', { count: offer.client.age })}</dd>
          <dt>{t('offers.facts.language')}</dt>
          <dd>{languageName(offer.client.language, lang)}</dd>
          <dt>{t('offers.facts.needs')}</dt>
          <dd>
            {offer.client.needs.length ? (
              <ul className="plain-list">
                {offer.client.needs.map((n) => (
                  <li key={n.id}>{nameOf(n.names)}</li>
                ))}
              </ul>
            ) : (
              t('offers.facts.noNeeds')
            )}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="offer-place">
        <h2 id="offer-place">{t('offers.facts.place')}</h2>
        <dl className="facts">
          <dt>{t('offers.facts.unit')}</dt>
          <dd>{offer.unit.name}</dd>
          <dt>{t('offers.facts.serviceType')}</dt>
          <dd>{nameOf(offer.serviceType.names)}</dd>
          <dt>{t('offers.facts.intendedMoveIn')}</dt>
          <dd>{formatDate(offer.intendedMoveIn, lang)}</dd>
          <dt>{t('offers.facts.offeredAt')}</dt>
          <dd>{formatDateTime(offer.offeredAt, lang)}</dd>
          {(offer.status === 'proposed' || offer.status === 'provider_confirmed') && (
            <>
              <dt>{t('offers.facts.responseDueAt')}</dt>
              <dd>{formatDateTime(offer.responseDueAt, lang)}</dd>
            </>
          )}
          {offer.moveInDueOn && offer.status === 'accepted' && (
            <>
              <dt>{t('offers.facts.moveInDueOn')}</dt>
              <dd>{formatDate(offer.moveInDueOn, lang)}</dd>
            </>
          )}
          {offer.movedInOn && (
            <>
              <dt>{t('offers.facts.movedInOn')}</dt>
              <dd>{formatDate(offer.movedInOn, lang)}</dd>
            </>
          )}
          {offer.note && (
            <>
              <dt>{t('offers.facts.note')}</dt>
              <dd className="pre-line">{offer.note}</dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}
