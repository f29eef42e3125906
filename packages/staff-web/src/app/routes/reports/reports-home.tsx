import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@civic/shared/web/page';
import { ReportCards } from '../../../features/reports/components/report-cards.tsx';

export function ReportsHomePage() {
  const { t } = useTranslation('reports');
  usePageTitle(t('reports.title'));
  return (
    <section className="stack">
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <ReportCards />
    </section>
  );
}
