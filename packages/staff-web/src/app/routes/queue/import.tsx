import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QUEUE_CSV_COLUMNS } from '@civic/shared/queue';
import { usePageTitle } from '@civic/shared/web/page';
import { useImportQueue } from '../../../features/queue/api/import-queue.ts';
import { ImportForm } from '../../../features/queue/components/import-form.tsx';

/** Clients and entries from another system's CSV file, all rows or none. */
export function QueueImportPage() {
  const { t } = useTranslation('queue');
  usePageTitle(t('queue.import.title'));
  const importQueue = useImportQueue();
  return (
    <section className="stack">
      <p>
        <Link to="/care/queue">← {t('queue.title')}</Link>
      </p>
      <h1>{t('queue.import.title')}</h1>
      <div className="stack narrow">
        <p>{t('queue.import.intro')}</p>
        <p>{t('queue.import.columns')}</p>
        <pre className="mail-body import-columns">{QUEUE_CSV_COLUMNS.join(';')}</pre>
        <p className="muted">{t('queue.import.columnsHelp')}</p>
      </div>
      <ImportForm
        onImport={(input) => importQueue.mutate(input)}
        pending={importQueue.isPending}
        error={importQueue.error}
        result={importQueue.data}
      />
    </section>
  );
}
