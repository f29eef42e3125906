import { WaitingPricesView } from '../../../features/offers/components/waiting-prices-view.tsx';

/** `/care/waiting-prices`: daily prices of waiting per setting and period. */
export function WaitingPricesPage() {
  return <WaitingPricesView />;
}
