import { useParams, useSearchParams } from 'react-router';
import { VacancyView } from '../../../features/offers/components/vacancy-view.tsx';

/** `/care/vacancies/:id[?entry=<entryId>]`: a place, its candidates and the offer action. */
export function VacancyPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  return <VacancyView key={id} id={id!} entryId={params.get('entry')} />;
}
