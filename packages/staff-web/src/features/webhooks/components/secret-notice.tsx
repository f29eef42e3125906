import { TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';

/** A secret just made: shown once, selectable for copying. */
export function SecretNotice({ secret }: { secret: string }) {
  const { t } = useTranslation('webhooks');
  return (
    <Notification type="alert" label={t('webhooks.secretOnce')} role="status">
      <p>{t('webhooks.secretHelp')}</p>
      <TextInput
        id="webhook-secret"
        label={t('webhooks.secret')}
        value={secret}
        readOnly
        onFocus={(e) => (e.target as HTMLInputElement).select?.()}
        className="secret-value"
      />
    </Notification>
  );
}
