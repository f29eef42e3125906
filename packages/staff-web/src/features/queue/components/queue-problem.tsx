import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import { ProblemNotice } from '@civic/shared/web/problem-notice';

/**
 * An API refusal in the user's language: the queue's own reasons (`open_entry_exists`) in this
 * feature's words, everything else as the shared notice tells it.
 */
export function QueueProblem({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('queue');
  if (!error) return null;
  const reason = error instanceof ApiError ? (error.problem as { reason?: unknown } | null)?.reason : null;
  const key = typeof reason === 'string' ? `queue.problemReasons.${reason}` : null;
  if (key && i18n.exists(key, { ns: 'queue' })) {
    return (
      <Notification type="error" label={t('shell.errorTitle')} role="alert">
        {t(key)}
      </Notification>
    );
  }
  return <ProblemNotice error={error} />;
}
