import { useState } from 'react';
import { Link } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useLostKeys } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, formatDateTime, usePageTitle } from '@civic/shared/web/page';
import type { LostKey } from '@civic/shared/keys';
import { RekeyingForm } from '../../../features/keys/components/rekeying-form.tsx';

/** Lost keys with the doors they open and the re-keying decision about each. */
export function LostKeysPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.home.lost'));
  const { data, isPending, error } = useLostKeys();
  const [deciding, setDeciding] = useState<string | null>(null);
  const chosen = data?.find((k) => k.id === deciding);
  return (
    <section className="stack">
      <p>
        <Link to="/keys">← {t('nav.keys')}</Link>
      </p>
      <h1>{t('keys.home.lost')}</h1>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : data?.length === 0 ? (
        <p>{t('keys.lost.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('keys.lost.caption', { count: data?.length ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.key.code')}</th>
                <th scope="col">{t('keys.key.opens')}</th>
                <th scope="col">{t('keys.agreement.site')}</th>
                <th scope="col">{t('keys.lost.lostAt')}</th>
                <th scope="col">{t('keys.agreement.association')}</th>
                <th scope="col">{t('keys.lost.note')}</th>
                <th scope="col">{t('keys.lost.rekeying')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.map((k) => (
                <tr key={k.id}>
                  <td>
                    <Link to={`/keys/items/${k.id}`}>{k.code}</Link>
                  </td>
                  <td>
                    {k.opens}
                    {k.keySet ? ` (${k.keySet})` : ''}
                  </td>
                  <td>{k.site.name}</td>
                  <td>{formatDateTime(k.lostAt, i18n.language)}</td>
                  <td>
                    {k.agreementId ? (
                      <Link
                        to={`/keys/agreements/${k.agreementId}`}
                      >{`${k.association} (${k.agreementNumber})`}</Link>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{k.note ?? ''}</td>
                  <td>
                    <RekeyingSummary lostKey={k} />
                    <Button
                      variant={ButtonVariant.Secondary}
                      size={ButtonSize.Small}
                      onClick={() => setDeciding(k.id)}
                    >
                      {t('keys.lost.decide', { code: k.code })}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <RekeyingForm key={chosen.id} lostKey={chosen} />}
    </section>
  );
}

function RekeyingSummary({ lostKey }: { lostKey: LostKey }) {
  const { t, i18n } = useTranslation();
  const r = lostKey.rekeying;
  if (!r) return <span className="block">{t('keys.lost.undecided')}</span>;
  const cost =
    r.cost != null
      ? t('keys.lost.costValue', {
          cost: new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2 }).format(r.cost),
        })
      : null;
  return (
    <span className="block">
      <strong>{t(`keys.lost.decision.${r.decision}`)}</strong>
      {[
        cost,
        r.locksChangedOn
          ? t('keys.lost.locksChanged', { date: formatDate(r.locksChangedOn, i18n.language) })
          : null,
      ]
        .filter(Boolean)
        .map((x) => `, ${x}`)
        .join('')}
      <span className="block muted">
        {t('keys.lost.decidedBy', { by: r.decidedBy, at: formatDateTime(r.decidedAt, i18n.language) })}
      </span>
    </span>
  );
}
