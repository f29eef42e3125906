import { useState, type FormEvent } from 'react';
import { Button, Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { URGENCY_CLASSES } from '@civic/shared/care-queue';
import { helsinkiDateOf } from '@civic/shared/dates';
import type { FieldError } from '@civic/shared/problem';
import { useCareList } from '../api/get-care-list.ts';
import { useUnits } from '../api/get-units.ts';
import type { EntryFormValues } from './entry-form-model.ts';
import { errorsByField, focusFirstError, useFieldErrors } from './field-errors.ts';
import { useNameOf } from './names.ts';
import { QueueProblem } from './queue-problem.tsx';
import { SelectField } from './select-field.tsx';
import { UnitPreferences } from './unit-preferences.tsx';
import { DateField } from '@civic/shared/web/date-field';

const INPUT_OF: Record<string, string> = {
  '/serviceTypeId': 'entry-service-type',
  '/urgency': 'entry-urgency',
  '/decisionDate': 'entry-decision-date',
  '/readyDate': 'entry-ready-date',
  '/preferredUnitIds': 'entry-unit-add',
  '/preferredDistricts': 'entry-districts',
};

/**
 * A queue entry: a new one (service type and urgency too), or an open one's dates and preferences
 * (the urgency and the queue date change by hand, with a reason, on their own page).
 */
export function EntryForm({
  mode,
  initial,
  check,
  onSubmit,
  pending,
  error,
  submitLabel,
}: {
  mode: 'create' | 'edit';
  initial: EntryFormValues;
  check: (values: EntryFormValues) => FieldError[];
  onSubmit: (values: EntryFormValues) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation('queue');
  const nameOf = useNameOf();
  const serviceTypes = useCareList('service-types');
  const units = useUnits();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const errorOf = useFieldErrors(errors, error);
  const set = (patch: Partial<EntryFormValues>) => {
    const next = { ...v, ...patch };
    setV(next);
    if (submitted) setErrors(check(next));
  };
  const today = helsinkiDateOf(new Date());
  const districts = [
    ...new Set([...v.preferredDistricts, ...(units.data?.map((u) => u.district) ?? [])]),
  ].sort((a, b) => a.localeCompare(b, i18n.language));
  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const found = check(v);
    setErrors(found);
    if (found.length) {
      focusFirstError(found, INPUT_OF);
      return;
    }
    onSubmit(v);
  }
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      {mode === 'create' && (
        <>
          <SelectField
            id="entry-service-type"
            label={t('care.serviceType')}
            required
            value={v.serviceTypeId}
            options={[
              { value: '', label: t('queue.form.choose') },
              ...(serviceTypes.data
                ?.filter((s) => s.active)
                .map((s) => ({ value: s.id, label: nameOf(s.names) })) ?? []),
            ]}
            error={errorOf('/serviceTypeId')}
            onChange={(serviceTypeId) => set({ serviceTypeId })}
          />
          <SelectField
            id="entry-urgency"
            label={t('queue.urgency')}
            required
            helper={t('queue.form.urgencyHelp')}
            value={v.urgency}
            options={URGENCY_CLASSES.map((u) => ({ value: u, label: t(`queue.urgencyClass.${u}`) }))}
            error={errorOf('/urgency')}
            onChange={(u) => set({ urgency: u as EntryFormValues['urgency'] })}
          />
        </>
      )}
      <DateField
        id="entry-decision-date"
        label={t('queue.entry.decisionDate')}
        helperText={t('queue.form.decisionDateHelp')}
        required
        max={today}
        value={v.decisionDate}
        invalid={!!errorOf('/decisionDate')}
        errorText={errorOf('/decisionDate')}
        onChange={(iso) => set({ decisionDate: iso })}
      />
      <DateField
        id="entry-ready-date"
        label={t('queue.entry.readyDate')}
        helperText={t('queue.form.readyDateHelp')}
        value={v.readyDate}
        invalid={!!errorOf('/readyDate')}
        errorText={errorOf('/readyDate')}
        onChange={(iso) => set({ readyDate: iso })}
      />
      <UnitPreferences
        units={units.data ?? []}
        value={v.preferredUnitIds}
        error={errorOf('/preferredUnitIds')}
        onChange={(preferredUnitIds) =>
          set({
            preferredUnitIds,
            onlyPreferredUnits: preferredUnitIds.length ? v.onlyPreferredUnits : false,
          })
        }
      />
      <Checkbox
        id="entry-only-preferred"
        label={t('queue.form.onlyPreferred')}
        checked={v.onlyPreferredUnits}
        disabled={v.preferredUnitIds.length === 0}
        onChange={(e) => set({ onlyPreferredUnits: e.target.checked })}
      />
      <p className="muted derived">{t('queue.form.onlyPreferredHelp')}</p>
      <fieldset id="entry-districts" className="form-section choice-columns" tabIndex={-1}>
        <legend>{t('queue.entry.preferredDistricts')}</legend>
        {districts.map((d) => (
          <Checkbox
            key={d}
            id={`entry-district-${d}`}
            label={d}
            checked={v.preferredDistricts.includes(d)}
            onChange={(e) =>
              set({
                preferredDistricts: e.target.checked
                  ? [...v.preferredDistricts, d]
                  : v.preferredDistricts.filter((x) => x !== d),
              })
            }
          />
        ))}
        {errorOf('/preferredDistricts') && <p className="field-error">{errorOf('/preferredDistricts')}</p>}
      </fieldset>
      <QueueProblem error={error} />
      {submitted && errors.length > 0 && (
        <p className="field-error" role="alert">
          {t('queue.form.fixErrors', { count: errorsByField(errors).size })}
        </p>
      )}
      <div className="button-row">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
