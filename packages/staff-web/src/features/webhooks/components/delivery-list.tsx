import { useState } from 'react';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, StatusLabel } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '@civic/shared/webhooks';
import { formatDateTime } from '@civic/shared/web/page';
import { NativeSelect } from '@civic/shared/web/native-select';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useDeliveries } from '../api/get-deliveries.ts';
import { useDelivery } from '../api/get-delivery.ts';
import { useRedeliver } from '../api/redeliver.ts';
import { eventTypeKey } from './event-type-label.ts';

const STATUS_LOOK: Record<WebhookDeliveryStatus, 'info' | 'success' | 'error' | 'neutral'> = {
  pending: 'info',
  delivered: 'success',
  failed: 'error',
  cancelled: 'neutral',
};

function Attempts({ subscriptionId, deliveryId }: { subscriptionId: string; deliveryId: string }) {
  const { t, i18n } = useTranslation('webhooks');
  const [open, setOpen] = useState(false);
  const detail = useDelivery(subscriptionId, deliveryId, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('webhooks.attemptLog')}</summary>
      {detail.isPending && open ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <ol className="attempt-log">
          {detail.data?.attemptLog.map((a, i) => (
            <li key={i}>
              {formatDateTime(a.at, i18n.language)} · {a.statusCode ?? t('webhooks.noAnswer')} ·{' '}
              {a.durationMs} ms
              {a.error ? ` · ${a.error}` : ''}
            </li>
          ))}
        </ol>
      )}
      {detail.data && <pre className="mail-body">{JSON.stringify(detail.data.payload, null, 2)}</pre>}
    </details>
  );
}

function DeliveryCard({
  d,
  onRedeliver,
  busy,
}: {
  d: WebhookDelivery;
  onRedeliver: () => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation('webhooks');
  return (
    <li className="card stack">
      <p className="button-row">
        <StatusLabel type={STATUS_LOOK[d.status]}>{t(`webhooks.status.${d.status}`)}</StatusLabel>
        <span>{t('webhooks.attempts', { count: d.attempts })}</span>
      </p>
      <h3>{t(eventTypeKey(d.eventType))}</h3>
      <p>
        {formatDateTime(d.occurredAt, i18n.language)} · {t('webhooks.subject')}:{' '}
        <span className="webhook-url">
          {d.subject.type} {d.subject.id}
        </span>
      </p>
      {(d.lastStatusCode !== null || d.lastError) && (
        <p>
          {t('webhooks.lastAnswer')}: {d.lastStatusCode ?? t('webhooks.noAnswer')}
          {d.lastError ? ` · ${d.lastError}` : ''}
        </p>
      )}
      {d.nextAttemptAt && d.status === 'pending' && d.attempts > 0 && (
        <p>{t('webhooks.nextAttempt', { time: formatDateTime(d.nextAttemptAt, i18n.language) })}</p>
      )}
      <Attempts subscriptionId={d.subscriptionId} deliveryId={d.id} />
      {d.status !== 'pending' && (
        <div className="button-row">
          <Button
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            onClick={onRedeliver}
            disabled={busy}
          >
            {t('webhooks.redeliver')}
          </Button>
        </div>
      )}
    </li>
  );
}

/** A subscription's delivery log, newest first, with a status filter and redeliver. */
export function DeliveryList({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation('webhooks');
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useDeliveries(subscriptionId, { status: status || undefined, page, pageSize: 20 });
  const redeliver = useRedeliver(subscriptionId);
  return (
    <section className="stack" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">{t('webhooks.deliveries')}</h2>
      <NativeSelect
        id="delivery-status"
        label={t('webhooks.statusFilter')}
        value={status}
        options={[
          { value: '', label: t('webhooks.status.all') },
          ...WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhooks.status.${s}`) })),
        ]}
        onChange={(v) => {
          setStatus(v as WebhookDeliveryStatus | '');
          setPage(1);
        }}
      />
      <ProblemNotice error={list.error ?? redeliver.error} />
      {redeliver.isSuccess && <Notification type="success" label={t('webhooks.redelivered')} />}
      {list.isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : list.data?.items.length ? (
        <>
          <ul className="card-list single">
            {list.data.items.map((d) => (
              <DeliveryCard
                key={d.id}
                d={d}
                busy={redeliver.isPending}
                onRedeliver={() => redeliver.mutate(d.id)}
              />
            ))}
          </ul>
          <Pager page={page} pageSize={20} total={list.data.total} onPage={setPage} />
        </>
      ) : (
        <p>{t('webhooks.noDeliveries')}</p>
      )}
    </section>
  );
}
