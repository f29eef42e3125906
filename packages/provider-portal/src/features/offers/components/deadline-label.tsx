import { StatusLabel, type StatusLabelType } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { PortalOffer } from '@civic/shared/queue';
import { formatDate, formatDateTime } from '@civic/shared/web/page';
import { deadlineOf, relativeDays, relativeTime, uiLocale, type DeadlineTone } from '../utils/offer-state.ts';
import { useNow } from './use-now.ts';

const LABEL_TYPE: Record<DeadlineTone, StatusLabelType> = {
  overdue: 'error',
  soon: 'alert',
  later: 'info',
  info: 'neutral',
};

/**
 * An offer's deadline by colour and in words: "in 5 hours" or "Overdue, 2 hours ago", then the
 * Helsinki date and time it falls on ("Confirm or decline by 3 Dec 2026, 19:00").
 */
export function DeadlineLabel({ offer }: { offer: PortalOffer }) {
  const { t, i18n } = useTranslation('offers');
  const now = useNow();
  const deadline = deadlineOf(offer, now);
  if (!deadline) return null;
  const lang = i18n.language;
  const locale = uiLocale(lang);
  const relative = deadline.dueIsDate
    ? relativeDays(deadline.left, locale)
    : relativeTime(deadline.left, locale);
  const when = deadline.dueIsDate ? formatDate(deadline.due, lang) : formatDateTime(deadline.due, lang);
  return (
    <p className={`deadline deadline-${deadline.tone}`}>
      <StatusLabel type={LABEL_TYPE[deadline.tone]}>
        {deadline.tone === 'overdue' ? `${t('offers.deadline.overdue')}, ${relative}` : relative}
      </StatusLabel>{' '}
      <span>{t(`offers.deadline.${deadline.kind}By`, { when })}</span>
    </p>
  );
}
