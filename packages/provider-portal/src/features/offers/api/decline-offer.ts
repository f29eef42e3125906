import type { PortalOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useOfferStep } from './offer-step.ts';

/** The unit cannot take the client in: the place opens again; the reason goes to the coordinator. */
export const declineOffer = ({ id, reason }: { id: string; reason: string }) =>
  api.post<PortalOffer>(`/portal/offers/${id}/decline`, { reason });

export const useDeclineOffer = () => useOfferStep(declineOffer);
