import { LoadingSpinner } from 'hds-react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, type Role } from '../roles.ts';
import { useAuth } from './auth.tsx';
import { NotFound } from './not-found.tsx';

/** Guards routes: sends anonymous users to login and hides areas the user's roles do not open. */
export function RequireAuth({ roles }: { roles?: readonly Role[] }) {
  const { state } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <div className="page centered">
        <LoadingSpinner loadingText={t('shell.loading')} />
      </div>
    );
  }
  if (state.status === 'anonymous') {
    return (
      <Navigate to="/login" replace state={{ from: location.pathname, sessionEnded: state.sessionEnded }} />
    );
  }
  if (roles && !hasAnyRole(state.me.roles, roles)) return <NotFound />;
  return <Outlet />;
}
