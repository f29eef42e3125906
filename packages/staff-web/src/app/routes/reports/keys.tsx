import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@civic/shared/web/page';
import { KeyFiguresReport } from '../../../features/reports/components/key-figures.tsx';

export function KeyReportPage() {
  const { t } = useTranslation('reports');
  usePageTitle(t('reports.keys.title'));
  return (
    <section className="stack">
      <p>
        <Link to="/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{t('reports.keys.title')}</h1>
      <p>{t('reports.keys.intro')}</p>
      <KeyFiguresReport />
    </section>
  );
}
