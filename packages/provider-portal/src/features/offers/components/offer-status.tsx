import { useTranslation } from 'react-i18next';
import type { OfferStatus } from '@civic/shared/care-queue';

/**
 * Where an offer stands, from the unit's side ("Awaiting your confirmation"), in words. Plain
 * bold text: the deadline beside it carries the colour, and two coloured labels read as noise.
 */
export function OfferStatusLabel({ status }: { status: OfferStatus }) {
  const { t } = useTranslation('offers');
  return <strong className={`offer-status offer-status-${status}`}>{t(`offers.status.${status}`)}</strong>;
}
