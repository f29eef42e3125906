import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useLostKeys } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';

/** Lost keys with the doors they open: the basis for a re-keying decision. */
export function LostKeysPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.home.lost'));
  const { data, isPending, error } = useLostKeys();
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
