import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@civic/shared/queue';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, formatEuro } from '@civic/shared/web/page';
import { useEntryPlaces } from '../api/get-entry-places.ts';
import { useExplain } from './explain.ts';

/**
 * The open places that fit a waiting entry, best first, by the same rule that ranks candidates for
 * a place; each says why it ranks where it does and what it lacks, and opens the place's
 * candidates and offer page with this entry chosen.
 */
export function EntryPlaces({ entry }: { entry: QueueEntry }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const explain = useExplain();
  // A live offer holds the client: nothing else fits until it ends (the rule says so too).
  const waiting = !entry.liveOffer;
  const { data, isPending, error } = useEntryPlaces(entry.id, waiting);
  const headingId = `places-${entry.id}`;
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('queue.places.title')}</h4>
      {!waiting ? (
        <p className="muted">{t('queue.places.hasOffer')}</p>
      ) : isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : error ? (
        <ProblemNotice error={error} />
      ) : !data?.length ? (
        <p>{t('queue.places.none')}</p>
      ) : (
        <ol className="place-list">
          {data.map((p) => (
            <li key={p.vacancy.id}>
              <Link to={`/care/vacancies/${p.vacancy.id}?entry=${entry.id}`}>
                <strong>{p.vacancy.unit.name}</strong>
              </Link>
              <span className="block muted">
                {[
                  p.vacancy.unit.district,
                  p.vacancy.provider.name,
                  t('queue.places.freeSince', { date: formatDate(p.vacancy.availableFrom, lang) }),
                  p.vacancy.dailyPrice !== null &&
                    t('queue.places.dailyPrice', { price: formatEuro(p.vacancy.dailyPrice, lang) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {p.spouseVacancyId && <span className="block">{t('queue.places.twoPlaces')}</span>}
              <p className="muted">{t('queue.places.why')}</p>
              <ul className="explain">
                {p.reasons.map((r, i) => (
                  <li key={i}>{explain(r)}</li>
                ))}
              </ul>
              {p.lacks.length > 0 && (
                <>
                  <p className="muted">{t('queue.places.lacks')}</p>
                  <ul className="explain lacks">
                    {p.lacks.map((l, i) => (
                      <li key={i}>{explain(l)}</li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
