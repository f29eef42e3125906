import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import type { OfferStatus } from '@civic/shared/care-queue';
import { ProblemNotice } from '@civic/shared/web/problem-notice';

/**
 * An API refusal of an offer step, in words of this feature where it has them: the refusal's
 * `reason` (`already_offered` …), a field error's message (`required_when_not_first` …), or a state
 * that changed meanwhile (`invalid_transition` names it). Anything else as the app tells problems.
 */
export function OfferProblem({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('offers');
  if (!error) return null;
  if (error instanceof ApiError) {
    const problem = error.problem as { reason?: unknown; state?: unknown } | null;
    const keys = [
      typeof problem?.reason === 'string' ? `offers.problems.${problem.reason}` : null,
      ...error.fieldErrors.map((f) => `offers.problems.${f.message}`),
    ].filter((k): k is string => !!k && i18n.exists(k, { ns: 'offers' }));
    let text = keys[0] ? t(keys[0]) : null;
    if (!text && error.code === 'invalid_transition' && typeof problem?.state === 'string') {
      text = t('offers.problems.stateChanged', {
        status: t(`offers.status.${problem.state as OfferStatus}`),
      });
    }
    if (text) {
      return (
        <Notification type="error" label={t('shell.errorTitle')} role="alert">
          {text}
        </Notification>
      );
    }
  }
  return <ProblemNotice error={error} />;
}
