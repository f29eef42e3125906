import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@civic/shared/queue';
import { isOpenEntry } from '@civic/shared/care-queue';
import { formatDate } from '@civic/shared/web/page';
import { ClockLabel } from './clock-label.tsx';
import { EntryPlaces } from './entry-places.tsx';
import { EntryStatus } from './entry-status.tsx';
import { useNameOf } from './names.ts';

/** One queue entry of a client: its clock, dates, preferences and what can be done with it. */
export function EntryCard({ entry }: { entry: QueueEntry }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const open = isOpenEntry(entry.status);
  const headingId = `entry-${entry.id}`;
  return (
    <article className={`entry-card stack${open ? '' : ' closed'}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {nameOf(entry.serviceType.names)} – {t(`queue.status.${entry.status}`)}
      </h3>
      <ClockLabel entry={entry} />
      <dl className="facts">
        <dt>{t('queue.urgency')}</dt>
        <dd>{t(`queue.urgencyClass.${entry.urgency}`)}</dd>
        {open && (
          <>
            <dt>{t('queue.entry.position')}</dt>
            <dd>{entry.position ?? '–'}</dd>
          </>
        )}
        <dt>{t('queue.entry.decisionDate')}</dt>
        <dd>{formatDate(entry.decisionDate, lang)}</dd>
        <dt>{t('queue.entry.readyDate')}</dt>
        <dd>
          {formatDate(entry.readyDate, lang)}
          {open && entry.daysSinceReady > 0 && (
            <span className="muted"> ({t('queue.readyFor', { count: entry.daysSinceReady })})</span>
          )}
        </dd>
        <dt>{t('queue.entry.daysWaiting')}</dt>
        <dd>{t('queue.days', { count: entry.clock.daysWaiting })}</dd>
        {entry.clockRestartedOn && (
          <>
            <dt>{t('queue.entry.clockRestarted')}</dt>
            <dd>{formatDate(entry.clockRestartedOn, lang)}</dd>
          </>
        )}
        {entry.priorityDate && (
          <>
            <dt>{t('queue.entry.priorityDate')}</dt>
            <dd>{formatDate(entry.priorityDate, lang)}</dd>
          </>
        )}
        {entry.priorityReason && (
          <>
            <dt>{t('queue.entry.priorityReason')}</dt>
            <dd>{entry.priorityReason}</dd>
          </>
        )}
        <dt>{t('queue.entry.preferredUnits')}</dt>
        <dd>
          {entry.preferredUnits.length ? (
            <ol className="explain">
              {entry.preferredUnits.map((u) => (
                <li key={u.id}>
                  {u.name} <span className="muted">({u.district})</span>
                </li>
              ))}
            </ol>
          ) : (
            t('queue.entry.anyUnit')
          )}
          {entry.onlyPreferredUnits && <strong className="block">{t('queue.entry.onlyPreferred')}</strong>}
        </dd>
        <dt>{t('queue.entry.preferredDistricts')}</dt>
        <dd>{entry.preferredDistricts.join(', ') || t('queue.entry.anyDistrict')}</dd>
        <dt>{t('queue.table.status')}</dt>
        <dd>
          <EntryStatus entry={entry} />
        </dd>
        {entry.closedOn && (
          <>
            <dt>{t('queue.entry.closedOn')}</dt>
            <dd>
              {formatDate(entry.closedOn, lang)}
              {entry.closeNote && <span className="block">{entry.closeNote}</span>}
            </dd>
          </>
        )}
      </dl>
      {open && (
        <>
          <nav
            className="button-row"
            aria-label={t('queue.entry.actions', { name: nameOf(entry.serviceType.names) })}
          >
            <Link className="button-link" to={`/care/queue/entries/${entry.id}/edit`}>
              {t('queue.entry.edit')}
            </Link>
            <Link className="button-link" to={`/care/queue/entries/${entry.id}/priority`}>
              {t('queue.priority.title')}
            </Link>
            <Link className="button-link" to={`/care/queue/entries/${entry.id}/close`}>
              {t('queue.close.title')}
            </Link>
          </nav>
          <EntryPlaces entry={entry} />
        </>
      )}
    </article>
  );
}
