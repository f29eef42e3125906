import { LoadingSpinner } from 'hds-react';
import { Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, type Role } from '../roles.ts';
import { useAuth } from './auth.tsx';
import { NotFound } from './not-found.tsx';

/** What shows while the session or a page's code is being fetched. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page centered">
      <LoadingSpinner loadingText={t('shell.loading')} />
    </div>
  );
}

/**
 * The app's routes under one root that shows `PageLoading` while the first page's lazy code loads
 * (React Router renders nothing, and warns, when no route on the way has a fallback).
 */
export const withLoadingFallback = (routes: RouteObject[]): RouteObject[] => [
  { hydrateFallbackElement: <PageLoading />, children: routes },
];

/** Guards routes: sends anonymous users to login and hides areas the user's roles do not open. */
export function RequireAuth({ roles }: { roles?: readonly Role[] }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'anonymous') {
    return (
      <Navigate to="/login" replace state={{ from: location.pathname, sessionEnded: state.sessionEnded }} />
    );
  }
  if (roles && !hasAnyRole(state.me.roles, roles)) return <NotFound />;
  return <Outlet />;
}
