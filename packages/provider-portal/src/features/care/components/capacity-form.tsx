import { useState, type FormEvent } from 'react';
import { Button, ButtonVariant, Checkbox, NumberInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { capacityProblems, type CapacityFigures } from '@civic/shared/care-capacity';
import type { Capacity } from '@civic/shared/care';
import { ApiError } from '@civic/shared/http-client';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useConfirmCapacity, useUpdateCapacity } from '../api/portal.ts';
import { Freshness, useNameOf } from './freshness.tsx';

const FIELDS = ['maxCapacity', 'occupied', 'reserved', 'vacantAccepting'] as const;

/** One service type's figures: edit and save, or confirm nothing has changed. Checked as typed. */
export function CapacityForm({
  unitId,
  capacity,
  commitments,
}: {
  unitId: string;
  capacity: Capacity;
  commitments: { open: number; offered: number };
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const [figures, setFigures] = useState<CapacityFigures>({
    maxCapacity: capacity.maxCapacity,
    occupied: capacity.occupied,
    reserved: capacity.reserved,
    vacantAccepting: capacity.vacantAccepting,
    closedToAdmissions: capacity.closedToAdmissions,
  });
  const [saved, setSaved] = useState(false);
  const update = useUpdateCapacity(unitId, capacity.serviceType.id);
  const confirm = useConfirmCapacity();
  const problems = capacityProblems(figures, commitments);
  const serverErrors = update.error instanceof ApiError ? update.error.fieldErrors : [];
  const errorFor = (field: string) => {
    const p = [...problems, ...serverErrors].find((e) => e.field === `/${field}`);
    return p ? t(`care.problems.${p.message}`, { defaultValue: p.message }) : undefined;
  };
  const id = `${unitId}-${capacity.serviceType.code}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (problems.length) return;
    update.mutate({ ...figures, version: capacity.version }, { onSuccess: () => setSaved(true) });
  }

  return (
    <form className="stack capacity-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{nameOf(capacity.serviceType.names)}</h3>
      <p>
        <Freshness confirmedAt={capacity.confirmedAt} stale={capacity.stale} />
      </p>
      <div className="figures-grid">
        {FIELDS.map((f) => (
          <NumberInput
            key={f}
            id={`${id}-${f}`}
            label={t(`care.${f}`)}
            min={0}
            max={10000}
            value={figures[f]}
            invalid={!!errorFor(f)}
            errorText={errorFor(f)}
            onChange={(e) =>
              setFigures({ ...figures, [f]: e.target.value === '' ? 0 : Number(e.target.value) })
            }
          />
        ))}
      </div>
      <Checkbox
        id={`${id}-closed`}
        label={t('care.closedToAdmissions')}
        checked={figures.closedToAdmissions}
        onChange={(e) => setFigures({ ...figures, closedToAdmissions: e.target.checked })}
      />
      <p className="muted">
        {t('care.outOfUse', {
          count: Math.max(
            0,
            figures.maxCapacity - figures.occupied - figures.reserved - figures.vacantAccepting,
          ),
        })}
      </p>
      <ProblemNotice error={update.error && !serverErrors.length ? update.error : confirm.error} showDetail />
      {saved && <p role="status">{t('care.saved')}</p>}
      <div className="button-row">
        <Button type="submit" disabled={update.isPending || problems.length > 0}>
          {t('care.save')}
        </Button>
        <Button
          type="button"
          variant={ButtonVariant.Secondary}
          disabled={confirm.isPending}
          onClick={() =>
            confirm.mutate(
              { unitId, serviceTypeId: capacity.serviceType.id, version: capacity.version },
              { onSuccess: () => setSaved(true) },
            )
          }
        >
          {t('care.nothingChanged')}
        </Button>
      </div>
    </form>
  );
}
