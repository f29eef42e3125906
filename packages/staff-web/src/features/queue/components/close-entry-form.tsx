import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonVariant, RadioButton, TextArea } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { CLOSE_REASONS, type CloseReason } from '@civic/shared/care-queue';
import { helsinkiDateOf } from '@civic/shared/dates';
import type { FieldError } from '@civic/shared/problem';
import { CloseQueueEntrySchema, type CloseQueueEntry, type QueueEntry } from '@civic/shared/queue';
import { formatDate } from '@civic/shared/web/page';
import { checkBody, errorsByField, focusFirstError, useFieldErrors } from './field-errors.ts';
import { QueueProblem } from './queue-problem.tsx';
import { DateField } from '@civic/shared/web/date-field';

const INPUT_OF: Record<string, string> = {
  '/reason': `close-reason-${CLOSE_REASONS[0]}`,
  '/on': 'close-on',
  '/note': 'close-note',
};

type Values = { reason: CloseReason | ''; on: string; note: string };
const toBody = (v: Values) => ({ reason: v.reason, on: v.on, note: v.note.trim() }) as CloseQueueEntry;

export function checkClose(v: Values): FieldError[] {
  const extra: FieldError[] =
    v.on && v.on > helsinkiDateOf(new Date()) ? [{ field: '/on', message: 'in_the_future' }] : [];
  return checkBody(CloseQueueEntrySchema, toBody(v), extra);
}

/**
 * Closing an entry: withdrawn, deceased or placed elsewhere, with the date and a note. It is
 * confirmed in a second step, since it releases the client's live offers (and a death closes all
 * of the client's entries).
 */
export function CloseEntryForm({
  entry,
  onSubmit,
  pending,
  error,
}: {
  entry: QueueEntry;
  onSubmit: (body: CloseQueueEntry) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation('queue');
  const [v, setV] = useState<Values>({ reason: '', on: helsinkiDateOf(new Date()), note: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const errorOf = useFieldErrors(errors, error, 'close');
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const set = (patch: Partial<Values>) => {
    const next = { ...v, ...patch };
    setV(next);
    setConfirming(false);
    if (submitted) setErrors(checkClose(next));
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const found = checkClose(v);
    setErrors(found);
    if (found.length) return focusFirstError(found, INPUT_OF);
    setConfirming(true);
  }
  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <fieldset
        className="form-section"
        aria-describedby={errorOf('/reason') ? 'close-reason-error' : undefined}
      >
        <legend>
          {t('queue.close.reason')}
          <span aria-hidden="true"> *</span>
        </legend>
        {CLOSE_REASONS.map((r) => (
          <RadioButton
            key={r}
            id={`close-reason-${r}`}
            name="close-reason"
            value={r}
            label={t(`queue.status.${r}`)}
            checked={v.reason === r}
            onChange={() => set({ reason: r })}
          />
        ))}
        {errorOf('/reason') && (
          <p id="close-reason-error" className="field-error">
            {errorOf('/reason')}
          </p>
        )}
      </fieldset>
      <DateField
        id="close-on"
        label={t('queue.close.on')}
        required
        max={helsinkiDateOf(new Date())}
        value={v.on}
        invalid={!!errorOf('/on')}
        errorText={errorOf('/on')}
        onChange={(iso) => set({ on: iso })}
      />
      <TextArea
        id="close-note"
        label={t('queue.close.note')}
        helperText={t('queue.close.noteHelp')}
        required
        maxLength={1000}
        value={v.note}
        invalid={!!errorOf('/note')}
        errorText={errorOf('/note')}
        onChange={(e) => set({ note: e.target.value })}
      />
      {entry.liveOffer && <p>{t('queue.close.releasesOffer', { unit: entry.liveOffer.unit.name })}</p>}
      {submitted && errors.length > 0 && (
        <p className="field-error" role="alert">
          {t('queue.form.fixErrors', { count: errorsByField(errors).size })}
        </p>
      )}
      {!confirming ? (
        <div className="button-row">
          <Button type="submit" variant={ButtonVariant.Danger}>
            {t('queue.close.submit')}
          </Button>
        </div>
      ) : (
        <div
          className="confirm-box stack"
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="close-confirm-title"
        >
          <h2 id="close-confirm-title">{t('queue.close.confirmTitle')}</h2>
          <p>
            {t('queue.close.confirmText', {
              reason: v.reason ? t(`queue.status.${v.reason}`) : '',
              date: formatDate(v.on, i18n.language),
            })}
          </p>
          {v.reason === 'deceased' && <p>{t('queue.close.deceasedAll')}</p>}
          {entry.liveOffer && <p>{t('queue.close.offersReleased')}</p>}
          <QueueProblem error={error} />
          <div className="button-row">
            <Button
              type="button"
              variant={ButtonVariant.Danger}
              disabled={pending}
              onClick={() => onSubmit(toBody(v))}
            >
              {t('queue.close.confirm')}
            </Button>
            <Button type="button" variant={ButtonVariant.Secondary} onClick={() => setConfirming(false)}>
              {t('queue.close.back')}
            </Button>
          </div>
        </div>
      )}
      {!confirming && <QueueProblem error={error} />}
    </form>
  );
}
