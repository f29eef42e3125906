import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@civic/shared/web/page';
import { CareDashboard } from '../../../features/reports/components/care-dashboard.tsx';

export function CareReportPage() {
  const { t } = useTranslation('reports');
  usePageTitle(t('reports.care.title'));
  return (
    <section className="stack">
      <p>
        <Link to="/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{t('reports.care.title')}</h1>
      <p>{t('reports.intro')}</p>
      <CareDashboard />
    </section>
  );
}
