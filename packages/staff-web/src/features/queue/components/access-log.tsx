import { useState } from 'react';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime } from '@civic/shared/web/page';
import { ACCESS_LOG_PAGE_SIZE, exportAccessLog, useAccessLog } from '../api/get-access-log.ts';
import { ExportButtons } from './export-buttons.tsx';

// The API names the city itself in English; users of the city have no provider organisation.
const CITY = 'City of Helsinki';

/**
 * Who read or received the client's data, when and why (Client Data Act 703/2023 §11), newest
 * first, with the whole log as CSV for the client who asked. Reading it is logged too.
 */
export function AccessLog({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('queue');
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useAccessLog(clientId, page);
  const text = (group: string, code: string | null) =>
    code ? t(`queue.accessLog.${group}.${code}`, { defaultValue: code }) : '–';
  return (
    <div className="stack">
      <p>{t('queue.accessLog.intro')}</p>
      <ExportButtons
        label={t('queue.accessLog.title')}
        downloads={[
          { format: 'csv', label: t('queue.exportAs.csv'), download: () => exportAccessLog(clientId) },
        ]}
      />
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        data && (
          <>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="access-log-caption">
              <table className="data-table queue-table">
                <caption id="access-log-caption">
                  {t('queue.accessLog.caption', { count: data.total })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queue.accessLog.at')}</th>
                    <th scope="col">{t('queue.accessLog.who')}</th>
                    <th scope="col">{t('queue.accessLog.organisation')}</th>
                    <th scope="col">{t('queue.accessLog.what')}</th>
                    <th scope="col">{t('queue.accessLog.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row, i) => (
                    <tr key={`${row.at}-${i}`}>
                      <td className="nowrap">{formatDateTime(row.at, i18n.language)}</td>
                      <td>
                        {row.actor ?? '–'}
                        <span className="block muted">{text('actorType', row.actorType)}</span>
                      </td>
                      <td>{row.recipient === CITY ? t('queue.accessLog.city') : (row.recipient ?? '–')}</td>
                      <td>{text('action', row.action)}</td>
                      <td>{text('purpose', row.purpose)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={page} total={data.total} pageSize={ACCESS_LOG_PAGE_SIZE} onPage={setPage} />
          </>
        )
      )}
    </div>
  );
}
