import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { PlacementOffer, QueueEntry, Today } from '@civic/shared/queue';
import { formatDate, formatEuro, formatNumber, usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { offerKeys } from '../api/query-keys.ts';
import { useToday } from '../api/get-today.ts';
import { ClockLabel, clockText, DeadlineAt, DeadlineOn, OfferStatusLabel, UrgencyLabel } from './labels.tsx';
import { clientHref, offerHref, queueHref, unitHref, vacancyHref } from './links.ts';
import { useNameOf } from './names.ts';
import { useNow } from './time.ts';
import './offers.css';

const nameOf = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

/**
 * The coordinator's day: what waits for an answer and by when, whose legal deadline is near or
 * past, which places nobody has been offered, and what hospital waiting costs right now.
 */
export function TodayView() {
  const { t, i18n } = useTranslation('offers');
  usePageTitle(t('offers.today.title'));
  const { data, isPending, error } = useToday();
  // An offer made or answered, an entry or a client changed, a place reported or filled, by
  // anyone: the day is read again (the event says only what changed, the reload is the normal,
  // audited read).
  useLiveInvalidation(['care.offers', 'care.queue', 'care.vacancies'], [offerKeys.today()]);
  return (
    <section className="stack offers-page">
      <h1>{t('offers.today.title')}</h1>
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : !data ? (
        <ProblemNotice error={error} />
      ) : (
        <>
          <p className="muted">{formatDate(data.today, i18n.language)}</p>
          <TodayFigures today={data} />
          <HospitalCost today={data} />
          <AwaitingAnswer offers={data.awaitingAnswer} />
          {data.moveInsDue.length > 0 && <MoveInsDue offers={data.moveInsDue} />}
          <Deadlines entries={data.deadlines} />
          <VacanciesWithoutOffer today={data} />
        </>
      )}
    </section>
  );
}

