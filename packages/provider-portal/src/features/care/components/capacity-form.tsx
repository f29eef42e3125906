import { useState, type FormEvent } from 'react';
import { Button, ButtonVariant, Checkbox, NotificationSize, NumberInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { capacityProblems, type CapacityFigures } from '@civic/shared/care-capacity';
import type { Capacity } from '@civic/shared/care';
import { ApiError } from '@civic/shared/http-client';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useConfirmCapacity, useUpdateCapacity } from '../api/portal.ts';
import { Freshness, useNameOf } from './freshness.tsx';

const FIELDS = ['maxCapacity', 'occupied', 'reserved', 'vacantAccepting'] as const;

const figuresOf = (c: CapacityFigures): CapacityFigures => ({
  maxCapacity: c.maxCapacity,
  occupied: c.occupied,
  reserved: c.reserved,
  vacantAccepting: c.vacantAccepting,
  closedToAdmissions: c.closedToAdmissions,
});
const sameFigures = (a: CapacityFigures, b: CapacityFigures) =>
  FIELDS.every((f) => a[f] === b[f]) && a.closedToAdmissions === b.closedToAdmissions;
const formatTime = (at: Date, lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  }).format(at);

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
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const [figures, setFigures] = useState<CapacityFigures>(() => figuresOf(capacity));
  // The server's figures the form started from: when they change (this save, a vacancy report, a
  // colleague), an untouched form follows them; one being edited keeps the user's figures.
  const [base, setBase] = useState(capacity);
  if (base.version !== capacity.version) {
    setBase(capacity);
    if (sameFigures(figures, figuresOf(base))) setFigures(figuresOf(capacity));
  }
  const [saved, setSaved] = useState<{ kind: 'saved' | 'confirmed'; at: Date } | null>(null);
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
    setSaved(null);
    if (problems.length) return;
    const sent = figures;
    update.mutate(
      { ...figures, version: capacity.version },
      {
        onSuccess: () => {
          setFigures(sent);
          setSaved({ kind: 'saved', at: new Date() });
        },
      },
    );
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
      <div role="status">
        {saved && (
          <Notification
            type="success"
            size={NotificationSize.Small}
            label={t(saved.kind === 'saved' ? 'care.savedAt' : 'care.confirmedAt', {
              time: formatTime(saved.at, i18n.language),
            })}
          />
        )}
      </div>
      <div className="button-row">
        <Button type="submit" disabled={update.isPending || problems.length > 0}>
          {t('care.save')}
        </Button>
        <Button
          type="button"
          variant={ButtonVariant.Secondary}
          disabled={confirm.isPending}
          onClick={() => {
            setSaved(null);
            confirm.mutate(
              { unitId, serviceTypeId: capacity.serviceType.id, version: capacity.version },
              { onSuccess: () => setSaved({ kind: 'confirmed', at: new Date() }) },
            );
          }}
        >
          {t('care.nothingChanged')}
        </Button>
      </div>
    </form>
  );
}
