import { lazy, Suspense } from 'react';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { CARE_FIGURES, type CareFigure } from '@civic/shared/care-figures';
import type { CareFigureRow } from '@civic/shared/reports';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate } from '@civic/shared/web/page';
import { useCareFigures } from '../api/get-care-figures.ts';
import { CareFilters, useCareView } from './care-filters.tsx';
import { ExportButtons } from './export-buttons.tsx';
import { FigureCards } from './figure-cards.tsx';
import { FigureTable } from './figure-table.tsx';
import { barChartHeight, MAX_CHART_GROUPS } from './chart-layout.ts';
import { FIGURE_SECTIONS, TABLE_SECTIONS, useFigureText, type FigureSection } from './figures.ts';
import { useGroupName } from './group-name.ts';
import './reports.css';

const FigureChart = lazy(() => import('./figure-chart.tsx').then((m) => ({ default: m.FigureChart })));
const SECTIONS = Object.keys(FIGURE_SECTIONS) as FigureSection[];
const chartSpace = <div className="report-chart" aria-hidden="true" />;

/**
 * The management dashboard of care places: the whole selection's figures with their definitions,
 * one figure charted by the chosen split and by month (each chart followed by its table), and
 * every figure by group in tables with CSV and XLSX export. Everything chosen is in the address.
 */
export function CareDashboard() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const [view, update, clear] = useCareView();
  const q = view.query;
  const main = useCareFigures(q);
  const monthQuery = { ...q, groupBy: 'month' as const };
  const monthly = useCareFigures(monthQuery, q.groupBy !== 'month');
  const byMonth = q.groupBy === 'month' ? main : monthly;
  const text = useFigureText(q.fillWithinDays);
  const groupName = useGroupName();
  const period = { from: formatDate(q.from, lang), to: formatDate(q.to, lang) };
  const grouping = t(`reports.groupings.${q.groupBy}`);
  const figureName = text.name(view.figure);
  const points = (rows: CareFigureRow[]) =>
    rows.map((r) => ({
      label: groupName(r),
      value: r.figures[view.figure].status === 'ok' ? r.figures[view.figure].value : null,
    }));
  const format = (v: number) => text.number(v, view.figure);
  const tick = (v: number) => text.tick(v, view.figure);
  // A chart with nothing to draw was an empty frame that looked broken: a sentence says why instead.
  const drawable = (pts: { value: number | null }[]) => pts.some((p) => p.value !== null);
  const noValues = <p className="muted">{t('reports.chart.empty')}</p>;
  const data = main.data;
  const split = q.groupBy !== 'total' && q.groupBy !== 'month';

  return (
    <>
      <CareFilters view={view} update={update} clear={clear} />
      <ProblemNotice error={main.error ?? byMonth.error} />
      {main.isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {data && (
        <div aria-busy={main.isFetching}>
          <section className="report-section" aria-labelledby="report-summary">
            <h2 id="report-summary">{t('reports.care.summary')}</h2>
            <p className="muted">{t('reports.care.summaryCaption', period)}</p>
            {SECTIONS.map((s) => (
              <section key={s} className="report-section" aria-labelledby={`summary-${s}`}>
                <h3 id={`summary-${s}`}>{t(`reports.sections.${s}`)}</h3>
                <FigureCards section={s} total={data.total} fillWithinDays={q.fillWithinDays} />
              </section>
            ))}
            {data.total.figures.queueLength.status === 'not_applicable' && (
              <p className="muted">{t('reports.care.notApplicableHelp')}</p>
            )}
          </section>

          <section className="report-section stack" aria-labelledby="report-charts">
            <h2 id="report-charts">{figureName}</h2>
            <NativeSelect
              id="report-figure"
              label={t('reports.care.chartFigure')}
              value={view.figure}
              options={CARE_FIGURES.map((f) => ({ value: f, label: text.name(f) }))}
              onChange={(v) => update({ figure: v as CareFigure })}
            />
            <p className="muted">{text.definition(view.figure)}</p>
            {split && (
              <>
                <h3>{t('reports.care.byGroup', { figure: figureName, grouping })}</h3>
                {data.rows.length > MAX_CHART_GROUPS ? (
                  <p className="muted">
                    {t('reports.chart.tooMany', { max: MAX_CHART_GROUPS, count: data.rows.length })}
                  </p>
                ) : !drawable(points(data.rows)) ? (
                  noValues
                ) : (
                  <Suspense
                    fallback={
                      <div
                        className="report-chart"
                        aria-hidden="true"
                        style={{ height: barChartHeight(data.rows.length) }}
                      />
                    }
                  >
                    <FigureChart
                      kind="bar"
                      points={points(data.rows)}
                      format={format}
                      tick={tick}
                      label={t('reports.chart.label', {
                        title: t('reports.care.byGroup', { figure: figureName, grouping }),
                      })}
                    />
                  </Suspense>
                )}
                <FigureTable
                  caption={t('reports.care.groupTableCaption', { figure: figureName, ...period })}
                  figures={[view.figure]}
                  rows={data.rows}
                  total={data.total}
                  fillWithinDays={q.fillWithinDays}
                  groupHeader={t(`reports.columns.${q.groupBy}`)}
                />
              </>
            )}
            <h3>{t('reports.care.byMonth', { figure: figureName })}</h3>
            {byMonth.data ? (
              <>
                {drawable(points(byMonth.data.rows)) ? (
                  <Suspense fallback={chartSpace}>
                    <FigureChart
                      kind="line"
                      points={points(byMonth.data.rows)}
                      format={format}
                      tick={tick}
                      label={t('reports.chart.label', {
                        title: t('reports.care.byMonth', { figure: figureName }),
                      })}
                    />
                  </Suspense>
                ) : (
                  noValues
                )}
                <FigureTable
                  caption={t('reports.care.monthTableCaption', { figure: figureName, ...period })}
                  figures={[view.figure]}
                  rows={byMonth.data.rows}
                  total={byMonth.data.total}
                  fillWithinDays={q.fillWithinDays}
                  groupHeader={t('reports.columns.month')}
                />
                <ExportButtons
                  kind="care/figures"
                  query={monthQuery}
                  table={t('reports.care.tableTitle', { grouping: t('reports.groupings.month') })}
                />
              </>
            ) : (
              <LoadingSpinner small loadingText={t('shell.loading')} />
            )}
          </section>

          <section className="report-section stack" aria-labelledby="report-tables">
            <h2 id="report-tables">{t('reports.care.tableTitle', { grouping })}</h2>
            <p className="muted">{t('reports.care.tableCaption', period)}</p>
            <ExportButtons kind="care/figures" query={q} table={t('reports.care.tableTitle', { grouping })} />
            {(Object.keys(TABLE_SECTIONS) as (keyof typeof TABLE_SECTIONS)[]).map((s) => (
              <FigureTable
                key={s}
                caption={t(`reports.sections.${s}`)}
                figures={TABLE_SECTIONS[s]}
                rows={data.rows}
                total={data.total}
                fillWithinDays={q.fillWithinDays}
                groupHeader={t(`reports.columns.${q.groupBy}`)}
              />
            ))}
            <p className="muted">{t('reports.value.suppressedHelp')}</p>
          </section>
        </div>
      )}
    </>
  );
}
