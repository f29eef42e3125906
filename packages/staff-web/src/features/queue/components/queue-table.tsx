import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@civic/shared/queue';
import { useBackState } from '@civic/shared/web/back-link';
import { formatDate } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { ClockLabel } from './clock-label.tsx';
import { listName, useNameOf, useWaitingText } from './names.ts';
import { EntryStatus } from './entry-status.tsx';

/** The queue in order: who, how the legal clock stands (first, so a phone shows it), for what, where they wait, what is going on. */
export function QueueTable({ items, caption }: { items: readonly QueueEntry[]; caption: string }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const waitingText = useWaitingText();
  const back = useBackState('queue:queue.title');
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="queue-caption">
      <table className="data-table queue-table">
        <caption id="queue-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.table.position')}</th>
            <th scope="col">{t('queue.table.client')}</th>
            <th scope="col">{t('queue.table.clock')}</th>
            <th scope="col">{t('queue.table.inQueue')}</th>
            <th scope="col">{t('queue.table.service')}</th>
            <th scope="col">{t('queue.waitingNow')}</th>
            <th scope="col">{t('queue.table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{e.position ?? '–'}</td>
              <th scope="row">
                <Link to={`/care/clients/${e.client.id}`} state={back}>
                  {listName(e.client)}
                </Link>
                <span className="block muted">
                  {t('queue.ageLanguage', {
                    age: e.client.age,
                    language: languageName(e.client.language, lang),
                  })}
                </span>
                {e.client.needs.length > 0 && (
                  <span className="block muted">{e.client.needs.map((n) => nameOf(n.names)).join(', ')}</span>
                )}
                {e.client.spouse && (
                  <span className="block muted">{t('queue.spouseName', { name: e.client.spouse.name })}</span>
                )}
              </th>
              <td>
                <ClockLabel entry={e} />
              </td>
              <td>
                <span className="nowrap">{t('queue.days', { count: e.clock.daysWaiting })}</span>
                <span className="block muted">
                  {t('queue.decidedOn', { date: formatDate(e.decisionDate, lang) })}
                </span>
              </td>
              <td>
                {nameOf(e.serviceType.names)}
                <span className="block">{t(`queue.urgencyClass.${e.urgency}`)}</span>
                {e.priorityDate && (
                  <span className="block muted">
                    {t('queue.priorityDateShort', { date: formatDate(e.priorityDate, lang) })}
                  </span>
                )}
              </td>
              <td>
                {waitingText(e.client.waiting)}
                {e.daysSinceReady > 0 && (
                  <span className="block muted">{t('queue.readyFor', { count: e.daysSinceReady })}</span>
                )}
              </td>
              <td>
                <EntryStatus entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
