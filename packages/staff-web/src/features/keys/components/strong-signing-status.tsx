import { Button, ButtonVariant } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import type { SigningView } from '@civic/shared/keys';
import { formatDateTime } from '@civic/shared/web/page';
import { AgreementSummary } from './agreement-summary.tsx';

/**
 * The renter's page of an agreement signed at Visma Sign: where the signing stands. Opening (or
 * refreshing) the page makes the product ask Visma Sign at once.
 */
export function StrongSigningStatus({
  view,
  checking,
  onCheck,
}: {
  view: SigningView;
  checking: boolean;
  onCheck: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {view.status === 'signed' ? (
        <Notification type="success" label={t('keys.sign.doneTitle')}>
          {t('keys.sign.strong.signed')}
        </Notification>
      ) : (
        <Notification type="info" label={t('keys.sign.strong.waitingTitle')}>
          {t('keys.sign.strong.waiting', { expires: formatDateTime(view.expiresAt, i18n.language) })}
        </Notification>
      )}
      {view.status !== 'signed' && (
        <div className="button-row">
          <Button variant={ButtonVariant.Secondary} onClick={onCheck} disabled={checking}>
            {t('keys.sign.strong.check')}
          </Button>
        </div>
      )}
      <AgreementSummary
        number={view.number}
        site={`${view.site.name}, ${view.site.address}`}
        association={view.association}
        renterName={view.renterName}
        handedOverBy={view.handedOverBy}
        keys={view.keys}
        expectedReturnDate={view.expectedReturnDate}
        text={view.text}
      />
    </>
  );
}
