import { TodayView } from '../../../features/offers/components/today-view.tsx';

/** `/care/today`: the coordinator's day. */
export function TodayPage() {
  return <TodayView />;
}
