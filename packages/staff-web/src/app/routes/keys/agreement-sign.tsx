import { Link, useParams } from 'react-router';
import { Button, ButtonVariant, LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { downloadDocument, useAgreement, useSignInPerson } from '../../../features/keys/api/agreements.ts';
import { AgreementSummary } from '../../../features/keys/components/agreement-summary.tsx';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { SignForm } from '../../../features/keys/components/sign-form.tsx';
import { saveFile, usePageTitle } from '@civic/shared/web/page';

/** The renter signs on the site manager's device. */
export function AgreementSignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('keys.sign.title'));
  const { data: agreement, isPending, error } = useAgreement(id);
  const sign = useSignInPerson(id);
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !agreement) return <ProblemNotice error={error} />;
  const signedDoc = agreement.documents.find((d) => d.kind === 'signed_agreement');

  if (agreement.state === 'active' && signedDoc) {
    return (
      <section className="stack narrow">
        <h1>{t('keys.sign.doneTitle')}</h1>
        <Notification type="success" label={t('keys.sign.doneTitle')}>
          {t('keys.sign.done', { number: agreement.number })}
        </Notification>
        <div className="button-row">
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void downloadDocument(agreement.id, signedDoc.id).then(saveFile)}
          >
            {t('keys.agreement.downloadPdf')}
          </Button>
          <Link className="button-link primary" to="/keys">
            {t('keys.lend.backToStart')}
          </Link>
        </div>
      </section>
    );
  }
  if (agreement.state !== 'draft' && agreement.state !== 'awaiting_signature') {
    return (
      <section className="stack narrow">
        <h1>{t('keys.sign.title')}</h1>
        <Notification type="info" label={t(`keys.state.${agreement.state}`)}>
          {t('keys.sign.notSignable')}
        </Notification>
        <Link to={`/keys/agreements/${agreement.id}`}>{t('keys.lend.openAgreement')}</Link>
      </section>
    );
  }
  return (
    <section className="stack narrow">
      <h1>{t('keys.sign.title')}</h1>
      <p className="lead">{t('keys.sign.handToRenter', { name: agreement.renter.name })}</p>
      <AgreementSummary
        number={agreement.number}
        site={agreement.site.name}
        association={agreement.association.name}
        renterName={agreement.renter.name}
        handedOverBy={agreement.handedOverBy.name}
        keys={agreement.keys}
        expectedReturnDate={agreement.expectedReturnDate}
        text={agreement.text}
      />
      <ProblemNotice error={sign.error} />
      <SignForm
        renterName={agreement.renter.name}
        pending={sign.isPending}
        onSubmit={(body) => sign.mutate(body)}
        submitLabel={t('keys.sign.submit')}
      />
    </section>
  );
}
