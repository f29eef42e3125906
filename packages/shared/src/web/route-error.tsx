import { Button } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../http-client.ts';
import { NotFound } from './not-found.tsx';

/** Error boundary of every route: a translated message and a way out, never a blank page. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (
    (isRouteErrorResponse(error) && error.status === 404) ||
    (error instanceof ApiError && error.status === 404)
  ) {
    return <NotFound />;
  }
  const message = error instanceof ApiError ? t(`errors.${error.code}`) : t('errors.internal_error');
  return (
    <main id="main-content" className="page">
      <Notification type="error" label={t('shell.errorTitle')}>
        {message}
      </Notification>
      <Button className="mt-m" onClick={() => window.location.reload()}>
        {t('shell.reload')}
      </Button>
    </main>
  );
}