function TodayFigures({ today }: { today: Today }) {
  const { t } = useTranslation('offers');
  const figures = [
    { key: 'awaitingCount', n: today.awaitingAnswer.length, attention: false },
    { key: 'overdueCount', n: today.deadlineCounts.overdue ?? 0, attention: true },
    { key: 'criticalCount', n: today.deadlineCounts.critical ?? 0, attention: true },
    { key: 'vacantCount', n: today.vacanciesWithoutOffer.length, attention: false },
    { key: 'hospitalCount', n: today.hospitalWaiting.clients, attention: true },
    { key: 'reassessCount', n: today.needsReassessment, attention: false },
  ];
  return (
    <section aria-labelledby="today-summary">
      <h2 id="today-summary" className="visually-hidden">
        {t('offers.today.summary')}
      </h2>
      <ul className="today-figures">
        {figures.map((f) => (
          <li key={f.key} className={f.attention && f.n > 0 ? 'attention' : undefined}>
            <span className="figure">{f.n}</span> {t(`offers.today.${f.key}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function HospitalCost({ today }: { today: Today }) {
  const { t, i18n } = useTranslation('offers');
  const lang = i18n.language;
  const h = today.hospitalWaiting;
  return (
    <section aria-labelledby="today-hospital" className="hospital-cost">
      <h2 id="today-hospital">{t('offers.today.hospital')}</h2>
      <p className="big">
        {t('offers.today.hospitalBody', {
          count: h.clients,
          days: formatNumber(h.days, lang, 0),
          euros: h.dailyPrice === null ? '–' : formatEuro(h.euros, lang),
        })}
      </p>
      <p>
        {h.dailyPrice === null
          ? t('offers.today.hospitalNoPrice')
          : t('offers.today.hospitalDaily', {
              euros: formatEuro(h.dailyEuros, lang),
              price: formatEuro(h.dailyPrice, lang),
            })}
      </p>
      <p className="link-row">
        <Link to={queueHref({ waitingSetting: 'hospital' })}>{t('offers.today.queue')}</Link>
        <Link to="/care/waiting-prices">
          {h.dailyPrice === null ? t('offers.today.setPrice') : t('offers.today.prices')}
        </Link>
      </p>
    </section>
  );
}

/** Offers waiting for the provider or the client, soonest deadline first (the API's order). */
function AwaitingAnswer({ offers }: { offers: PlacementOffer[] }) {
  const { t } = useTranslation('offers');
  const now = useNow();
  return (
    <section aria-labelledby="today-awaiting" className="stack">
      <h2 id="today-awaiting">{t('offers.today.awaiting')}</h2>
      {offers.length === 0 ? (
        <p>{t('offers.today.awaitingNone')}</p>
      ) : (
        <OfferTable
          caption={t('offers.today.awaitingCaption')}
          offers={offers}
          deadline={(o) => <DeadlineAt at={o.responseDueAt} now={now} />}
        />
      )}
    </section>
  );
}

function MoveInsDue({ offers }: { offers: PlacementOffer[] }) {
  const { t } = useTranslation('offers');
  const now = useNow();
  return (
    <section aria-labelledby="today-move-ins" className="stack">
      <h2 id="today-move-ins">{t('offers.today.moveIns')}</h2>
      <OfferTable
        caption={t('offers.today.moveInsCaption')}
        offers={offers}
        deadline={(o) => (o.moveInDueOn ? <DeadlineOn on={o.moveInDueOn} now={now} /> : null)}
      />
    </section>
  );
}

function OfferTable({
  caption,
  offers,
  deadline,
}: {
  caption: string;
  offers: PlacementOffer[];
  deadline: (o: PlacementOffer) => React.ReactNode;
}) {
  const { t } = useTranslation('offers');
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('offers.common.client')}</th>
            <th scope="col">{t('offers.common.unit')}</th>
            <th scope="col">{t('offers.common.status')}</th>
            <th scope="col">{t('offers.common.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={offerHref(o.id)}>{nameOf(o.client)}</Link>
              </td>
              <td>{o.vacancy.unit.name}</td>
              <td>
                <OfferStatusLabel status={o.status} />
              </td>
              <td>{deadline(o)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Deadlines({ entries }: { entries: QueueEntry[] }) {
  const { t, i18n } = useTranslation('offers');
  const name = useNameOf();
  const lang = i18n.language;
  return (
    <section aria-labelledby="today-deadlines" className="stack">
      <h2 id="today-deadlines">{t('offers.today.deadlines')}</h2>
      {entries.length === 0 ? (
        <p>{t('offers.today.deadlinesNone')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('offers.today.deadlinesCaption', { shown: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offers.common.client')}</th>
                <th scope="col">{t('offers.common.deadline')}</th>
                <th scope="col">{t('offers.today.waitedDays')}</th>
                <th scope="col">{t('offers.today.serviceType')}</th>
                <th scope="col">{t('offers.today.waitsAt')}</th>
                <th scope="col">{t('offers.today.liveOffer')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={clientHref(e.client.id)}>{nameOf(e.client)}</Link>
                  </td>
                  <td>
                    <span className="status-stack">
                      <ClockLabel state={e.clock.state} />
                      <UrgencyLabel urgency={e.urgency} />
                      <span>{clockText(t, e.clock, lang)}</span>
                    </span>
                  </td>
                  <td className="nowrap">{t('offers.time.days', { count: e.clock.daysWaiting })}</td>
                  <td>{name(e.serviceType.names)}</td>
                  <td>{t(`offers.waiting.${e.client.waiting?.setting ?? 'none'}`)}</td>
                  <td>
                    {e.liveOffer ? (
                      <Link to={offerHref(e.liveOffer.id)}>
                        <OfferStatusLabel status={e.liveOffer.status} />
                        <span className="visually-hidden">: {e.liveOffer.unit.name}</span>
                      </Link>
                    ) : (
                      t('offers.common.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VacanciesWithoutOffer({ today }: { today: Today }) {
  const { t, i18n } = useTranslation('offers');
  const name = useNameOf();
  const vacancies = today.vacanciesWithoutOffer;
  return (
    <section aria-labelledby="today-vacancies" className="stack">
      <h2 id="today-vacancies">{t('offers.today.vacancies')}</h2>
      {vacancies.length === 0 ? (
        <p>{t('offers.today.vacanciesNone')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('offers.today.vacanciesCaption', { count: vacancies.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offers.common.unit')}</th>
                <th scope="col">{t('offers.today.serviceType')}</th>
                <th scope="col">{t('care.board.empty')}</th>
                <th scope="col">{t('offers.today.candidates')}</th>
              </tr>
            </thead>
            <tbody>
              {vacancies.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={unitHref(v.unit.id)}>{v.unit.name}</Link>
                    <br />
                    <span className="muted">{v.unit.district}</span>
                  </td>
                  <td>{name(v.serviceType.names)}</td>
                  <td className="nowrap">
                    {t('offers.time.days', { count: v.ageDays })}
                    <br />
                    <span className="muted">{formatDate(v.availableFrom, i18n.language)}</span>
                  </td>
                  <td>
                    <Link to={vacancyHref(v.id)}>
                      {t('offers.board.open')}
                      <span className="visually-hidden">: {v.unit.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
