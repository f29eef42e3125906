import { useState } from 'react';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriptionWithSecret } from '@civic/shared/webhooks';
import { usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useWebhooks } from '../../../features/webhooks/api/get-webhooks.ts';
import { SecretNotice } from '../../../features/webhooks/components/secret-notice.tsx';
import { SubscriptionCard } from '../../../features/webhooks/components/subscription-card.tsx';
import { SubscriptionForm } from '../../../features/webhooks/components/subscription-form.tsx';

/** Admin: webhook subscriptions of integration clients, and a form for a new one. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  usePageTitle(t('webhooks.title'));
  const list = useWebhooks();
  const [created, setCreated] = useState<WebhookSubscriptionWithSecret | null>(null);
  return (
    <section className="stack">
      <h1>{t('webhooks.title')}</h1>
      <p>{t('webhooks.intro')}</p>
      <ProblemNotice error={list.error} />
      <h2>{t('webhooks.list')}</h2>
      {list.isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : list.data?.length ? (
        <ul className="card-list">
          {list.data.map((sub) => (
            <SubscriptionCard key={sub.id} sub={sub} />
          ))}
        </ul>
      ) : (
        <p>{t('webhooks.none')}</p>
      )}
      <h2>{t('webhooks.new')}</h2>
      {created && <SecretNotice secret={created.secret} />}
      <SubscriptionForm onCreated={setCreated} />
    </section>
  );
}
