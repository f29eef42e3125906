import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Button, ButtonVariant, NumberInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { CARE_FIGURES, CARE_GROUPINGS, type CareFigure, type CareGrouping } from '@civic/shared/care-figures';
import type { CareFiguresQuery } from '@civic/shared/reports';
import { addMonths } from '@civic/shared/dates';
import { addDays, helsinkiToday } from '@civic/shared/keys';
import { NativeSelect } from '@civic/shared/web/native-select';
import { filtersToSearchParams } from '@civic/shared/web/page';
import { useDistricts, useProviders, useServiceTypes } from '../api/get-filter-options.ts';
import { PeriodInputs } from './period-inputs.tsx';

export interface CareView {
  query: CareFiguresQuery & { from: string; to: string; groupBy: CareGrouping; fillWithinDays: number };
  /** The figure the charts show. */
  figure: CareFigure;
}

/** The period of a year up to today, unless the address says otherwise. */
export function defaultPeriod() {
  const to = helsinkiToday();
  return { from: addDays(addMonths(to, -12), 1), to };
}

const FILTER_KEYS = ['providerKind', 'district', 'serviceTypeId', 'providerId'] as const;

/** The dashboard's filters, period, split and chart figure, kept in the address. */
function careViewOf(params: URLSearchParams): CareView {
  const period = defaultPeriod();
  const groupBy = params.get('groupBy') as CareGrouping | null;
  const figure = params.get('figure') as CareFigure | null;
  const days = Number(params.get('fillWithinDays'));
  return {
    query: {
      from: params.get('from') ?? period.from,
      to: params.get('to') ?? period.to,
      groupBy: groupBy && CARE_GROUPINGS.includes(groupBy) ? groupBy : 'providerKind',
      fillWithinDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : 14,
      providerKind: (params.get('providerKind') as CareFiguresQuery['providerKind']) ?? undefined,
      district: params.getAll('district'),
      serviceTypeId: params.getAll('serviceTypeId'),
      providerId: params.getAll('providerId'),
    },
    figure: figure && CARE_FIGURES.includes(figure) ? figure : 'occupancyRate',
  };
}

export function useCareView(): [
  CareView,
  (patch: Partial<CareView['query'] & { figure: CareFigure }>) => void,
  () => void,
] {
  const [params, setParams] = useSearchParams();
  // Two changes in a row (before the first re-renders) both count: each builds on the last written.
  const latest = useRef(params);
  latest.current = params;
  const view = careViewOf(params);
  const write = (next: URLSearchParams) => {
    latest.current = next;
    setParams(next, { replace: true });
  };
  const update = (patch: Partial<CareView['query'] & { figure: CareFigure }>) => {
    const current = careViewOf(latest.current);
    const next = { ...current.query, figure: current.figure, ...patch };
    // Defaults stay out of the address, so a shared link says only what was chosen.
    write(
      filtersToSearchParams({
        ...next,
        groupBy: next.groupBy === 'providerKind' ? undefined : next.groupBy,
        figure: next.figure === 'occupancyRate' ? undefined : next.figure,
        fillWithinDays: next.fillWithinDays === 14 ? undefined : next.fillWithinDays,
      }),
    );
  };
  const clear = () => {
    const next = new URLSearchParams(latest.current);
    FILTER_KEYS.forEach((k) => next.delete(k));
    write(next);
  };
  return [view, update, clear];
}

const one = (list: readonly string[] | undefined) => list?.[0] ?? '';

export function CareFilters({
  view,
  update,
  clear,
}: {
  view: CareView;
  update: ReturnType<typeof useCareView>[1];
  clear: () => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language as 'fi' | 'sv' | 'en';
  const serviceTypes = useServiceTypes();
  const providers = useProviders();
  const districts = useDistricts();
  const q = view.query;
  const filtered = FILTER_KEYS.some((k) => (Array.isArray(q[k]) ? (q[k] as string[]).length : q[k]));
  const all = { value: '', label: t('reports.filters.all') };
  return (
    <form
      className="report-filters"
      role="search"
      aria-label={t('reports.filters.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="filter-group filter-fields stack">
        <PeriodInputs idPrefix="report" from={q.from} to={q.to} onChange={update} />
        <NativeSelect
          id="report-group-by"
          label={t('reports.filters.groupBy')}
          value={q.groupBy}
          options={CARE_GROUPINGS.map((g) => ({ value: g, label: t(`reports.groupings.${g}`) }))}
          onChange={(v) => update({ groupBy: v as CareGrouping })}
        />
      </div>
      <div className="filter-group stack">
        <NativeSelect
          id="report-provider-kind"
          label={t('reports.filters.providerKind')}
          value={q.providerKind ?? ''}
          options={[
            all,
            { value: 'own', label: t('care.kind.own') },
            { value: 'purchased', label: t('care.kind.purchased') },
          ]}
          onChange={(v) => update({ providerKind: (v || undefined) as CareFiguresQuery['providerKind'] })}
        />
        <NativeSelect
          id="report-district"
          label={t('reports.filters.district')}
          value={one(q.district)}
          options={[
            all,
            ...[...new Set([...(q.district ?? []), ...(districts.data ?? [])])]
              .sort((a, b) => a.localeCompare(b, lang))
              .map((d) => ({ value: d, label: d })),
          ]}
          onChange={(v) => update({ district: v ? [v] : [] })}
        />
        <NativeSelect
          id="report-service-type"
          label={t('reports.filters.serviceType')}
          value={one(q.serviceTypeId)}
          options={[all, ...(serviceTypes.data ?? []).map((s) => ({ value: s.id, label: s.names[lang] }))]}
          onChange={(v) => update({ serviceTypeId: v ? [v] : [] })}
        />
      </div>
      <div className="filter-group stack">
        <NativeSelect
          id="report-provider"
          label={t('reports.filters.provider')}
          value={one(q.providerId)}
          options={[
            all,
            ...(providers.data ?? [])
              .filter((p) => !q.providerKind || p.kind === q.providerKind)
              .sort((a, b) => a.name.localeCompare(b.name, lang))
              .map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(v) => update({ providerId: v ? [v] : [] })}
        />
        <NumberInput
          id="report-fill-days"
          label={t('reports.filters.fillWithinDays')}
          min={1}
          max={365}
          value={q.fillWithinDays}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 365) update({ fillWithinDays: n });
          }}
        />
        {filtered && (
          <Button type="button" variant={ButtonVariant.Secondary} onClick={clear}>
            {t('reports.filters.clear')}
          </Button>
        )}
      </div>
    </form>
  );
}
