import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Page } from '@civic/shared/common';
import type { OutboxMessage } from '@civic/shared/keys';
import { api } from '../../lib/api-client.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';

/** Every e-mail the product sent or holds; with no SMTP configured, this is where they wait. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.outbox'));
  const { data, isPending, error } = useQuery({
    queryKey: ['outbox'],
    queryFn: () => api.get<Page<OutboxMessage>>('/admin/outbox', { query: { pageSize: 100 } }),
  });
  return (
    <section className="stack">
      <h1>{t('nav.outbox')}</h1>
      <p>{t('outbox.intro')}</p>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <ul className="outbox">
          {data?.items.map((m) => (
            <li key={m.id} className="card">
              <p>
                <StatusLabel
                  type={m.status === 'sent' ? 'success' : m.status === 'failed' ? 'error' : 'info'}
                >
                  {t(`outbox.status.${m.status}`)}
                </StatusLabel>{' '}
                {formatDateTime(m.createdAt, i18n.language)}
              </p>
              <h2>{m.subject}</h2>
              <p>
                {t('outbox.to')}: {m.to}
                {m.attachment ? ` · ${t('outbox.attachment')}: ${m.attachment}` : ''}
              </p>
              <pre className="mail-body">{m.body}</pre>
              {m.lastError && <p className="field-error">{m.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
