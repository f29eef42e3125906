import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';

/**
 * An API refusal in the user's language. A refusal that names its `reason` (a stable code beside the
 * error code, e.g. `no_free_place`) is told in words of its own when the apps have them
 * (`problemReasons.*`); otherwise the code's message, and the server's detail too when asked for
 * because it names things (in English, so only then).
 */
export function ProblemNotice({ error, showDetail = false }: { error: unknown; showDetail?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'internal_error';
  const reason =
    error instanceof ApiError ? (error.problem as { reason?: unknown } | null)?.reason : undefined;
  const reasonKey = typeof reason === 'string' ? `problemReasons.${reason}` : null;
  const reasonText = reasonKey && i18n.exists(reasonKey) ? t(reasonKey) : null;
  return (
    <Notification type="error" label={t('shell.errorTitle')} role="alert">
      {reasonText ?? t(`errors.${code}`)}
      {!reasonText && showDetail && error instanceof ApiError && error.problem?.detail
        ? ` (${error.problem.detail})`
        : null}
    </Notification>
  );
}
