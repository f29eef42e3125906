import { lazy, Suspense, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import {
  KEY_GROUPINGS,
  type KeyFigureRow,
  type KeyFiguresQuery,
  type KeyGrouping,
} from '@civic/shared/reports';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { filtersToSearchParams, formatDate, formatNumber } from '@civic/shared/web/page';
import { useSites } from '../api/get-filter-options.ts';
import { useKeyFigures } from '../api/get-key-figures.ts';
import { defaultPeriod } from './care-filters.tsx';
import { MAX_CHART_GROUPS } from './chart-layout.ts';
import { ExportButtons } from './export-buttons.tsx';
import { PeriodInputs } from './period-inputs.tsx';
import { useGroupName } from './group-name.ts';
import './reports.css';

const KeyChart = lazy(() => import('./key-chart.tsx').then((m) => ({ default: m.KeyChart })));
const COLUMNS = ['agreements', 'overdue', 'keysLent', 'lostKeys'] as const;

function keyQueryOf(
  params: URLSearchParams,
): KeyFiguresQuery & { from: string; to: string; groupBy: KeyGrouping } {
  const period = defaultPeriod();
  const groupBy = params.get('groupBy') as KeyGrouping | null;
  return {
    from: params.get('from') ?? period.from,
    to: params.get('to') ?? period.to,
    groupBy: groupBy && KEY_GROUPINGS.includes(groupBy) ? groupBy : 'site',
    siteId: params.getAll('siteId'),
  };
}

/** Key agreements made in a period by state, overdue now and lost keys, split as asked. */
export function KeyFiguresReport() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  latest.current = params;
  const query = keyQueryOf(params);
  const update = (patch: Partial<typeof query>) => {
    const next = filtersToSearchParams({ ...keyQueryOf(latest.current), ...patch });
    latest.current = next;
    setParams(next, { replace: true });
  };
  const { data, error, isPending } = useKeyFigures(query);
  const sites = useSites(true);
  const groupName = useGroupName();
  // States nobody's agreement is in stay out of the screen's table and chart (the files have all).
  const states = KEY_AGREEMENT_STATES.filter((s) => !data || data.total.byState[s] > 0).map((state) => ({
    state,
    name: t(`keys.state.${state}`),
  }));
  const grouping = t(`reports.groupings.${query.groupBy}`);
  const timeline = query.groupBy === 'month' || query.groupBy === 'season';
  const caption = t('reports.keys.caption', {
    from: formatDate(query.from, lang),
    to: formatDate(query.to, lang),
    grouping,
  });
  const name = (row: KeyFigureRow) => (row.key === 'total' ? t('reports.total') : groupName(row));
  const line = (row: KeyFigureRow, total = false) => (
    <tr key={row.key} className={total ? 'total-row' : undefined}>
      <th scope="row">{name(row)}</th>
      {COLUMNS.slice(0, 1).map((c) => (
        <td key={c} className="number">
          {formatNumber(row[c], lang, 0)}
        </td>
      ))}
      {states.map(({ state }) => (
        <td key={state} className="number">
          {formatNumber(row.byState[state], lang, 0)}
        </td>
      ))}
      {COLUMNS.slice(1).map((c) => (
        <td key={c} className="number">
          {formatNumber(row[c], lang, 0)}
        </td>
      ))}
    </tr>
  );
  return (
    <>
      <form
        className="report-filters"
        role="search"
        aria-label={t('reports.filters.title')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter-group filter-fields stack">
          <PeriodInputs idPrefix="keys" from={query.from} to={query.to} onChange={update} />
        </div>
        <div className="filter-group stack">
          <NativeSelect
            id="keys-group-by"
            label={t('reports.filters.groupBy')}
            value={query.groupBy}
            options={KEY_GROUPINGS.map((g) => ({ value: g, label: t(`reports.groupings.${g}`) }))}
            onChange={(v) => update({ groupBy: v as KeyGrouping })}
          />
          <NativeSelect
            id="keys-site"
            label={t('reports.filters.site')}
            value={query.siteId?.[0] ?? ''}
            options={[
              { value: '', label: t('reports.filters.all') },
              ...(sites.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
            onChange={(v) => update({ siteId: v ? [v] : [] })}
          />
        </div>
      </form>
      <ProblemNotice error={error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {data && (
        <section className="report-section stack" aria-labelledby="keys-table-title">
          {data.total.agreements === 0 && (
            <p className="muted" role="status">
              {t('reports.keys.empty')}
            </p>
          )}
          {data.rows.length > 0 && data.total.agreements > 0 && (
            <>
              <h2>{t('reports.keys.chartTitle')}</h2>
              {!timeline && data.rows.length > MAX_CHART_GROUPS ? (
                <p className="muted">
                  {t('reports.chart.tooMany', { max: MAX_CHART_GROUPS, count: data.rows.length })}
                </p>
              ) : (
                <Suspense fallback={<div className="report-chart" aria-hidden="true" />}>
                  <KeyChart
                    points={data.rows.map((r) => ({ label: name(r), ...r.byState }))}
                    states={states}
                    timeline={timeline}
                    label={t('reports.chart.label', { title: t('reports.keys.chartTitle') })}
                  />
                </Suspense>
              )}
            </>
          )}
          <h2 id="keys-table-title">{grouping}</h2>
          <ExportButtons kind="keys/figures" query={query} table={caption} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
            <table className="data-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`reports.columns.${query.groupBy}`)}</th>
                  <th scope="col" className="number">
                    {t('reports.keys.agreements')}
                  </th>
                  {states.map((s) => (
                    <th key={s.state} scope="col" className="number">
                      {s.name}
                    </th>
                  ))}
                  {COLUMNS.slice(1).map((c) => (
                    <th key={c} scope="col" className="number">
                      {t(`reports.keys.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => line(r))}
                {line(data.total, true)}
              </tbody>
            </table>
          </div>
          <dl className="definition-list">
            {COLUMNS.map((c) => (
              <div key={c}>
                <dt>{t(`reports.keys.${c}`)}</dt>
                <dd>{t(`reports.keys.definitions.${c}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
