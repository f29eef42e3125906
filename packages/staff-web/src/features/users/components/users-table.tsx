import { useState } from 'react';
import { LoadingSpinner, StatusLabel, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@civic/shared/http-client';
import { useUsers } from '../api/get-users.ts';

export function UsersTable() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isPending, error } = useUsers({ q: q || undefined, pageSize: 100 });
  return (
    <div className="stack">
      <TextInput
        id="user-search"
        type="search"
        label={t('users.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {error && (
        <Notification type="error" label={t('shell.errorTitle')}>
          {t(`errors.${error instanceof ApiError ? error.code : 'internal_error'}`)}
        </Notification>
      )}
      {isPending ? (
        <LoadingSpinner loadingText={t('shell.loading')} small />
      ) : (
        data && (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption>{t('users.caption', { count: data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.organisation')}</th>
                  <th scope="col">{t('users.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                    </td>
                    <td>{u.username}</td>
                    <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                    <td>{u.provider?.name ?? u.sites.map((s) => s.name).join(', ')}</td>
                    <td>
                      {u.disabled ? (
                        <StatusLabel type="error">{t('users.disabled')}</StatusLabel>
                      ) : u.lockedUntil ? (
                        <StatusLabel type="alert">{t('users.locked')}</StatusLabel>
                      ) : (
                        <StatusLabel type="success">{t('users.active')}</StatusLabel>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </div>
  );
}
