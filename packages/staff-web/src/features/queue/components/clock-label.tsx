import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@civic/shared/queue';
import { isOpenEntry } from '@civic/shared/care-queue';
import { formatDate } from '@civic/shared/web/page';
import './queue.css';

/**
 * How the legal clock stands (Elderly Services Act §18), shown by colour and by words alike: within
 * the 3 months, warning from day 60, critical from day 80, overdue, outside the guarantee (only
 * chosen units), and urgent care, which is due at once.
 */
export type ClockLook = 'ok' | 'warning' | 'critical' | 'urgent' | 'overdue' | 'outside';

export function clockLook(entry: Pick<QueueEntry, 'clock' | 'urgency'>): ClockLook {
  switch (entry.clock.state) {
    case 'within':
      return 'ok';
    case 'warning':
      return 'warning';
    case 'critical':
      return entry.urgency === 'urgent' ? 'urgent' : 'critical';
    case 'overdue':
      return 'overdue';
    case 'outside_guarantee':
      return 'outside';
  }
}

/** The clock as a coloured label with its words, and how many days are left or over. */
export function ClockLabel({
  entry,
  detail = true,
}: {
  entry: Pick<QueueEntry, 'clock' | 'urgency' | 'status'>;
  detail?: boolean;
}) {
  const { t, i18n } = useTranslation('queue');
  const { clock } = entry;
  if (!isOpenEntry(entry.status)) {
    // The wait has ended: whether care started within the guarantee.
    return (
      <span className="muted">
        {clock.metDeadline === null
          ? t('queue.clock.ended')
          : t(clock.metDeadline ? 'queue.clock.metDeadline' : 'queue.clock.missedDeadline')}
      </span>
    );
  }
  const look = clockLook(entry);
  const left =
    look === 'outside'
      ? null
      : clock.daysLeft >= 0
        ? t('queue.clock.daysLeft', { count: clock.daysLeft })
        : t('queue.clock.daysOver', { count: -clock.daysLeft });
  return (
    <span className="clock">
      <span className={`clock-label clock-${look}`}>{t(`queue.clock.${look}`)}</span>
      {detail && (
        <span className="clock-detail">
          {left && <span>{left}</span>}
          {look !== 'outside' && (
            <span className="muted">
              {t('queue.clock.due', { date: formatDate(clock.dueDate, i18n.language) })}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
