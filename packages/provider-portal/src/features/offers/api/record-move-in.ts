import type { PortalOffer } from '@civic/shared/queue';
import { api } from '../../../lib/api-client.ts';
import { useOfferStep } from './offer-step.ts';

/** The client has moved in: the place is filled and the client leaves the queue. */
export const recordMoveIn = ({ id, movedInOn }: { id: string; movedInOn: string }) =>
  api.post<PortalOffer>(`/portal/offers/${id}/move-in`, { movedInOn });

export const useRecordMoveIn = () => useOfferStep(recordMoveIn);
