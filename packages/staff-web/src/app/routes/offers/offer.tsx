import { useParams } from 'react-router';
import { OfferView } from '../../../features/offers/components/offer-view.tsx';

/** `/care/offers/:id`: one offer, its deadlines, actions and timeline. */
export function OfferPage() {
  const { id } = useParams();
  return <OfferView key={id} id={id!} />;
}
