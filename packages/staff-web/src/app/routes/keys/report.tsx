import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ButtonSize, ButtonVariant, Checkbox, LoadingSpinner, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { KEY_AGREEMENT_STATES, type KeyAgreementState } from '@civic/shared/key-agreement';
import type { Language } from '@civic/shared/common';
import type { REPORT_SORTS } from '@civic/shared/keys';
import { type KeyAgreementReportQuery } from '@civic/shared/keys';
import { useSites } from '../../../features/keys/api/sites.ts';
import { exportReport, useReport } from '../../../features/keys/api/report.ts';
import { AgreementStateLabel, DueLabel } from '../../../features/keys/components/state-label.tsx';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { filtersToSearchParams, formatDate, saveFile, usePageTitle } from '@civic/shared/web/page';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { keysQueryKeys } from '../../../features/keys/api/query-keys.ts';
import { DateField } from '@civic/shared/web/date-field';

type Sort = (typeof REPORT_SORTS)[number];
const PAGE_SIZE = 50;

/** The filters live in the address, so a report can be bookmarked and shared. */
function useReportQuery(): [KeyAgreementReportQuery, (patch: Partial<KeyAgreementReportQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const query: KeyAgreementReportQuery = {
    siteId: params.getAll('siteId'),
    state: params.getAll('state') as KeyAgreementState[],
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    due: (params.get('due') as KeyAgreementReportQuery['due']) ?? undefined,
    lost: params.get('lost') === 'true' || undefined,
    q: params.get('q') ?? undefined,
    sort: (params.get('sort') as Sort) ?? 'createdAt',
    order: (params.get('order') as 'asc' | 'desc') ?? 'desc',
    page: Number(params.get('page') ?? 1),
    pageSize: PAGE_SIZE,
  };
  const update = (patch: Partial<KeyAgreementReportQuery>) => {
    const next = { ...query, page: 1, ...patch };
    setParams(filtersToSearchParams(next), { replace: true });
  };
  return [query, update];
}

export function ReportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.home.report'));
  const [query, update] = useReportQuery();
  const { data, isPending, isFetching, error } = useReport(query);
  // A signature, a return or a lost key anywhere shows in the open report.
  useLiveInvalidation(['keys.agreements'], [keysQueryKeys.reports()]);
  const { data: sites } = useSites();
  const [search, setSearch] = useState(query.q ?? '');
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const lang = i18n.language;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const toggle = <T extends string>(list: readonly T[] | undefined, value: T, on: boolean) =>
    on ? [...(list ?? []), value] : (list ?? []).filter((x) => x !== value);

  async function download(format: 'csv' | 'xlsx') {
    setExporting(format);
    setExportError(null);
    try {
      saveFile(await exportReport(query, format, lang as Language));
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(null);
    }
  }

  const sortHeader = (key: Sort, label: string) => {
    const active = query.sort === key;
    return (
      <th scope="col" aria-sort={active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="sort-button"
          onClick={() => update({ sort: key, order: active && query.order === 'desc' ? 'asc' : 'desc' })}
        >
          {label}
          <span aria-hidden="true">{active ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section className="stack">
      <p>
        <Link to="/keys">← {t('nav.keys')}</Link>
      </p>
      <h1>{t('keys.home.report')}</h1>
      <form
        className="report-filters"
        role="search"
        aria-label={t('keys.report.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search || undefined });
        }}
      >
        <fieldset className="plain-fieldset filter-group">
          <legend>{t('keys.report.sites')}</legend>
          {sites?.map((s) => (
            <Checkbox
              key={s.id}
              id={`f-site-${s.id}`}
              label={s.name}
              checked={query.siteId?.includes(s.id) ?? false}
              onChange={(e) => update({ siteId: toggle(query.siteId, s.id, e.target.checked) })}
            />
          ))}
        </fieldset>
        <fieldset className="plain-fieldset filter-group">
          <legend>{t('keys.report.states')}</legend>
          {KEY_AGREEMENT_STATES.map((s) => (
            <Checkbox
              key={s}
              id={`f-state-${s}`}
              label={t(`keys.state.${s}`)}
              checked={query.state?.includes(s) ?? false}
              onChange={(e) => update({ state: toggle(query.state, s, e.target.checked) })}
            />
          ))}
        </fieldset>
        <div className="filter-group filter-fields stack">
          <NativeSelect
            id="f-due"
            label={t('keys.report.due')}
            value={query.due ?? ''}
            options={[
              { value: '', label: t('keys.report.dueAll') },
              { value: 'overdue', label: t('keys.due.overdue') },
              { value: 'due_soon', label: t('keys.due.due_soon') },
            ]}
            onChange={(v) => update({ due: (v || undefined) as KeyAgreementReportQuery['due'] })}
          />
          <Checkbox
            id="f-lost"
            label={t('keys.report.lostOnly')}
            checked={!!query.lost}
            onChange={(e) => update({ lost: e.target.checked || undefined })}
          />
          <DateField
            id="f-from"
            label={t('keys.report.from')}
            value={query.from ?? ''}
            onChange={(iso) => update({ from: iso || undefined })}
          />
          <DateField
            id="f-to"
            label={t('keys.report.to')}
            value={query.to ?? ''}
            onChange={(iso) => update({ to: iso || undefined })}
          />
        </div>
        <div className="filter-group stack">
          <TextInput
            id="f-q"
            type="search"
            label={t('keys.report.search')}
            helperText={t('keys.report.searchHelp')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="button-row">
            <Button type="submit" size={ButtonSize.Small}>
              {t('keys.report.apply')}
            </Button>
            <Button
              type="button"
              size={ButtonSize.Small}
              variant={ButtonVariant.Secondary}
              onClick={() => {
                setSearch('');
                update({
                  siteId: [],
                  state: [],
                  due: undefined,
                  lost: undefined,
                  from: undefined,
                  to: undefined,
                  q: undefined,
                });
              }}
            >
              {t('keys.report.clear')}
            </Button>
          </div>
        </div>
      </form>

      <ProblemNotice error={error ?? exportError} />
      {data && (
        <div className="summary" aria-live="polite">
          <p>
            <strong>{t('keys.report.total', { count: data.total })}</strong>
            {' · '}
            {t('keys.report.keysOut', { count: data.summary.keysOut })}
            {' · '}
            {t('keys.report.overdueCount', { count: data.summary.overdue })}
            {' · '}
            {t('keys.report.dueSoonCount', { count: data.summary.dueSoon })}
            {' · '}
            {t('keys.report.lostCount', { count: data.summary.withLostKeys })}
          </p>
          <ul className="inline-list">
            {Object.entries(data.summary.byState).map(([state, n]) => (
              <li key={state}>
                {t(`keys.state.${state}`)}: {n}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="button-row">
        <Button
          variant={ButtonVariant.Secondary}
          size={ButtonSize.Small}
          onClick={() => void download('csv')}
          disabled={!!exporting}
        >
          {exporting === 'csv' ? t('keys.report.exporting') : t('keys.report.exportCsv')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          size={ButtonSize.Small}
          onClick={() => void download('xlsx')}
          disabled={!!exporting}
        >
          {exporting === 'xlsx' ? t('keys.report.exporting') : t('keys.report.exportXlsx')}
        </Button>
      </div>
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        data && (
          <div className="table-scroll" tabIndex={0} aria-busy={isFetching}>
            <table className="data-table">
              <caption>{t('keys.report.caption', { page: query.page, pages })}</caption>
              <thead>
                <tr>
                  {sortHeader('number', t('keys.agreement.number'))}
                  {sortHeader('state', t('keys.report.state'))}
                  {sortHeader('createdAt', t('keys.report.date'))}
                  {sortHeader('expectedReturnDate', t('keys.agreement.expectedReturn'))}
                  {sortHeader('site', t('keys.agreement.site'))}
                  <th scope="col">{t('keys.report.siteManager')}</th>
                  {sortHeader('renter', t('keys.agreement.renter'))}
                  {sortHeader('association', t('keys.agreement.association'))}
                  <th scope="col">{t('keys.agreement.keys')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/keys/agreements/${r.id}`}>{r.number}</Link>
                    </td>
                    <td>
                      <AgreementStateLabel state={r.state} /> <DueLabel due={r.dueStatus} />
                    </td>
                    <td>{formatDate(r.createdAt, lang)}</td>
                    <td>{formatDate(r.expectedReturnDate, lang)}</td>
                    <td>{r.site.name}</td>
                    <td>{r.siteManager}</td>
                    <td>{r.renter}</td>
                    <td>{r.association}</td>
                    <td>
                      {r.keys.map((k) => (
                        <span
                          key={k.code}
                          className={`key-code key-${k.state}`}
                          title={t(`keys.agreementKey.${k.state}`)}
                        >
                          {k.code}
                          <span className="visually-hidden"> ({t(`keys.agreementKey.${k.state}`)})</span>{' '}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {data && (
        <Pager
          page={query.page ?? 1}
          total={data.total}
          pageSize={PAGE_SIZE}
          onPage={(page) => update({ page })}
        />
      )}
    </section>
  );
}
