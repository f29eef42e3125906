import { Link, useSearchParams } from 'react-router';
import { Button, ButtonVariant, Checkbox, LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { LIVE_OFFER_STATUSES, OFFER_STATUSES, type OfferStatus } from '@civic/shared/care-queue';
import type { OfferListQuery } from '@civic/shared/queue';
import { NativeSelect } from '@civic/shared/web/native-select';
import { filtersToSearchParams, formatDateTime, usePageTitle } from '@civic/shared/web/page';
import { Pager } from '@civic/shared/web/pager';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useOffers } from '../api/get-offers.ts';
import { useUnits } from '../api/get-units.ts';
import { DeadlineAt, OfferStatusLabel } from './labels.tsx';
import { offerHref } from './links.ts';
import { useNow } from './time.ts';
import './offers.css';

const PAGE_SIZE = 50;
const isStatus = (s: string): s is OfferStatus => (OFFER_STATUSES as readonly string[]).includes(s);

/** The filters kept in the address, so a view of the offers can be bookmarked and shared. */
function readQuery(params: URLSearchParams): OfferListQuery {
  const status = params.getAll('status').filter(isStatus);
  return {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
    ...(status.length ? { status } : {}),
    ...(params.get('unitId') ? { unitId: params.get('unitId')! } : {}),
    ...(params.get('clientId') ? { clientId: params.get('clientId')! } : {}),
  };
}

/** Every offer, newest first, filtered by state, unit and client. */
export function OffersList() {
  const { t, i18n } = useTranslation('offers');
  usePageTitle(t('offers.list.title'));
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const { data, isPending, error } = useOffers(query);
  const units = useUnits();
  const now = useNow();
  const set = (next: Partial<OfferListQuery>) =>
    setParams(filtersToSearchParams({ ...query, page: undefined, ...next }), { replace: true });
  const statuses = query.status ?? [];
  const filtered = statuses.length > 0 || !!query.unitId || !!query.clientId;
  const toggle = (s: OfferStatus, on: boolean) =>
    set({ status: on ? [...statuses, s] : statuses.filter((x) => x !== s) });
  const liveOnly =
    statuses.length === LIVE_OFFER_STATUSES.length && LIVE_OFFER_STATUSES.every((s) => statuses.includes(s));

  return (
    <section className="stack offers-page">
      <h1>{t('offers.list.title')}</h1>
      <form
        className="report-filters"
        aria-label={t('offers.list.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="plain-fieldset status-filters">
          <legend>{t('offers.list.statuses')}</legend>
          <Checkbox
            id="offers-live"
            label={t('offers.list.live')}
            checked={liveOnly}
            onChange={(e) => set({ status: e.target.checked ? [...LIVE_OFFER_STATUSES] : [] })}
          />
          {OFFER_STATUSES.map((s) => (
            <Checkbox
              key={s}
              id={`offers-status-${s}`}
              label={t(`offers.status.${s}`)}
              checked={statuses.includes(s)}
              onChange={(e) => toggle(s, e.target.checked)}
            />
          ))}
        </fieldset>
        <NativeSelect
          id="offers-unit"
          label={t('offers.common.unit')}
          value={query.unitId ?? ''}
          options={[
            { value: '', label: t('offers.list.allUnits') },
            ...(units.data ?? []).map((u) => ({ value: u.id, label: u.name })),
          ]}
          onChange={(unitId) => set({ unitId: unitId || undefined })}
        />
        {query.clientId && (
          <div className="wide">
            <p>{t('offers.list.clientFilter')}</p>
            <Button variant={ButtonVariant.Secondary} onClick={() => set({ clientId: undefined })}>
              {t('offers.list.clearClient')}
            </Button>
          </div>
        )}
        {filtered && (
          <div className="wide">
            <Button variant={ButtonVariant.Secondary} onClick={() => setParams({}, { replace: true })}>
              {t('offers.list.clearFilters')}
            </Button>
          </div>
        )}
      </form>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : data?.total === 0 ? (
        <div className="empty-state" role="status">
          <p>{t(filtered ? 'offers.list.noneMatching' : 'offers.list.none')}</p>
        </div>
      ) : data ? (
        <>
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption>{t('offers.list.caption', { count: data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('offers.common.client')}</th>
                  <th scope="col">{t('offers.common.unit')}</th>
                  <th scope="col">{t('offers.common.status')}</th>
                  <th scope="col">{t('offers.list.offeredAt')}</th>
                  <th scope="col">{t('offers.common.deadline')}</th>
                  <th scope="col">{t('offers.list.rank')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={offerHref(o.id)}>
                        {o.client.firstName} {o.client.lastName}
                      </Link>
                    </td>
                    <td>{o.vacancy.unit.name}</td>
                    <td>
                      <OfferStatusLabel status={o.status} />
                    </td>
                    <td className="nowrap">{formatDateTime(o.offeredAt, i18n.language)}</td>
                    <td>
                      {o.status === 'proposed' || o.status === 'provider_confirmed' ? (
                        <DeadlineAt at={o.responseDueAt} now={now} />
                      ) : (
                        t('offers.common.none')
                      )}
                    </td>
                    <td>{o.rankAtOffer ?? t('offers.common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={query.page ?? 1}
            total={data.total}
            pageSize={PAGE_SIZE}
            onPage={(page) => setParams(filtersToSearchParams({ ...query, page }))}
          />
        </>
      ) : null}
    </section>
  );
}
