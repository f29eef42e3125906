import { Link, useLocation } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import type { PlacementOffer } from '@civic/shared/queue';
import { BackLink } from '@civic/shared/web/back-link';
import { formatDate, formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useOffer } from '../api/get-offer.ts';
import { DeadlineAt, DeadlineOn, OfferStatusLabel } from './labels.tsx';
import { clientHref, offerHref, unitHref, vacancyHref } from './links.ts';
import { useNameOf } from './names.ts';
import { OfferActions } from './offer-actions.tsx';
import { OfferTimeline } from './offer-timeline.tsx';
import { useNow } from './time.ts';
import './offers.css';

const clientName = (o: PlacementOffer) => `${o.client.firstName} ${o.client.lastName}`;

/** One offer: its state and deadlines, what the coordinator can do now, and every step taken. */
export function OfferView({ id }: { id: string }) {
  const { t } = useTranslation('offers');
  const { data: offer, isPending, error } = useOffer(id);
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  usePageTitle(offer ? t('offers.offer.title', { name: clientName(offer) }) : t('offers.list.title'));

  return (
    <section className="stack offers-page">
      <BackLink fallback={{ to: '/care/offers', label: 'offers:offers.list.title' }} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : !offer ? (
        error instanceof ApiError && error.status === 404 ? (
          <>
            <h1>{t('offers.list.title')}</h1>
            <Notification type="error" label={t('offers.offer.notFound')} />
          </>
        ) : (
          <ProblemNotice error={error} />
        )
      ) : (
        <>
          <h1>{t('offers.offer.title', { name: clientName(offer) })}</h1>
          {created && <Notification type="success" label={t('offers.offer.created')} role="status" />}
          <div className="offer-status">
            <OfferStatusLabel status={offer.status} />
            <span>{offer.vacancy.unit.name}</span>
          </div>
          <p>{t(`offers.statusHelp.${offer.status}`)}</p>
          <OfferDeadlines offer={offer} />
          {offer.coupleOfferId && <CoupleNote offerId={offer.coupleOfferId} />}
          <OfferActions offer={offer} />
          <OfferDetails offer={offer} />
          <OfferTimeline events={offer.timeline} />
        </>
      )}
    </section>
  );
}

function OfferDeadlines({ offer }: { offer: PlacementOffer }) {
  const { t, i18n } = useTranslation('offers');
  const now = useNow();
  const answering = offer.status === 'proposed' || offer.status === 'provider_confirmed';
  return (
    <section aria-labelledby="offer-deadlines">
      <h2 id="offer-deadlines">{t('offers.offer.deadlines')}</h2>
      <dl className="facts">
        <dt>{t('offers.offer.responseDue')}</dt>
        <dd>
          {answering ? (
            <DeadlineAt at={offer.responseDueAt} now={now} />
          ) : (
            formatDateTime(offer.responseDueAt, i18n.language)
          )}
        </dd>
        <dt>{t('offers.offer.intendedMoveIn')}</dt>
        <dd>{formatDate(offer.intendedMoveIn, i18n.language)}</dd>
        {offer.moveInDueOn && (
          <>
            <dt>{t('offers.offer.moveInDue')}</dt>
            <dd>
              {offer.status === 'accepted' ? (
                <DeadlineOn on={offer.moveInDueOn} now={now} />
              ) : (
                formatDate(offer.moveInDueOn, i18n.language)
              )}
            </dd>
          </>
        )}
        {offer.movedInOn && (
          <>
            <dt>{t('offers.offer.movedIn')}</dt>
            <dd>{formatDate(offer.movedInOn, i18n.language)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** A couple's offers are answered and withdrawn together: say so, and lead to the other one. */
function CoupleNote({ offerId }: { offerId: string }) {
  const { t } = useTranslation('offers');
  const { data: other } = useOffer(offerId);
  return (
    <div className="note-box">
      <p>
        <strong>{t('offers.offer.couple')}</strong>
      </p>
      {other && (
        <p>
          {t('offers.offer.coupleBody', { name: clientName(other) })}{' '}
          <Link to={offerHref(other.id)}>{t('offers.offer.coupleOffer')}</Link>
        </p>
      )}
    </div>
  );
}

function OfferDetails({ offer }: { offer: PlacementOffer }) {
  const { t, i18n } = useTranslation('offers');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const { vacancy } = offer;
  return (
    <section aria-labelledby="offer-details">
      <h2 id="offer-details">{t('offers.offer.details')}</h2>
      <dl className="facts">
        <dt>{t('offers.common.client')}</dt>
        <dd>
          <Link to={clientHref(offer.client.id)}>{clientName(offer)}</Link>,{' '}
          {t('offers.common.ageLanguage', {
            age: offer.client.age,
            language: languageName(offer.client.language, lang),
          })}
        </dd>
        <dt>{t('care.unit')}</dt>
        <dd>
          <Link to={unitHref(vacancy.unit.id)}>{vacancy.unit.name}</Link>, {vacancy.unit.district}
        </dd>
        <dt>{t('offers.offer.provider')}</dt>
        <dd>
          {vacancy.provider.name} ({t(`care.kind.${vacancy.provider.kind}`)})
        </dd>
        <dt>{t('care.serviceType')}</dt>
        <dd>{nameOf(vacancy.serviceType.names)}</dd>
        <dt>{t('offers.offer.place')}</dt>
        <dd>
          <Link to={vacancyHref(vacancy.id)}>{t('offers.offer.openVacancy')}</Link>{' '}
          <span className="muted">
            ({t('offers.offer.placeFrom', { date: formatDate(vacancy.availableFrom, lang) })})
          </span>
        </dd>
        <dt>{t('offers.offer.interim')}</dt>
        <dd>{t(offer.interim ? 'offers.common.yes' : 'offers.common.no')}</dd>
        <dt>{t('offers.offer.rankAtOffer')}</dt>
        <dd>{offer.rankAtOffer ?? t('offers.common.none')}</dd>
        {offer.pickReason && (
          <>
            <dt>{t('offers.offer.pickReason')}</dt>
            <dd>{offer.pickReason}</dd>
          </>
        )}
        {offer.note && (
          <>
            <dt>{t('offers.offer.note')}</dt>
            <dd>{offer.note}</dd>
          </>
        )}
        <dt>{t('offers.offer.offeredBy')}</dt>
        <dd>
          {t('offers.offer.offeredByAt', {
            who: offer.offeredBy,
            when: formatDateTime(offer.offeredAt, lang),
          })}
        </dd>
      </dl>
    </section>
  );
}
