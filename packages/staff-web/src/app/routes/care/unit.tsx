import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Button, Checkbox, LoadingSpinner, NumberInput, StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '@civic/shared/roles';
import { helsinkiToday } from '@civic/shared/keys';
import type { UnitDetail } from '@civic/shared/care';
import { useMe } from '@civic/shared/web/auth';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, formatDateTime, formatEuro, formatPercent, usePageTitle } from '@civic/shared/web/page';
import { languageList } from '@civic/shared/web/language-names';
import { BackLink } from '@civic/shared/web/back-link';
import {
  useAddPrice,
  useAddService,
  useBoard,
  useCareUnit,
  useList,
  useUpdateUnit,
} from '../../../features/care/api/care.ts';
import { useNameOf } from '../../../features/care/components/names.ts';
import { UnitFields } from '../../../features/care/components/unit-fields.tsx';
import { DateField } from '@civic/shared/web/date-field';

// The chart library is the largest piece of the app: the page's figures and table show first, the
// chart (decoration beside the same numbers in the table) follows when its code arrives.
const CapacityChart = lazy(() =>
  import('../../../features/care/components/capacity-chart.tsx').then((m) => ({ default: m.CapacityChart })),
);

/** One unit: capacity history as a chart and a table, vacancies, data freshness, prices. */
export function CareUnitPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const nameOf = useNameOf();
  const { data: unit, isPending, error } = useCareUnit(id);
  const vacancies = useBoard({
    unitId: id,
    status: ['open', 'offered', 'filled', 'withdrawn'],
    pageSize: 50,
  });
  usePageTitle(unit?.name ?? t('care.units.title'));
  const staff = hasAnyRole(me.roles, ['admin', 'care_coordinator']);
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !unit) return <ProblemNotice error={error} />;
  const lang = i18n.language;
  return (
    <section className="stack">
      <BackLink fallback={{ to: '/care', label: 'care.board.title' }} />
      <h1>{unit.name}</h1>
      <dl className="facts">
        <dt>{t('care.provider')}</dt>
        <dd>
          {unit.provider.name} ({t(`care.kind.${unit.provider.kind}`)})
        </dd>
        <dt>{t('care.address')}</dt>
        <dd>
          {unit.address}, {unit.district}
        </dd>
        <dt>{t('care.languages')}</dt>
        <dd>{languageList(unit.languages, lang)}</dd>
        <dt>{t('care.tags')}</dt>
        <dd>{unit.tags.map((tag) => nameOf(tag.names)).join(', ') || '–'}</dd>
        <dt>{t('care.confirmed')}</dt>
        <dd>
          {formatDateTime(unit.confirmedAt, lang)}{' '}
          {unit.stale && <StatusLabel type="alert">{t('care.stale')}</StatusLabel>}
        </dd>
      </dl>
      {unit.capacity.map((c) => {
        const history = unit.history.filter((h) => h.serviceTypeId === c.serviceType.id);
        return (
          <section key={c.serviceType.id} className="stack" aria-labelledby={`cap-${c.serviceType.code}`}>
            <h2 id={`cap-${c.serviceType.code}`}>{nameOf(c.serviceType.names)}</h2>
            <p>
              {t('care.unitPage.figures', {
                max: c.maxCapacity,
                occupied: c.occupied,
                reserved: c.reserved,
                vacant: c.vacantAccepting,
                rate: formatPercent(c.occupancyRate, lang),
              })}
              {c.closedToAdmissions && (
                <>
                  {' '}
                  · <StatusLabel type="alert">{t('care.closedToAdmissions')}</StatusLabel>
                </>
              )}
            </p>
            <Suspense fallback={<div className="chart" aria-hidden="true" />}>
              <CapacityChart history={history} />
            </Suspense>
            <details>
              <summary>{t('care.unitPage.historyTable')}</summary>
              <div className="table-scroll" tabIndex={0}>
                <table className="data-table">
                  <caption>
                    {t('care.unitPage.historyCaption', { name: nameOf(c.serviceType.names) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('care.unitPage.when')}</th>
                      <th scope="col">{t('care.places')}</th>
                      <th scope="col">{t('care.occupied')}</th>
                      <th scope="col">{t('care.reserved')}</th>
                      <th scope="col">{t('care.vacant')}</th>
                      <th scope="col">{t('care.unitPage.who')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.map((h, i) => (
                      <tr key={i}>
                        <td>{formatDateTime(h.at, lang)}</td>
                        <td>{h.maxCapacity}</td>
                        <td>{h.occupied}</td>
                        <td>{h.reserved}</td>
                        <td>{h.vacantAccepting}</td>
                        <td>{h.actor}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>
        );
      })}
      <h2>{t('care.unitPage.vacancies')}</h2>
      <ul>
        {vacancies.data?.items.map((v) => (
          <li key={v.id}>
            {nameOf(v.serviceType.names)} · {t(`care.vacancyStatus.${v.status}`)} ·{' '}
            {t('care.board.since', { date: formatDate(v.availableFrom, lang) })}
            {v.withdrawnReason ? ` · ${v.withdrawnReason}` : ''}
          </li>
        ))}
      </ul>
      <h2>{t('care.unitPage.prices')}</h2>
      <ul>
        {unit.prices.map((p, i) => (
          <li key={i}>
            {nameOf(
              unit.capacity.find((c) => c.serviceType.id === p.serviceTypeId)?.serviceType.names ?? {
                fi: '',
                sv: '',
                en: '',
              },
            )}
            : {formatEuro(p.dailyPrice, lang)}{' '}
            {t('care.unitPage.from', { date: formatDate(p.validFrom, lang) })}
          </li>
        ))}
      </ul>
      {staff && (
        <AddPrice
          unitId={unit.id}
          serviceTypes={unit.capacity.map((c) => ({
            value: c.serviceType.id,
            label: nameOf(c.serviceType.names),
          }))}
        />
      )}
      {staff && <AddService unit={unit} />}
      {staff && <EditUnit unit={unit} />}
    </section>
  );
}

function AddPrice({
  unitId,
  serviceTypes,
}: {
  unitId: string;
  serviceTypes: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const add = useAddPrice(unitId);
  const [serviceTypeId, setServiceTypeId] = useState(serviceTypes[0]?.value ?? '');
  const [validFrom, setValidFrom] = useState(helsinkiToday());
  const [price, setPrice] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ serviceTypeId, validFrom, dailyPrice: Number(price) }, { onSuccess: () => setPrice('') });
  }
  return (
    <form className="stack narrow" onSubmit={submit} aria-labelledby="add-price-title">
      <h3 id="add-price-title">{t('care.unitPage.addPrice')}</h3>
      <NativeSelect
        id="price-service-type"
        label={t('care.serviceType')}
        value={serviceTypeId}
        options={serviceTypes}
        onChange={setServiceTypeId}
      />
      <DateField
        id="price-valid-from"
        label={t('care.unitPage.validFrom')}
        required
        value={validFrom}
        onChange={setValidFrom}
      />
      <NumberInput
        id="price-amount"
        label={t('care.dailyPrice')}
        min={0}
        step={0.01}
        required
        value={price === '' ? '' : Number(price)}
        onChange={(e) => setPrice(e.target.value)}
      />
      <ProblemNotice error={add.error} />
      <Button type="submit" disabled={!price || add.isPending}>
        {t('care.unitPage.savePrice')}
      </Button>
    </form>
  );
}

function EditUnit({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const update = useUpdateUnit(unit.id);
  const [form, setForm] = useState({
    name: unit.name,
    address: unit.address,
    district: unit.district,
    languages: unit.languages,
    tagIds: unit.tags.map((tag) => tag.id),
    active: unit.active,
  });
  const [saved, setSaved] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      {
        name: form.name.trim(),
        address: form.address.trim(),
        district: form.district.trim(),
        languages: form.languages,
        tagIds: form.tagIds,
        active: form.active,
      },
      { onSuccess: () => setSaved(true) },
    );
  }
  return (
    <form className="stack narrow" onSubmit={submit} aria-labelledby="edit-unit-title">
      <h2 id="edit-unit-title">{t('care.unitPage.edit')}</h2>
      <UnitFields idPrefix="edit-unit" value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
      <Checkbox
        id="edit-unit-active"
        label={t('care.unitPage.active')}
        checked={form.active}
        onChange={(e) => setForm({ ...form, active: e.target.checked })}
      />
      <ProblemNotice error={update.error} showDetail />
      {saved && <p role="status">{t('care.unitPage.saved')}</p>}
      <Button type="submit" disabled={update.isPending}>
        {t('care.units.save')}
      </Button>
    </form>
  );
}

function AddService({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const types = useList('service-types');
  const add = useAddService(unit.id);
  const offered = new Set(unit.capacity.map((c) => c.serviceType.id));
  const options = types.data?.filter((s) => s.active && !offered.has(s.id)) ?? [];
  const [serviceTypeId, setServiceTypeId] = useState('');
  const [max, setMax] = useState('');
  if (!options.length) return null;
  const chosen = serviceTypeId || options[0]!.id;
  function submit(e: FormEvent) {
    e.preventDefault();
    const maxCapacity = Number(max);
    add.mutate(
      {
        serviceTypeId: chosen,
        maxCapacity,
        occupied: 0,
        reserved: 0,
        vacantAccepting: 0,
        closedToAdmissions: false,
      },
      { onSuccess: () => setMax('') },
    );
  }
  return (
    <form className="stack narrow" onSubmit={submit} aria-labelledby="add-service-title">
      <h2 id="add-service-title">{t('care.unitPage.addService')}</h2>
      <p className="muted">{t('care.unitPage.addServiceHelp')}</p>
      <NativeSelect
        id="add-service-type"
        label={t('care.serviceType')}
        value={chosen}
        options={options.map((s) => ({ value: s.id, label: nameOf(s.names) }))}
        onChange={setServiceTypeId}
      />
      <NumberInput
        id="add-service-max"
        label={t('care.places')}
        min={0}
        required
        value={max === '' ? '' : Number(max)}
        onChange={(e) => setMax(e.target.value)}
      />
      <ProblemNotice error={add.error} showDetail />
      <Button type="submit" disabled={max === '' || add.isPending}>
        {t('care.unitPage.addServiceSubmit')}
      </Button>
    </form>
  );
}
