import { useState } from 'react';
import { Button, ButtonVariant, LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Notification } from '@civic/shared/web/notification';
import { formatDateTime } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import type { SsoLink } from '@civic/shared/users';
import { useSsoLinks, useUnlinkSso } from '../api/get-user.ts';

/**
 * The user's links to the city login (OpenID Connect): which provider, who at it, when linked and
 * last used; an admin can remove one after saying so twice.
 */
export function SsoLinks({ userId }: { userId: string }) {
  const { t } = useTranslation('users');
  const links = useSsoLinks(userId);
  const unlink = useUnlinkSso(userId);
  const [removed, setRemoved] = useState(false);
  return (
    <section className="stack" aria-labelledby="sso-links-heading">
      <h2 id="sso-links-heading">{t('users.detail.sso.title')}</h2>
      <ProblemNotice error={links.error ?? unlink.error} />
      {removed && <Notification type="success" label={t('users.detail.sso.removed')} />}
      {links.isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : links.data?.items.length ? (
        links.data.items.map((link) => (
          <LinkCard
            key={link.id}
            link={link}
            busy={unlink.isPending}
            onRemove={() => unlink.mutate(link.id, { onSuccess: () => setRemoved(true) })}
          />
        ))
      ) : (
        links.data && <p>{t('users.detail.sso.none')}</p>
      )}
    </section>
  );
}

function LinkCard({ link, busy, onRemove }: { link: SsoLink; busy: boolean; onRemove: () => void }) {
  const { t, i18n } = useTranslation('users');
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="card stack">
      <p>
        <strong>{t('users.detail.sso.linked')}</strong>
      </p>
      <dl className="facts facts-stacked">
        <dt>{t('users.detail.sso.issuer')}</dt>
        <dd className="break-anywhere">{link.issuer}</dd>
        <dt>{t('users.detail.sso.subject')}</dt>
        <dd className="break-anywhere">{link.subject}</dd>
        <dt>{t('users.detail.sso.linkedAt')}</dt>
        <dd>
          {formatDateTime(link.linkedAt, i18n.language)} ({t(`users.detail.sso.origin.${link.origin}`)})
        </dd>
        <dt>{t('users.detail.sso.lastLogin')}</dt>
        <dd>
          {link.lastLoginAt ? formatDateTime(link.lastLoginAt, i18n.language) : t('users.detail.never')}
        </dd>
      </dl>
      {confirming ? (
        <div className="stack" role="group" aria-labelledby={`unlink-${link.id}`}>
          <p id={`unlink-${link.id}`}>{t('users.detail.sso.confirm')}</p>
          <div className="button-row">
            <Button variant={ButtonVariant.Danger} onClick={onRemove} disabled={busy}>
              {t('users.detail.sso.confirmRemove')}
            </Button>
            <Button variant={ButtonVariant.Secondary} onClick={() => setConfirming(false)} disabled={busy}>
              {t('users.detail.sso.keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Button variant={ButtonVariant.Secondary} onClick={() => setConfirming(true)}>
            {t('users.detail.sso.remove')}
          </Button>
        </div>
      )}
    </div>
  );
}
