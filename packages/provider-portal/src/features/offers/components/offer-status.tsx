import { StatusLabel, type StatusLabelType } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { OfferStatus } from '@civic/shared/care-queue';

const TYPE: Record<OfferStatus, StatusLabelType> = {
  proposed: 'info',
  provider_confirmed: 'neutral',
  accepted: 'info',
  moved_in: 'success',
  provider_declined: 'neutral',
  client_declined: 'neutral',
  expired: 'neutral',
  cancelled: 'neutral',
};

/** Where an offer stands, from the unit's side ("Awaiting your confirmation"). */
export function OfferStatusLabel({ status }: { status: OfferStatus }) {
  const { t } = useTranslation('offers');
  return <StatusLabel type={TYPE[status]}>{t(`offers.status.${status}`)}</StatusLabel>;
}
