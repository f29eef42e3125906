import { useSearchParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { lastEndedHalfYear, PUBLICATION_FIGURES } from '@civic/shared/care-figures';
import { helsinkiToday } from '@civic/shared/keys';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate } from '@civic/shared/web/page';
import { useWaitingTimes } from '../api/get-waiting-times.ts';
import { ExportButtons } from './export-buttons.tsx';
import { FigureTable } from './figure-table.tsx';
import { useFigureText } from './figures.ts';
import './reports.css';

/** The §26 publication: a half-year's waiting times by service, ready to publish, with its export. */
export function WaitingTimesReport() {
  const { t, i18n } = useTranslation('reports');
  const [params, setParams] = useSearchParams();
  const today = helsinkiToday();
  const fallback = lastEndedHalfYear(today);
  const year = Number(params.get('year')) || fallback.year;
  const half = (params.get('half') === '2' ? 2 : params.get('half') === '1' ? 1 : fallback.half) as 1 | 2;
  const query = { year, half };
  const { data, error, isPending } = useWaitingTimes(query);
  const text = useFigureText(14);
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const set = (patch: Partial<typeof query>) =>
    setParams(new URLSearchParams(Object.entries({ ...query, ...patch }).map(([k, v]) => [k, String(v)])), {
      replace: true,
    });
  const caption = data
    ? t('reports.waiting.caption', {
        from: formatDate(data.from, i18n.language),
        to: formatDate(data.to, i18n.language),
      })
    : '';
  return (
    <>
      <form
        className="report-filters"
        role="search"
        aria-label={t('reports.filters.title')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter-group stack">
          <NativeSelect
            id="waiting-year"
            label={t('reports.waiting.year')}
            value={String(year)}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
            onChange={(v) => set({ year: Number(v) })}
          />
        </div>
        <div className="filter-group stack">
          <NativeSelect
            id="waiting-half"
            label={t('reports.waiting.half')}
            value={String(half)}
            options={[
              { value: '1', label: t('reports.waiting.half1') },
              { value: '2', label: t('reports.waiting.half2') },
            ]}
            onChange={(v) => set({ half: Number(v) as 1 | 2 })}
          />
        </div>
      </form>
      <ProblemNotice error={error} />
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      {data && (
        <section className="report-section stack" aria-labelledby="waiting-table-title">
          <h2 id="waiting-table-title">{t('reports.waiting.tableTitle')}</h2>
          <ExportButtons kind="care/waiting-times" query={query} table={caption} />
          <FigureTable
            caption={caption}
            figures={PUBLICATION_FIGURES}
            rows={data.rows}
            total={data.total}
            fillWithinDays={14}
            groupHeader={t('reports.columns.serviceType')}
          />
          <p className="muted">{t('reports.value.suppressedHelp')}</p>
          <h2>{t('reports.waiting.definitions')}</h2>
          <dl className="definition-list">
            {PUBLICATION_FIGURES.map((f) => (
              <div key={f}>
                <dt>{text.name(f)}</dt>
                <dd>{text.definition(f)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
