import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, LoadingSpinner, Notification, PasswordInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import { passwordProblem } from '@civic/shared/password';
import { LanguageLinks } from '@civic/shared/web/language-links';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useAcceptInvitation, useInvitation } from '../../features/care/api/portal.ts';

/** The invited user's one-time page to set a password; then they log in. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const view = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const p = password !== repeat ? 'mismatch' : passwordProblem(password, view.data?.username);
    setProblem(p);
    if (!p) accept.mutate({ password });
  }
  const reason =
    view.error instanceof ApiError
      ? ((view.error.problem as Record<string, unknown> | null)?.reason as string | undefined)
      : undefined;
  return (
    <div className="login-page">
      <main id="main" className="login-card stack">
        <LanguageLinks />
        <h1>{t('invitation.title')}</h1>
        {view.isPending ? (
          <LoadingSpinner small loadingText={t('shell.loading')} />
        ) : view.error ? (
          <Notification type="alert" label={t('invitation.unusable')}>
            {t(`invitation.reason.${reason ?? 'unknown'}`, { defaultValue: t('invitation.reason.unknown') })}
          </Notification>
        ) : accept.isSuccess ? (
          <>
            <Notification type="success" label={t('invitation.done')} />
            <Link className="button-link primary" to="/login">
              {t('invitation.toLogin')}
            </Link>
          </>
        ) : (
          <form className="stack" onSubmit={submit} noValidate>
            <p>{t('invitation.intro', { name: view.data?.displayName, username: view.data?.username })}</p>
            <PasswordInput
              id="new-password"
              label={t('invitation.password')}
              helperText={t('invitation.passwordHelp')}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              errorText={
                problem && problem !== 'mismatch'
                  ? t(`invitation.problems.${problem}`, { defaultValue: t('invitation.problems.weak') })
                  : undefined
              }
              invalid={!!problem && problem !== 'mismatch'}
            />
            <PasswordInput
              id="repeat-password"
              label={t('invitation.repeat')}
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              errorText={problem === 'mismatch' ? t('invitation.problems.mismatch') : undefined}
              invalid={problem === 'mismatch'}
            />
            <ProblemNotice error={accept.error} />
            <Button type="submit" disabled={accept.isPending}>
              {t('invitation.submit')}
            </Button>
          </form>
        )}
      </main>
    </div>
  );
}
