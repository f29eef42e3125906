import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  Button,
  ButtonSize,
  ButtonVariant,
  LoadingSpinner,
  RadioButton,
  TextArea,
  TextInput,
} from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { helsinkiToday } from '@civic/shared/keys';
import type { Capacity, Vacancy } from '@civic/shared/care';
import {
  applyVacancy,
  placesOutOfUse,
  vacancySources,
  type VacancySource,
} from '@civic/shared/care-capacity';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, usePageTitle } from '@civic/shared/web/page';
import {
  useReportVacancy,
  useUnit,
  useUnitVacancies,
  useUpdateVacancy,
  useWithdrawVacancy,
} from '../../features/care/api/portal.ts';
import { CapacityForm } from '../../features/care/components/capacity-form.tsx';
import { HistoryTable } from '../../features/care/components/history-table.tsx';
import { useNameOf } from '../../features/care/components/freshness.tsx';
import { DateField } from '@civic/shared/web/date-field';

/** One unit: its figures per service type, reporting a vacancy, open vacancies, recent history. */
export function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { data: unit, isPending, error } = useUnit(id);
  const vacancies = useUnitVacancies(id);
  usePageTitle(unit?.name ?? t('nav.units'));
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !unit) return <ProblemNotice error={error} />;
  const open = vacancies.data?.items ?? [];
  const commitmentsFor = (serviceTypeId: string) => ({
    open: open.filter((v) => v.serviceType.id === serviceTypeId && v.status === 'open').length,
    offered: open.filter((v) => v.serviceType.id === serviceTypeId && v.status === 'offered').length,
  });
  return (
    <section className="stack">
      <p>
        <Link to="/units">← {t('nav.units')}</Link>
      </p>
      <h1>{unit.name}</h1>
      <p className="muted">
        {unit.address} · {unit.district} · {unit.tags.map((tag) => nameOf(tag.names)).join(', ')}
      </p>
      <h2>{t('unit.capacity')}</h2>
      <div className="card-list">
        {unit.capacity.map((c) => (
          <div key={c.serviceType.id} className="card">
            <CapacityForm unitId={unit.id} capacity={c} commitments={commitmentsFor(c.serviceType.id)} />
          </div>
        ))}
      </div>
      <ReportVacancy unitId={unit.id} capacity={unit.capacity} />
      <h2>{t('unit.openVacancies')}</h2>
      {open.length === 0 ? (
        <p>{t('dashboard.noVacancies')}</p>
      ) : (
        <ul className="card-list single">
          {open.map((v) => (
            <VacancyCard key={v.id} vacancy={v} />
          ))}
        </ul>
      )}
      <h2>{t('nav.history')}</h2>
      <HistoryTable items={unit.history.slice(0, 20)} caption={t('unit.historyCaption')} showUnit={false} />
    </section>
  );
}

