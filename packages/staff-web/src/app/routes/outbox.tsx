import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, LoadingSpinner, StatusLabel } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import type { Page } from '@civic/shared/common';
import type { OutboxMessage } from '@civic/shared/keys';
import { api } from '../../lib/api-client.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';

const outboxKeys = {
  all: ['outbox'] as const,
  list: () => [...outboxKeys.all, 'list'] as const,
  status: () => [...outboxKeys.all, 'status'] as const,
};
type OutboxStatus = { smtpConfigured: boolean; held: number; queued: number; sent: number; failed: number };

/** Every e-mail the product sent or holds; with no SMTP configured, this is where they wait. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('nav.outbox'));
  const client = useQueryClient();
  const { data, isPending, error } = useQuery({
    queryKey: outboxKeys.list(),
    queryFn: () => api.get<Page<OutboxMessage>>('/admin/outbox', { query: { pageSize: 100 } }),
  });
  const status = useQuery({
    queryKey: outboxKeys.status(),
    queryFn: () => api.get<OutboxStatus>('/admin/outbox/status'),
  });
  const requeue = useMutation({
    mutationFn: () => api.post<{ requeued: number }>('/admin/outbox/requeue', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKeys.all }),
  });
  const waiting = (status.data?.held ?? 0) + (status.data?.failed ?? 0);
  return (
    <section className="stack">
      <h1>{t('nav.outbox')}</h1>
      <p>{t('outbox.intro')}</p>
      <ProblemNotice error={error ?? requeue.error} />
      {status.data && !status.data.smtpConfigured && waiting > 0 && (
        <Notification type="info" label={t('outbox.status.held')}>
          {t('outbox.noSmtp')}
        </Notification>
      )}
      {status.data?.smtpConfigured && waiting > 0 && (
        <div className="button-row">
          <Button onClick={() => requeue.mutate()} disabled={requeue.isPending}>
            {t('outbox.requeue', { count: waiting })}
          </Button>
        </div>
      )}
      {requeue.data && (
        <Notification type="success" label={t('outbox.requeued', { count: requeue.data.requeued })} />
      )}
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
