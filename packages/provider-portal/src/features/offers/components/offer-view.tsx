import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import type { PortalOffer } from '@civic/shared/queue';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { DeadlineLabel } from './deadline-label.tsx';
import { OfferActions, type StepOutcome } from './offer-actions.tsx';
import { OfferFacts } from './offer-facts.tsx';
import { OfferStatusLabel } from './offer-status.tsx';
import { OfferTimeline } from './offer-timeline.tsx';
import { useNameOf } from './names.ts';

/**
 * One offer for the unit: who is coming and to which place, where the offer stands and by when,
 * what the unit can do now, and every step so far. A step's outcome is told here, above the
 * actions, and takes the focus, since the step usually replaces the actions that made it.
 */
export function OfferView({ offer }: { offer: PortalOffer }) {
  const { t } = useTranslation('offers');
  const nameOf = useNameOf();
  const [outcome, setOutcome] = useState<StepOutcome | null>(null);
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) notice.current?.focus();
  }, [outcome]);
  return (
    <>
      <header className="stack offer-header">
        <h1>
          {offer.client.firstName} {offer.client.lastName}
        </h1>
        <p className="lead">
          {offer.unit.name} · {nameOf(offer.serviceType.names)}
        </p>
        <p>
          <OfferStatusLabel status={offer.status} />
        </p>
        <DeadlineLabel offer={offer} />
      </header>
      {outcome && (
        <div ref={notice} tabIndex={-1} className="offer-outcome">
          {'done' in outcome ? (
            <Notification type="success" label={outcome.done} />
          ) : (
            <ProblemNotice error={outcome.failed} />
          )}
        </div>
      )}
      {offer.coupleOfferId && (
        <p className="portal-banner">
          {t('offers.couple')} <Link to={`/offers/${offer.coupleOfferId}`}>{t('offers.coupleLink')}</Link>
        </p>
      )}
      <div className="offer-layout">
        <OfferFacts offer={offer} />
        <div className="offer-side">
          <OfferActions offer={offer} onOutcome={setOutcome} />
        </div>
        <OfferTimeline events={offer.timeline} />
      </div>
    </>
  );
}
