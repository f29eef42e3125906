import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, StatusLabel, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useKey, useUpdateKey } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';

/** One physical key: status, who holds it, and everything that happened to it. */
export function KeyDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data: key, isPending, error } = useKey(id);
  usePageTitle(key ? `${t('keys.key.title')} ${key.code}` : t('keys.key.title'));
  const update = useUpdateKey(id);
  const [note, setNote] = useState('');
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !key) return <ProblemNotice error={error} />;
  return (
    <section className="stack">
      <p>
        <Link to={`/keys/sites/${key.site.id}`}>← {key.site.name}</Link>
      </p>
      <h1>
        {t('keys.key.title')} {key.code}
      </h1>
      <p>
        <StatusLabel
          type={
            key.status === 'available'
              ? 'success'
              : key.status === 'lost'
                ? 'error'
                : key.status === 'lent'
                  ? 'info'
                  : 'neutral'
          }
        >
          {t(`keys.keyStatus.${key.status}`)}
        </StatusLabel>
      </p>
      <dl className="facts">
        <dt>{t('keys.key.opens')}</dt>
        <dd>{key.opens}</dd>
        <dt>{t('keys.key.keySet')}</dt>
        <dd>{key.keySet ?? '–'}</dd>
        {key.holder && (
          <>
            <dt>{t('keys.key.holder')}</dt>
            <dd>
              <Link to={`/keys/agreements/${key.holder.agreementId}`}>{key.holder.agreementNumber}</Link>:{' '}
              {key.holder.association}
              {key.holder.renter ? `, ${key.holder.renter}` : ''}
            </dd>
          </>
        )}
        {key.note && (
          <>
            <dt>{t('keys.lost.note')}</dt>
            <dd>{key.note}</dd>
          </>
        )}
      </dl>
      {key.status !== 'lent' && (
        <div className="stack cancel-box">
          <TextInput
            id="key-note"
            label={t('keys.key.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="button-row">
            {key.status !== 'available' && (
              <Button
                size={ButtonSize.Small}
                onClick={() => update.mutate({ status: 'available', ...(note ? { note } : {}) })}
              >
                {key.status === 'lost' ? t('keys.key.markFound') : t('keys.key.reinstate')}
              </Button>
            )}
            {key.status === 'available' && (
              <Button
                size={ButtonSize.Small}
                variant={ButtonVariant.Secondary}
                onClick={() => update.mutate({ status: 'lost', ...(note ? { note } : {}) })}
              >
                {t('keys.key.markLost')}
              </Button>
            )}
            {key.status !== 'retired' && (
              <Button
                size={ButtonSize.Small}
                variant={ButtonVariant.Danger}
                onClick={() => update.mutate({ status: 'retired', ...(note ? { note } : {}) })}
              >
                {t('keys.key.retire')}
              </Button>
            )}
          </div>
        </div>
      )}
      <ProblemNotice error={update.error} />
      <h2>{t('keys.key.history')}</h2>
      <ol className="timeline">
        {key.history.map((h) => (
          <li key={h.id}>
            <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time> –{' '}
            {t(`keys.keyEvent.${h.event}`, { defaultValue: h.event })} – {h.actor}
            {h.agreementId && (
              <>
                {' '}
                (<Link to={`/keys/agreements/${h.agreementId}`}>{h.agreementNumber}</Link>)
              </>
            )}
            {h.note ? `: ${h.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
