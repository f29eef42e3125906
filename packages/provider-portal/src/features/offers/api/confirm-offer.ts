import type { PortalOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useOfferStep } from './offer-step.ts';

/** The unit can take the client in (a couple's two offers are confirmed together). */
export const confirmOffer = ({ id }: { id: string }) =>
  api.post<PortalOffer>(`/portal/offers/${id}/confirm`, {});

export const useConfirmOffer = () => useOfferStep(confirmOffer);
