import { StatusLabel } from 'hds-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscription } from '@civic/shared/webhooks';
import { formatDateTime } from '@civic/shared/web/page';
import { eventTypeKey } from './event-type-label.ts';

/** One subscription as a card (no table: it reads on a phone). */
export function SubscriptionSummary({
  sub,
  heading = 'h3',
}: {
  sub: WebhookSubscription;
  heading?: 'h2' | 'h3';
}) {
  const { t, i18n } = useTranslation('webhooks');
  const Heading = heading;
  return (
    <>
      <Heading>{sub.integrationClient.name}</Heading>
      <p className="webhook-url">{sub.url}</p>
      {sub.description && <p>{sub.description}</p>}
      <p className="button-row">
        <StatusLabel type={sub.enabled ? 'success' : 'neutral'}>
          {t(sub.enabled ? 'webhooks.enabled' : 'webhooks.disabled')}
        </StatusLabel>
        <StatusLabel type="info">{t('webhooks.pending', { count: sub.counts.pending })}</StatusLabel>
        <StatusLabel type="success">{t('webhooks.delivered', { count: sub.counts.delivered })}</StatusLabel>
        {sub.counts.failed > 0 && (
          <StatusLabel type="error">{t('webhooks.failed', { count: sub.counts.failed })}</StatusLabel>
        )}
      </p>
      <ul className="chips" aria-label={t('webhooks.eventTypes')}>
        {sub.eventTypes.map((e) => (
          <li key={e}>{t(eventTypeKey(e))}</li>
        ))}
      </ul>
      <p>
        {t('webhooks.lastDelivery')}: {formatDateTime(sub.lastDeliveryAt, i18n.language)}
      </p>
    </>
  );
}

export function SubscriptionCard({ sub }: { sub: WebhookSubscription }) {
  const { t } = useTranslation('webhooks');
  return (
    <li className="card stack">
      <SubscriptionSummary sub={sub} />
      <Link to={`/admin/webhooks/${sub.id}`}>{t('webhooks.open')}</Link>
    </li>
  );
}
