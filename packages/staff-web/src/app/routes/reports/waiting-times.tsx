import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@civic/shared/web/page';
import { WaitingTimesReport } from '../../../features/reports/components/waiting-times.tsx';

export function WaitingTimesPage() {
  const { t } = useTranslation('reports');
  usePageTitle(t('reports.waiting.title'));
  return (
    <section className="stack">
      <p>
        <Link to="/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{t('reports.waiting.title')}</h1>
      <p>{t('reports.waiting.intro')}</p>
      <WaitingTimesReport />
    </section>
  );
}
