import { OffersList } from '../../../features/offers/components/offers-list.tsx';

/** `/care/offers[?status=…&unitId=…&clientId=…&page=…]`: every offer, filtered. */
export function OffersPage() {
  return <OffersList />;
}
