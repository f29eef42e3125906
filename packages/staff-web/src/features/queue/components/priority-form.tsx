import { useState, type FormEvent } from 'react';
import { Button, TextArea } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { URGENCY_CLASSES, type UrgencyClass } from '@civic/shared/care-queue';
import { helsinkiDateOf } from '@civic/shared/dates';
import type { FieldError } from '@civic/shared/problem';
import { ChangePrioritySchema, type ChangePriority, type QueueEntry } from '@civic/shared/queue';
import { checkBody, errorsByField, focusFirstError, useFieldErrors } from './field-errors.ts';
import { QueueProblem } from './queue-problem.tsx';
import { SelectField } from './select-field.tsx';
import { DateField } from '@civic/shared/web/date-field';

const INPUT_OF: Record<string, string> = {
  '/urgency': 'priority-urgency',
  '/priorityDate': 'priority-date',
  '/reason': 'priority-reason',
};

/** Only what changes is sent; an emptied queue date clears the earlier manual one. */
export function toPriorityBody(
  entry: Pick<QueueEntry, 'urgency' | 'priorityDate'>,
  v: { urgency: UrgencyClass; priorityDate: string; reason: string },
): ChangePriority {
  return {
    ...(v.urgency !== entry.urgency ? { urgency: v.urgency } : {}),
    ...(v.priorityDate !== (entry.priorityDate ?? '') ? { priorityDate: v.priorityDate || null } : {}),
    reason: v.reason.trim(),
  };
}

export function checkPriority(
  entry: Pick<QueueEntry, 'urgency' | 'priorityDate'>,
  v: Parameters<typeof toPriorityBody>[1],
) {
  const body = toPriorityBody(entry, v);
  const extra: FieldError[] = [];
  if (body.urgency === undefined && body.priorityDate === undefined)
    extra.push({ field: '/urgency', message: 'nothing_to_change' });
  if (body.priorityDate && body.priorityDate > helsinkiDateOf(new Date()))
    extra.push({ field: '/priorityDate', message: 'in_the_future' });
  return checkBody(ChangePrioritySchema, body, extra);
}

/**
 * A manual change of an entry's place in the queue: its urgency class, or a queue date that wins
 * over the decision date. The reason is required; it goes to the entry's history and the audit log.
 */
export function PriorityForm({
  entry,
  onSubmit,
  pending,
  error,
}: {
  entry: QueueEntry;
  onSubmit: (body: ChangePriority) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('queue');
  const [v, setV] = useState({ urgency: entry.urgency, priorityDate: entry.priorityDate ?? '', reason: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const errorOf = useFieldErrors(errors, error, 'priority');
  const set = (patch: Partial<typeof v>) => {
    const next = { ...v, ...patch };
    setV(next);
    if (submitted) setErrors(checkPriority(entry, next));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const found = checkPriority(entry, v);
    setErrors(found);
    if (found.length) return focusFirstError(found, INPUT_OF);
    onSubmit(toPriorityBody(entry, v));
  }
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <SelectField
        id="priority-urgency"
        label={t('queue.urgency')}
        value={v.urgency}
        options={URGENCY_CLASSES.map((u) => ({ value: u, label: t(`queue.urgencyClass.${u}`) }))}
        error={errorOf('/urgency')}
        onChange={(urgency) => set({ urgency: urgency as UrgencyClass })}
      />
      <DateField
        id="priority-date"
        label={t('queue.entry.priorityDate')}
        helperText={t('queue.priority.dateHelp')}
        max={helsinkiDateOf(new Date())}
        value={v.priorityDate}
        invalid={!!errorOf('/priorityDate')}
        errorText={errorOf('/priorityDate')}
        onChange={(iso) => set({ priorityDate: iso })}
      />
      <TextArea
        id="priority-reason"
        label={t('queue.priority.reason')}
        helperText={t('queue.priority.reasonHelp')}
        required
        maxLength={1000}
        value={v.reason}
        invalid={!!errorOf('/reason')}
        errorText={errorOf('/reason')}
        onChange={(e) => set({ reason: e.target.value })}
      />
      <QueueProblem error={error} />
      {submitted && errors.length > 0 && (
        <p className="field-error" role="alert">
          {t('queue.form.fixErrors', { count: errorsByField(errors).size })}
        </p>
      )}
      <div className="button-row">
        <Button type="submit" disabled={pending}>
          {t('queue.priority.submit')}
        </Button>
      </div>
    </form>
  );
}
