import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { allowedKeyAgreementEvents } from '@civic/shared/key-agreement';
import {
  downloadDocument,
  useAgreement,
  useCancelAgreement,
  useRemind,
  useRequestSignature,
  useSendLink,
} from '../../../features/keys/api/agreements.ts';
import { AgreementStateLabel, DueLabel } from '../../../features/keys/components/state-label.tsx';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, formatDateTime, saveFile, usePageTitle } from '@civic/shared/web/page';

/** One agreement: parties, keys, documents, actions that can work now, and (for key staff) the timeline. */
export function AgreementDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data: a, isPending, error } = useAgreement(id);
  usePageTitle(a ? `${t('keys.agreement.title')} ${a.number}` : t('keys.agreement.title'));
  const sendLink = useSendLink();
  const requestSignature = useRequestSignature();
  const cancel = useCancelAgreement(id);
  const remind = useRemind(id);
  const [cancelReason, setCancelReason] = useState('');
  const [reminded, setReminded] = useState(false);
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !a) return <ProblemNotice error={error} />;
  const allowed = allowedKeyAgreementEvents(a.state);
  const lang = i18n.language;

  return (
    <section className="stack">
      <p>
        <Link to={a.timeline ? '/keys/report' : '/keys'}>
          ← {a.timeline ? t('keys.home.report') : t('keys.lend.backToStart')}
        </Link>
      </p>
      <h1>
        {t('keys.agreement.title')} {a.number}
      </h1>
      <p>
        <AgreementStateLabel state={a.state} /> <DueLabel due={a.dueStatus} />
      </p>
      {a.anonymised && (
        <Notification type="info" label={t('keys.agreement.anonymised')}>
          {t('keys.agreement.anonymisedHelp')}
        </Notification>
      )}
      <dl className="facts">
        <dt>{t('keys.agreement.site')}</dt>
        <dd>{a.site.name}</dd>
        <dt>{t('keys.agreement.association')}</dt>
        <dd>
          {a.association.name}
          {a.association.businessId ? ` (${a.association.businessId})` : ''}
        </dd>
        <dt>{t('keys.agreement.renter')}</dt>
        <dd>{[a.renter.name, a.renter.email, a.renter.phone].filter(Boolean).join(', ')}</dd>
        <dt>{t('keys.agreement.handedOverBy')}</dt>
        <dd>{a.handedOverBy.name}</dd>
        <dt>{t('keys.agreement.created')}</dt>
        <dd>{formatDateTime(a.createdAt, lang)}</dd>
        <dt>{t('keys.agreement.signed')}</dt>
        <dd>
          {formatDateTime(a.signedAt, lang)}
          {a.signingMethod ? ` (${t(`keys.agreement.method.${a.signingMethod}`)})` : ''}
        </dd>
        <dt>{t('keys.agreement.expectedReturn')}</dt>
        <dd>{formatDate(a.expectedReturnDate, lang)}</dd>
        {a.returnedAt && (
          <>
            <dt>{t('keys.agreement.returned')}</dt>
            <dd>{formatDateTime(a.returnedAt, lang)}</dd>
          </>
        )}
        {a.declineReason && (
          <>
            <dt>{t('keys.agreement.declineReason')}</dt>
            <dd>{a.declineReason}</dd>
          </>
        )}
        {a.signingLink && (
          <>
            <dt>{t('keys.agreement.signingLink')}</dt>
            <dd>
              {t('keys.agreement.linkInfo', {
                sentTo: a.signingLink.sentTo || '–',
                sentAt: formatDateTime(a.signingLink.sentAt, lang),
                expiresAt: formatDateTime(a.signingLink.expiresAt, lang),
              })}
            </dd>
          </>
        )}
        {a.signingRequest && (
          <>
            <dt>{t('keys.agreement.signingRequest')}</dt>
            <dd>
              {t('keys.agreement.requestInfo', {
                status: t(`keys.agreement.requestStatus.${a.signingRequest.status}`),
                sentTo: a.signingRequest.sentTo || '–',
                sentAt: formatDateTime(a.signingRequest.sentAt, lang),
                expiresAt: formatDateTime(a.signingRequest.expiresAt, lang),
              })}
              {a.signingRequest.lastCheckedAt
                ? `; ${t('keys.agreement.lastChecked', { at: formatDateTime(a.signingRequest.lastCheckedAt, lang) })}`
                : ''}
              {a.signingRequest.problem && <span className="block muted">{a.signingRequest.problem}</span>}
            </dd>
          </>
        )}
        <dt>{t('keys.agreement.templateVersion')}</dt>
        <dd>{a.templateVersion}</dd>
      </dl>

      <h2>{t('keys.agreement.keys')}</h2>
      <ul>
        {a.keys.map((k) => (
          <li key={k.id}>
            {a.timeline ? <Link to={`/keys/items/${k.id}`}>{k.code}</Link> : <strong>{k.code}</strong>} –{' '}
            {k.opens}: {t(`keys.agreementKey.${k.state}`)}
            {k.returnedAt ? ` ${formatDateTime(k.returnedAt, lang)}` : ''}
          </li>
        ))}
      </ul>

      {a.documents.length > 0 && (
        <>
          <h2>{t('keys.agreement.documents')}</h2>
          <ul>
            {a.documents.map((d) => (
              <li key={d.id}>
                <Button
                  variant={ButtonVariant.Secondary}
                  size={ButtonSize.Small}
                  onClick={() => void downloadDocument(a.id, d.id).then(saveFile)}
                >
                  {`${t(`keys.agreement.docKind.${d.kind}`)} (${formatDateTime(d.createdAt, lang)})`}
                </Button>
                <span className="muted hash">SHA-256 {d.sha256}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('keys.agreement.actions')}</h2>
      <ProblemNotice
        error={sendLink.error ?? requestSignature.error ?? cancel.error ?? remind.error}
        showDetail
      />
      {reminded && <Notification type="success" label={t('keys.agreement.reminded')} />}
      <div className="button-row">
        {(a.state === 'draft' || a.state === 'awaiting_signature') && (
          <Link className="button-link primary" to={`/keys/agreements/${a.id}/sign`}>
            {t('keys.lend.signHere')}
          </Link>
        )}
        {a.signingMethod === 'visma_sign' && allowed.includes('request_signature') && (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => requestSignature.mutate({ id: a.id, method: 'visma_sign' })}
            disabled={requestSignature.isPending}
          >
            {t('keys.agreement.resendStrong')}
          </Button>
        )}
        {(allowed.includes('send_link') || allowed.includes('resend_link')) && (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => sendLink.mutate({ id: a.id })}
            disabled={sendLink.isPending}
          >
            {a.signingLink ? t('keys.agreement.resendLink') : t('keys.lend.sendLink')}
          </Button>
        )}
        {(a.state === 'active' || a.state === 'partially_returned') && (
          <Link className="button-link" to={`/keys/sites/${a.site.id}/return`}>
            {t('keys.home.return')}
          </Link>
        )}
        {a.timeline && (a.state === 'active' || a.state === 'partially_returned') && (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => remind.mutate(undefined, { onSuccess: () => setReminded(true) })}
            disabled={remind.isPending}
          >
            {t('keys.agreement.remind')}
          </Button>
        )}
      </div>
      {allowed.includes('cancel') && (
        <div className="stack cancel-box">
          <TextInput
            id="cancel-reason"
            label={t('keys.agreement.cancelReason')}
            value={cancelReason}
            onChange={(e) => setCancelReason(e.target.value)}
          />
          <Button
            variant={ButtonVariant.Danger}
            onClick={() => cancel.mutate(cancelReason)}
            disabled={cancel.isPending}
          >
            {t('keys.agreement.cancel')}
          </Button>
        </div>
      )}

      {a.timeline && (
        <>
          <h2>{t('keys.agreement.timeline')}</h2>
          <ol className="timeline">
            {a.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> –{' '}
                {t(`keys.event.${e.event}`, { defaultValue: e.event })}
                {e.toState && e.fromState !== e.toState ? ` (${t(`keys.state.${e.toState}`)})` : ''} –{' '}
                {e.actor}
                <TimelineDetails details={e.details} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

type Evidence = {
  signerName?: string;
  identification?: string;
  signedAt?: string;
  vendorFileSha256?: string;
};

/** The evidence of a signature and the reason of a signing request's end, where the timeline has them. */
function TimelineDetails({ details }: { details: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const evidence = details.evidence as Evidence | undefined;
  const method = details.method as string | undefined;
  if (evidence?.identification) {
    return (
      <span className="block muted">
        {t('keys.agreement.evidence', {
          name: evidence.signerName ?? '',
          how: t(`keys.agreement.identification.${evidence.identification}`),
        })}
        {evidence.signedAt ? `, ${formatDateTime(evidence.signedAt, i18n.language)}` : ''}
      </span>
    );
  }
  if (method && method !== 'in_person' && method !== 'link') {
    const extra = [details.reason, details.problem].filter(Boolean).join(', ');
    return (
      <span className="block muted">
        {t(`keys.agreement.method.${method}`)}
        {extra ? ` (${String(extra)})` : ''}
      </span>
    );
  }
  return null;
}
