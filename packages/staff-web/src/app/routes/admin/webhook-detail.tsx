import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, ButtonVariant, LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { BackLink } from '@civic/shared/web/back-link';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useWebhook } from '../../../features/webhooks/api/get-webhook.ts';
import { useRotateSecret } from '../../../features/webhooks/api/rotate-secret.ts';
import { useSendTest } from '../../../features/webhooks/api/send-test.ts';
import { useUpdateWebhook } from '../../../features/webhooks/api/update-webhook.ts';
import { DeliveryList } from '../../../features/webhooks/components/delivery-list.tsx';
import { SecretNotice } from '../../../features/webhooks/components/secret-notice.tsx';
import { SubscriptionSummary } from '../../../features/webhooks/components/subscription-card.tsx';

/** Admin: one subscription, its settings and its delivery log. */
export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('webhooks');
  usePageTitle(t('webhooks.title'));
  const sub = useWebhook(id);
  const update = useUpdateWebhook(id);
  const rotate = useRotateSecret(id);
  const test = useSendTest(id);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <section className="stack">
      <BackLink fallback={{ to: '/admin/webhooks', label: 'nav.webhooks' }} />
      <h1>{t('webhooks.title')}</h1>
      <ProblemNotice error={sub.error ?? update.error ?? rotate.error ?? test.error} />
      {sub.isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        sub.data && (
          <>
            <div className="card stack">
              <SubscriptionSummary sub={sub.data} heading="h2" />
            </div>
            <h2>{t('webhooks.settings')}</h2>
            {secret && <SecretNotice secret={secret} />}
            {test.isSuccess && <Notification type="success" label={t('webhooks.testSent')} />}
            {sub.data.previousSecretValidUntil && (
              <p>
                {t('webhooks.previousValidUntil', {
                  time: formatDateTime(sub.data.previousSecretValidUntil, i18n.language),
                })}
              </p>
            )}
            <div className="button-row">
              {sub.data.enabled && (
                <Button onClick={() => test.mutate()} disabled={test.isPending}>
                  {t('webhooks.sendTest')}
                </Button>
              )}
              <Button
                variant={ButtonVariant.Secondary}
                onClick={() => rotate.mutate(undefined, { onSuccess: (r) => setSecret(r.secret) })}
                disabled={rotate.isPending}
              >
                {t('webhooks.rotate')}
              </Button>
              <Button
                variant={sub.data.enabled ? ButtonVariant.Danger : ButtonVariant.Primary}
                onClick={() => update.mutate({ enabled: !sub.data.enabled })}
                disabled={update.isPending}
              >
                {t(sub.data.enabled ? 'webhooks.disable' : 'webhooks.enable')}
              </Button>
            </div>
            <p>
              {t('webhooks.rotateHelp')} {sub.data.enabled ? t('webhooks.disableHelp') : ''}
            </p>
            <DeliveryList subscriptionId={id} />
          </>
        )
      )}
    </section>
  );
}
