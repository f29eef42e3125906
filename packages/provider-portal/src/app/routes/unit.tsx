import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  Button,
  ButtonSize,
  ButtonVariant,
  LoadingSpinner,
  Notification,
  TextArea,
  TextInput,
} from 'hds-react';
import { useTranslation } from 'react-i18next';
import { helsinkiToday } from '@civic/shared/keys';
import type { Vacancy } from '@civic/shared/care';
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
          <div key={`${c.serviceType.id}-${c.version}`} className="card">
            <CapacityForm unitId={unit.id} capacity={c} commitments={commitmentsFor(c.serviceType.id)} />
          </div>
        ))}
      </div>
      <ReportVacancy
        unitId={unit.id}
        serviceTypes={unit.capacity.map((c) => ({ id: c.serviceType.id, name: nameOf(c.serviceType.names) }))}
      />
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

function ReportVacancy({
  unitId,
  serviceTypes,
}: {
  unitId: string;
  serviceTypes: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const report = useReportVacancy(unitId);
  const [serviceTypeId, setServiceTypeId] = useState(serviceTypes[0]?.id ?? '');
  const [availableFrom, setAvailableFrom] = useState(helsinkiToday());
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    report.mutate(
      { serviceTypeId, availableFrom, ...(notes.trim() ? { notes: notes.trim() } : {}) },
      {
        onSuccess: () => {
          setDone(true);
          setNotes('');
        },
      },
    );
  }
  return (
    <form className="stack narrow card" onSubmit={submit} aria-labelledby="report-vacancy-title">
      <h2 id="report-vacancy-title">{t('unit.reportVacancy')}</h2>
      {serviceTypes.length > 1 && (
        <NativeSelect
          id="vacancy-service-type"
          label={t('care.serviceType')}
          value={serviceTypeId}
          options={serviceTypes.map((s) => ({ value: s.id, label: s.name }))}
          onChange={setServiceTypeId}
        />
      )}
      <TextInput
        id="vacancy-available-from"
        type="date"
        label={t('care.availableFrom')}
        required
        value={availableFrom}
        onChange={(e) => setAvailableFrom(e.target.value)}
      />
      <TextArea
        id="vacancy-notes"
        label={t('unit.notes')}
        helperText={t('unit.notesHelp')}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <ProblemNotice error={report.error} showDetail />
      {done && <Notification type="success" label={t('unit.vacancyReported')} />}
      <Button type="submit" disabled={report.isPending || !availableFrom}>
        {t('unit.reportVacancySubmit')}
      </Button>
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
          <TextInput
            id={`edit-from-${id}`}
            type="date"
            label={t('care.availableFrom')}
            value={availableFrom}
            onChange={(e) => setAvailableFrom(e.target.value)}
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
