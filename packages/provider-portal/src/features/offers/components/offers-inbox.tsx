import { useId } from 'react';
import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { OfferStatus } from '@civic/shared/care-queue';
import { NativeSelect } from '@civic/shared/web/native-select';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useOffers } from '../api/get-offers.ts';
import {
  AWAITING_QUERY,
  awaitsProvider,
  byDeadline,
  OFFER_FILTERS,
  OTHER_STATUSES,
  parseOfferFilter,
  statusesOf,
  type OfferFilter,
} from '../utils/offer-state.ts';
import { OfferCards } from './offer-card.tsx';
import { useNow } from './use-now.ts';

const PAGE_SIZE = 20;

/**
 * The offers inbox: by default those awaiting the unit's action first (soonest deadline first),
 * then the others, newest first, in pages; or one status, or only those awaiting action.
 */
export function OffersInbox({
  filter,
  page,
  onFilter,
  onPage,
}: {
  filter: OfferFilter;
  page: number;
  onFilter: (filter: OfferFilter) => void;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('offers');
  const options = OFFER_FILTERS.map((f) => ({
    value: f,
    label:
      f === 'all'
        ? t('offers.filter.all')
        : f === 'action'
          ? t('offers.filter.action')
          : t(`offers.status.${f}`),
  }));
  return (
    <>
      <NativeSelect
        id="offers-filter"
        label={t('offers.filter.label')}
        value={filter}
        options={options}
        onChange={(v) => onFilter(parseOfferFilter(v))}
      />
      {filter === 'all' ? (
        <>
          <AwaitingSection />
          <OfferSection
            title={t('offers.othersTitle')}
            statuses={OTHER_STATUSES}
            page={page}
            onPage={onPage}
          />
        </>
      ) : (
        <OfferSection
          title={options.find((o) => o.value === filter)!.label}
          statuses={statusesOf(filter)}
          page={page}
          onPage={onPage}
        />
      )}
    </>
  );
}

/** Every offer awaiting action, soonest deadline first, with a way to all of them when there are many. */
function AwaitingSection() {
  const { t } = useTranslation('offers');
  const headingId = useId();
  const now = useNow();
  const { data, isPending, error } = useOffers(AWAITING_QUERY);
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('offers.awaitingTitle')}</h2>
      <ProblemNotice error={error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {data &&
        (data.total === 0 ? (
          <p>{t('offers.noneAwaiting')}</p>
        ) : (
          <>
            <p>{t('offers.count', { count: data.total })}</p>
            <OfferCards offers={[...data.items].sort(byDeadline(now))} backLabel="nav.offers" />
            {data.total > data.items.length && (
              <p>
                <Link to="/offers?status=action">{t('offers.showAllAwaiting', { count: data.total })}</Link>
              </p>
            )}
          </>
        ))}
    </section>
  );
}

function OfferSection({
  title,
  statuses,
  page,
  onPage,
}: {
  title: string;
  statuses: OfferStatus[];
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('offers');
  const headingId = useId();
  const now = useNow();
  const { data, isPending, error } = useOffers({ status: statuses, page, pageSize: PAGE_SIZE });
  // Within a page, the offers awaiting action come soonest deadline first; the rest stay newest first.
  const items = data && statuses.every(awaitsProvider) ? [...data.items].sort(byDeadline(now)) : data?.items;
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ProblemNotice error={error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {data &&
        items &&
        (data.total === 0 ? (
          <p>{t('offers.noneFound')}</p>
        ) : (
          <>
            <p>{t('offers.count', { count: data.total })}</p>
            <OfferCards offers={items} backLabel="nav.offers" />
            <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={onPage} />
          </>
        ))}
    </section>
  );
}
