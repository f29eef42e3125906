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
      <h2 id="sso-links-heading">{t('userDetail.sso.title')}</h2>
      <ProblemNotice error={links.error ?? unlink.error} />
      {removed && <Notification type="success" label={t('userDetail.sso.removed')} />}
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
        links.data && <p>{t('userDetail.sso.none')}</p>
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
        <strong>{t('userDetail.sso.linked')}</strong>
      </p>
      <dl className="facts facts-stacked">
        <dt>{t('userDetail.sso.issuer')}</dt>
        <dd className="break-anywhere">{link.issuer}</dd>
        <dt>{t('userDetail.sso.subject')}</dt>
        <dd className="break-anywhere">{link.subject}</dd>
        <dt>{t('userDetail.sso.linkedAt')}</dt>
        <dd>
          {formatDateTime(link.linkedAt, i18n.language)} ({t(`userDetail.sso.origin.${link.origin}`)})
        </dd>
        <dt>{t('userDetail.sso.lastLogin')}</dt>
        <dd>{link.lastLoginAt ? formatDateTime(link.lastLoginAt, i18n.language) : t('userDetail.never')}</dd>
      </dl>
      {confirming ? (
        <div className="stack" role="group" aria-labelledby={`unlink-${link.id}`}>
          <p id={`unlink-${link.id}`}>{t('userDetail.sso.confirm')}</p>
          <div className="button-row">
            <Button variant={ButtonVariant.Danger} onClick={onRemove} disabled={busy}>
              {t('userDetail.sso.confirmRemove')}
            </Button>
            <Button variant={ButtonVariant.Secondary} onClick={() => setConfirming(false)} disabled={busy}>
              {t('userDetail.sso.keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Button variant={ButtonVariant.Secondary} onClick={() => setConfirming(true)}>
            {t('userDetail.sso.remove')}
          </Button>
        </div>
      )}
    </div>
  );
}
