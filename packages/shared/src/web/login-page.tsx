import { lazy, Suspense, useEffect, useState } from 'react';
import { Notification } from '@civic/shared/web/notification';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UserMe } from '../auth.ts';
import { LoginForm } from './login-form.tsx';
import { useAuth } from './auth.tsx';
import { LanguageLinks } from './language-links.tsx';

const LoginSso = lazy(() => import('./login-sso.tsx').then((m) => ({ default: m.LoginSso })));

/**
 * Login of either app. `accepts` says whose work is in this app; anyone else is told where to go
 * (provider staff to the portal, city staff to the staff app) and not left signed in here.
 */
export function LoginPage({
  accepts,
  otherAppHref,
}: {
  accepts: (me: UserMe) => boolean;
  otherAppHref: string;
}) {
  const { t, i18n } = useTranslation();
  const { state, logout, sso } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string; sessionEnded?: boolean } | null) ?? {};
  const [wrongApp, setWrongApp] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} – ${t('app.title')}`;
  }, [t]);

  if (state.status === 'authenticated' && accepts(state.me))
    return <Navigate to={from.from ?? '/'} replace />;

  return (
    <main id="main-content" className="login-page">
      <div className="login-card">
        <LanguageLinks />
        <h1>{t('app.title')}</h1>
        <p>{t('login.intro')}</p>
        {from.sessionEnded && !wrongApp && (
          <Notification type="info" label={t('login.sessionEndedTitle')}>
            {t('errors.token_expired')}
          </Notification>
        )}
        {!wrongApp && (
          <Suspense fallback={null}>
            <LoginSso
              language={i18n.resolvedLanguage ?? 'fi'}
              search={location.search}
              failedLabel={t('login.failed')}
              apiBase={sso.apiBase}
              app={sso.app}
              returnTo={from.from ?? '/'}
            />
          </Suspense>
        )}
        {wrongApp ? (
          <Notification type="alert" label={t('login.wrongAppTitle')}>
            {t('login.wrongApp')} <a href={otherAppHref}>{t('login.toOtherApp')}</a>
          </Notification>
        ) : (
          <LoginForm
            onLoggedIn={(me) => {
              if (!accepts(me)) {
                setWrongApp(true);
                void logout();
                return;
              }
              void navigate(from.from ?? '/', { replace: true });
            }}
          />
        )}
      </div>
    </main>
  );
}