function ReportVacancy({ unitId, capacity }: { unitId: string; capacity: Capacity[] }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const report = useReportVacancy(unitId);
  const [serviceTypeId, setServiceTypeId] = useState(capacity[0]?.serviceType.id ?? '');
  const [availableFrom, setAvailableFrom] = useState(helsinkiToday());
  const [notes, setNotes] = useState('');
  const [chosen, setChosen] = useState<VacancySource | null>(null);
  const [done, setDone] = useState(false);
  const figures = capacity.find((c) => c.serviceType.id === serviceTypeId) ?? capacity[0];
  // The same rule as the API: which figures a vacancy can come from, and how they move.
  const sources = figures ? vacancySources(figures) : [];
  const source = chosen && sources.includes(chosen) ? chosen : sources[0];
  const after = figures && source ? applyVacancy(figures, { kind: 'announce', from: source }) : null;
  const id = 'report-vacancy';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!source) return;
    setDone(false);
    report.mutate(
      {
        serviceTypeId: figures!.serviceType.id,
        availableFrom,
        placeFrom: source,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
      {
        onSuccess: () => {
          setDone(true);
          setNotes('');
          setChosen(null);
        },
      },
    );
  }

  const change = (s: VacancySource) =>
    after?.ok && figures
      ? s === 'occupied'
        ? t('unit.fromOccupiedChange', { from: figures.occupied, to: after.figures.occupied })
        : t('unit.fromOutOfUseChange', { from: placesOutOfUse(figures), to: placesOutOfUse(after.figures) })
      : '';

  return (
    <form className="stack narrow card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('unit.reportVacancy')}</h2>
      {capacity.length > 1 && (
        <NativeSelect
          id="vacancy-service-type"
          label={t('care.serviceType')}
          value={serviceTypeId}
          options={capacity.map((c) => ({ value: c.serviceType.id, label: nameOf(c.serviceType.names) }))}
          onChange={(v) => {
            setServiceTypeId(v);
            setChosen(null);
          }}
        />
      )}
      {figures?.closedToAdmissions ? (
        <Notification type="info" label={t('unit.closedTitle')}>
          {t('unit.closedHelp')}
        </Notification>
      ) : sources.length === 0 ? (
        <Notification type="info" label={t('unit.noPlaceTitle')}>
          {t('unit.noPlaceHelp', { max: figures?.maxCapacity ?? 0 })}
        </Notification>
      ) : sources.length === 1 ? (
        <p id={`${id}-source`}>
          {t(source === 'occupied' ? 'unit.fullUnitExplained' : 'unit.fromOutOfUseExplained', {
            max: figures?.maxCapacity,
          })}{' '}
          <strong>{change(source!)}</strong>
        </p>
      ) : (
        <fieldset className="plain-fieldset stack">
          <legend>{t('unit.placeFrom')}</legend>
          {sources.map((s) => (
            <RadioButton
              key={s}
              id={`${id}-from-${s}`}
              name={`${id}-from`}
              value={s}
              label={`${t(`unit.from.${s}`)} (${s === source ? change(s) : t(`unit.fromShort.${s}`)})`}
              checked={s === source}
              onChange={() => setChosen(s)}
            />
          ))}
        </fieldset>
      )}
      {sources.length > 0 && (
        <>
          <DateField
            id="vacancy-available-from"
            label={t('care.availableFrom')}
            required
            value={availableFrom}
            onChange={setAvailableFrom}
          />
          <TextArea
            id="vacancy-notes"
            label={t('unit.notes')}
            helperText={t('unit.notesHelp')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        </>
      )}
      <ProblemNotice error={report.error} />
      {done && <Notification type="success" label={t('unit.vacancyReported')} />}
      {sources.length > 0 && (
        <Button type="submit" disabled={report.isPending || !availableFrom}>
          {t('unit.reportVacancySubmit')}
        </Button>
      )}
    </form>
  );
}

function VacancyCard({ vacancy }: { vacancy: Vacancy }) {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const update = useUpdateVacancy();
  const withdraw = useWithdrawVacancy();
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [availableFrom, setAvailableFrom] = useState(vacancy.availableFrom);
  const [notes, setNotes] = useState(vacancy.notes ?? '');
  const [reason, setReason] = useState('');
  const id = vacancy.id;
  return (
    <li className="card stack">
      <h3>
        {nameOf(vacancy.serviceType.names)} · {t(`care.vacancyStatus.${vacancy.status}`)}
      </h3>
      <p>
        {t('care.availableFrom')}: {formatDate(vacancy.availableFrom, i18n.language)} ·{' '}
        {t('care.ageDays', { count: vacancy.ageDays })}
      </p>
      {vacancy.notes && <p>{vacancy.notes}</p>}
      <ProblemNotice error={update.error ?? withdraw.error} showDetail />
      {editing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { id, availableFrom, notes: notes.trim() || null },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <DateField
            id={`edit-from-${id}`}
            label={t('care.availableFrom')}
            value={availableFrom}
            onChange={setAvailableFrom}
          />
          <TextArea
            id={`edit-notes-${id}`}
            label={t('unit.notes')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
          <div className="button-row">
            <Button type="submit" size={ButtonSize.Small}>
              {t('care.save')}
            </Button>
            <Button
              type="button"
              size={ButtonSize.Small}
              variant={ButtonVariant.Secondary}
              onClick={() => setEditing(false)}
            >
              {t('unit.cancel')}
            </Button>
          </div>
        </form>
      ) : withdrawing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) withdraw.mutate({ id, reason: reason.trim() });
          }}
        >
          <TextInput
            id={`withdraw-reason-${id}`}
            label={t('unit.withdrawReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="button-row">
            <Button
              type="submit"
              size={ButtonSize.Small}
              variant={ButtonVariant.Danger}
              disabled={!reason.trim()}
            >
              {t('unit.withdraw')}
            </Button>
            <Button
              type="button"
              size={ButtonSize.Small}
              variant={ButtonVariant.Secondary}
              onClick={() => setWithdrawing(false)}
            >
              {t('unit.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <Button size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => setEditing(true)}>
            {t('unit.edit')}
          </Button>
          <Button
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            onClick={() => setWithdrawing(true)}
          >
            {t('unit.withdraw')}
          </Button>
        </div>
      )}
    </li>
  );
}
