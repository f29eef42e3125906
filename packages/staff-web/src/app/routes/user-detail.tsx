import { useParams } from 'react-router';
import { LoadingSpinner, StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '@civic/shared/web/back-link';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useUser } from '../../features/users/api/get-user.ts';
import { SsoLinks } from '../../features/users/components/sso-links.tsx';

/** Admin: one user, with their link to the city login. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('users');
  const user = useUser(id);
  usePageTitle(user.data?.displayName ?? t('nav.users'));
  return (
    <section className="stack">
      <BackLink fallback={{ to: '/admin/users', label: 'nav.users' }} />
      <ProblemNotice error={user.error} />
      {user.isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        user.data && (
          <>
            <h1>{user.data.displayName}</h1>
            <dl className="facts facts-stacked">
              <dt>{t('users.username')}</dt>
              <dd>{user.data.username}</dd>
              <dt>{t('users.detail.email')}</dt>
              <dd className="break-anywhere">{user.data.email || '–'}</dd>
              <dt>{t('users.roles')}</dt>
              <dd>{user.data.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
              <dt>{t('users.organisation')}</dt>
              <dd>{user.data.provider?.name ?? (user.data.sites.map((s) => s.name).join(', ') || '–')}</dd>
              <dt>{t('users.status')}</dt>
              <dd>
                {user.data.disabled ? (
                  <StatusLabel type="error">{t('users.disabled')}</StatusLabel>
                ) : user.data.lockedUntil ? (
                  <StatusLabel type="alert">{t('users.locked')}</StatusLabel>
                ) : (
                  <StatusLabel type="success">{t('users.active')}</StatusLabel>
                )}
              </dd>
              <dt>{t('users.detail.lastLogin')}</dt>
              <dd>
                {user.data.lastLoginAt
                  ? formatDateTime(user.data.lastLoginAt, i18n.language)
                  : t('users.detail.never')}
              </dd>
            </dl>
            <SsoLinks userId={user.data.id} />
          </>
        )
      )}
    </section>
  );
}
