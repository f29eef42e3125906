import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClientSummary } from '@civic/shared/queue';
import { useBackState } from '@civic/shared/web/back-link';
import { languageName } from '@civic/shared/web/language-names';
import { listName, useNameOf, useWaitingText } from './names.ts';

/** Clients found by a search: each opens the client's page. */
export function ClientResults({ items, caption }: { items: readonly ClientSummary[]; caption: string }) {
  const { t, i18n } = useTranslation('queue');
  const nameOf = useNameOf();
  const waitingText = useWaitingText();
  const back = useBackState('queue:queue.search.title');
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="client-results-caption">
      <table className="data-table queue-table">
        <caption id="client-results-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.table.client')}</th>
            <th scope="col">{t('queue.waitingNow')}</th>
            <th scope="col">{t('queue.needs')}</th>
            <th scope="col">{t('queue.search.openEntries')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/care/clients/${c.id}`} state={back}>
                  {listName(c)}
                </Link>
                <span className="block muted">
                  {t('queue.ageLanguage', { age: c.age, language: languageName(c.language, i18n.language) })}
                </span>
              </th>
              <td>{waitingText(c.waiting)}</td>
              <td>{c.needs.map((n) => nameOf(n.names)).join(', ') || '–'}</td>
              <td>{c.openEntries}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
