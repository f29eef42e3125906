import { Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';

/** An API refusal in the user's language; the server's detail is shown too when it names things. */
export function ProblemNotice({ error, showDetail = false }: { error: unknown; showDetail?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'internal_error';
  return (
    <Notification type="error" label={t('shell.errorTitle')} role="alert">
      {t(`errors.${code}`)}
      {showDetail && error instanceof ApiError && error.problem?.detail ? ` (${error.problem.detail})` : null}
    </Notification>
  );
}
