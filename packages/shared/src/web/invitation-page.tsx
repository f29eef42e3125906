import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, LoadingSpinner, PasswordInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../http-client.ts';
import { passwordProblem } from '../password.ts';
import { LanguageLinks } from './language-links.tsx';
import { ProblemNotice } from './problem-notice.tsx';
import { usePageTitle } from './page.tsx';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { HttpClient } from '../http-client.ts';
import type { InvitationView } from '../users.ts';

/** The invited user's one-time page to set a password; then they log in. Public: the token is the credential. */
export function InvitationPage({ api }: { api: HttpClient }) {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const view = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationView>(`/auth/invitations/${token}`, { noRefresh: true }),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: (body: { password: string }) =>
      api.post<void>(`/auth/invitations/${token}`, body, { noRefresh: true }),
  });
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
              revealPasswordButtonAriaLabel={t('login.showPassword')}
              concealPasswordButtonAriaLabel={t('login.hidePassword')}
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
              revealPasswordButtonAriaLabel={t('login.showPassword')}
              concealPasswordButtonAriaLabel={t('login.hidePassword')}
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
