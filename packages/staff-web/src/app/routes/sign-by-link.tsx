import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Button, ButtonVariant, LoadingSpinner, TextArea } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import { LanguageLinks } from '@civic/shared/web/language-links';
import { useDeclineByLink, useSignByLink, useSigningView } from '../../features/keys/api/signing.ts';
import { AgreementSummary } from '../../features/keys/components/agreement-summary.tsx';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { SignForm } from '../../features/keys/components/sign-form.tsx';
import { StrongSigningStatus } from '../../features/keys/components/strong-signing-status.tsx';
import { usePageTitle } from '@civic/shared/web/page';

/** The renter's own page behind the one-time link: read, then sign or decline. No login. */
export function SignByLinkPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.sign.linkTitle'));
  const view = useSigningView(token);
  const sign = useSignByLink(token);
  const decline = useDeclineByLink(token);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [languageSet, setLanguageSet] = useState(false);

  // Open in the language the agreement was made in; the renter can still switch.
  useEffect(() => {
    if (view.data && !languageSet) {
      setLanguageSet(true);
      if (i18n.language !== view.data.language) void i18n.changeLanguage(view.data.language);
    }
  }, [view.data, languageSet, i18n]);

  let body;
  if (view.isPending) body = <LoadingSpinner small loadingText={t('shell.loading')} />;
  else if (sign.isSuccess) {
    body = (
      <Notification type="success" label={t('keys.sign.doneTitle')}>
        {t('keys.sign.doneByLink')}
      </Notification>
    );
  } else if (decline.isSuccess) {
    body = (
      <Notification type="info" label={t('keys.sign.declinedTitle')}>
        {t('keys.sign.declined')}
      </Notification>
    );
  } else if (view.error) {
    const reason =
      view.error instanceof ApiError
        ? ((view.error.problem as Record<string, unknown> | null)?.reason as string | undefined)
        : undefined;
    body = (
      <Notification type="alert" label={t('keys.sign.unusableTitle')}>
        {t(`keys.sign.unusable.${reason ?? 'unknown'}`, { defaultValue: t('keys.sign.unusable.unknown') })}
      </Notification>
    );
  } else if (view.data?.method === 'visma_sign') {
    body = (
      <StrongSigningStatus view={view.data} checking={view.isFetching} onCheck={() => void view.refetch()} />
    );
  } else if (view.data) {
    const v = view.data;
    body = (
      <>
        <p className="lead">{t('keys.sign.linkIntro', { name: v.renterName })}</p>
        <AgreementSummary
          number={v.number}
          site={`${v.site.name}, ${v.site.address}`}
          association={v.association}
          renterName={v.renterName}
          handedOverBy={v.handedOverBy}
          keys={v.keys}
          expectedReturnDate={v.expectedReturnDate}
          text={v.text}
        />
        <ProblemNotice error={sign.error ?? decline.error} />
        {declining ? (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) decline.mutate(reason.trim());
            }}
          >
            <TextArea
              id="decline-reason"
              label={t('keys.sign.declineReason')}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="button-row">
              <Button
                type="submit"
                variant={ButtonVariant.Danger}
                disabled={!reason.trim() || decline.isPending}
              >
                {t('keys.sign.declineSubmit')}
              </Button>
              <Button type="button" variant={ButtonVariant.Secondary} onClick={() => setDeclining(false)}>
                {t('keys.return.back')}
              </Button>
            </div>
          </form>
        ) : (
          <>
            <SignForm
              renterName={v.renterName}
              pending={sign.isPending}
              onSubmit={(b) => sign.mutate(b)}
              submitLabel={t('keys.sign.submit')}
            />
            <Button variant={ButtonVariant.Secondary} onClick={() => setDeclining(true)}>
              {t('keys.sign.decline')}
            </Button>
          </>
        )}
      </>
    );
  }

  return (
    <div className="public-page">
      <header className="public-header">
        <span className="public-brand">{t('keys.sign.brand')}</span>
        <LanguageLinks />
      </header>
      <main id="main" className="page narrow stack">
        <h1>{t('keys.sign.linkTitle')}</h1>
        {body}
      </main>
    </div>
  );
}
