import { StatusLabel, type StatusLabelType } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { ClockState, OfferStatus, UrgencyClass } from '@civic/shared/care-queue';
import type { VacancyStatus } from '@civic/shared/care-capacity';
import { formatDate, formatDateTime } from '@civic/shared/web/page';
import { untilDay, untilInstant, type DeadlineTone } from './time.ts';

// Every state is told by its words; the colour only repeats them.
const OFFER_TYPES: Record<OfferStatus, StatusLabelType> = {
  proposed: 'info',
  provider_confirmed: 'alert',
  accepted: 'success',
  moved_in: 'success',
  provider_declined: 'neutral',
  client_declined: 'neutral',
  expired: 'error',
  cancelled: 'neutral',
};

export function OfferStatusLabel({ status }: { status: OfferStatus }) {
  const { t } = useTranslation('offers');
  return <StatusLabel type={OFFER_TYPES[status]}>{t(`offers.status.${status}`)}</StatusLabel>;
}

const CLOCK_TYPES: Record<ClockState, StatusLabelType> = {
  within: 'neutral',
  warning: 'alert',
  critical: 'alert',
  overdue: 'error',
  outside_guarantee: 'info',
};

/** The legal clock of an entry (Elderly Services Act §18): its state in words and colour. */
export function ClockLabel({ state }: { state: ClockState }) {
  const { t } = useTranslation('offers');
  return <StatusLabel type={CLOCK_TYPES[state]}>{t(`offers.clock.${state}`)}</StatusLabel>;
}

/** "Due 5.12.2026, 3 days left" / "Due … passed by 8 days" / "waits only for chosen units". */
export function clockText(
  t: (key: string, o?: Record<string, unknown>) => string,
  clock: { state: ClockState; dueDate: string; daysLeft: number },
  lang: string,
): string {
  if (clock.state === 'outside_guarantee') return t('offers.clock.outside');
  const date = formatDate(clock.dueDate, lang);
  if (clock.daysLeft < 0) return t('offers.clock.overdueBy', { count: -clock.daysLeft, date });
  if (clock.daysLeft === 0) return t('offers.clock.dueToday', { date });
  return t('offers.clock.dueIn', { count: clock.daysLeft, date });
}

export function UrgencyLabel({ urgency }: { urgency: UrgencyClass }) {
  const { t } = useTranslation('offers');
  if (urgency === 'normal') return null;
  return (
    <StatusLabel type={urgency === 'urgent' ? 'error' : 'alert'}>
      {t(`offers.urgency.${urgency}`)}
    </StatusLabel>
  );
}

const VACANCY_TYPES: Record<VacancyStatus, StatusLabelType> = {
  open: 'success',
  offered: 'info',
  filled: 'neutral',
  withdrawn: 'neutral',
};

export function VacancyStatusLabel({ status }: { status: VacancyStatus }) {
  const { t } = useTranslation('offers');
  return <StatusLabel type={VACANCY_TYPES[status]}>{t(`care.vacancyStatus.${status}`)}</StatusLabel>;
}

const TONE_TYPES: Record<DeadlineTone, StatusLabelType> = {
  overdue: 'error',
  soon: 'alert',
  later: 'neutral',
};

/** A deadline as a Helsinki date and time, and how far it is ("in 5 h", "2 h overdue"). */
export function DeadlineAt({ at, now }: { at: string; now: number }) {
  const { t, i18n } = useTranslation('offers');
  const until = untilInstant(at, now, t);
  return (
    <span className="deadline">
      <time dateTime={at}>{formatDateTime(at, i18n.language)}</time>{' '}
      <StatusLabel type={TONE_TYPES[until.tone]}>{until.text}</StatusLabel>
    </span>
  );
}

/** A due day (move-in) with how far it is ("tomorrow", "2 days late"). */
export function DeadlineOn({ on, now }: { on: string; now: number }) {
  const { t, i18n } = useTranslation('offers');
  const until = untilDay(on, now, t);
  return (
    <span className="deadline">
      <time dateTime={on}>{formatDate(on, i18n.language)}</time>{' '}
      <StatusLabel type={TONE_TYPES[until.tone]}>{until.text}</StatusLabel>
    </span>
  );
}
