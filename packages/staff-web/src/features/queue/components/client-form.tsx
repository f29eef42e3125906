import { useState, type ComponentProps, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ENTERED_WAITING_SETTINGS } from '@civic/shared/care-queue';
import { ageOn, helsinkiDateOf } from '@civic/shared/dates';
import { ApiError } from '@civic/shared/http-client';
import type { FieldError } from '@civic/shared/problem';
import { CARE_LANGUAGES, languageName } from '@civic/shared/web/language-names';
import { formatDate } from '@civic/shared/web/page';
import { useCareList } from '../api/get-care-list.ts';
import { useUnits } from '../api/get-units.ts';
import { birthDateOf, type ClientFormValues } from './client-form-model.ts';
import { errorsByField, focusFirstError, useFieldErrors } from './field-errors.ts';
import { useNameOf } from './names.ts';
import { QueueProblem } from './queue-problem.tsx';
import { SelectField } from './select-field.tsx';
import { SpousePicker } from './spouse-picker.tsx';

/** The input of each field the API or the schema may name, to move the focus to the first wrong one. */
const INPUT_OF: Record<string, string> = {
  '/personalIdentityCode': 'client-code',
  '/firstName': 'client-first-name',
  '/lastName': 'client-last-name',
  '/contact/name': 'client-contact-name',
  '/contact/relation': 'client-contact-relation',
  '/contact/phone': 'client-contact-phone',
  '/contact/email': 'client-contact-email',
  '/waiting/setting': 'client-waiting-setting',
  '/waiting/place': 'client-waiting-place',
  '/waiting/unitId': 'client-waiting-unit',
  '/waiting/since': 'client-waiting-since',
  '/rai/cps': 'client-rai-cps',
  '/rai/adlh': 'client-rai-adlh',
  '/rai/maple': 'client-rai-maple',
  '/rai/assessedOn': 'client-rai-assessed',
  '/spouseClientId': 'client-spouse-search',
};

/**
 * A client's data, the same for a new client and an edited one (the identity code is given once:
 * the birth date and the age follow from it). Checked with the contract's schema before sending;
 * errors show next to their fields, whether the form or the API found them.
 */
export function ClientForm({
  mode,
  initial,
  selfId = null,
  check,
  onSubmit,
  pending,
  error,
  submitLabel,
}: {
  mode: 'create' | 'edit';
  initial: ClientFormValues;
  selfId?: string | null;
  check: (values: ClientFormValues) => FieldError[];
  onSubmit: (values: ClientFormValues) => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const tags = useCareList('tags');
  const units = useUnits();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const set = (patch: Partial<ClientFormValues>) => {
    const next = { ...v, ...patch };
    setV(next);
    // Once the user has tried to send, errors follow the input as it is corrected.
    if (submitted) setErrors(check(next));
  };
  const errorOf = useFieldErrors(errors, error);
  const birthDate = mode === 'create' ? birthDateOf(v.personalIdentityCode) : null;
  const duplicateOf =
    error instanceof ApiError && error.code === 'conflict'
      ? ((error.problem as { clientId?: string } | null)?.clientId ?? null)
      : null;

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

  const text = (
    id: string,
    field: string,
    key: keyof ClientFormValues,
    label: string,
    extra: Partial<ComponentProps<typeof TextInput>> = {},
  ) => (
    <TextInput
      id={id}
      label={label}
      value={v[key] as string}
      invalid={!!errorOf(field)}
      errorText={errorOf(field)}
      onChange={(e) => set({ [key]: e.target.value })}
      {...extra}
    />
  );

  const today = helsinkiDateOf(new Date());
  const unitOptions = [...(units.data ?? [])]
    .filter((u) => u.active || u.id === v.waitingUnitId)
    .sort((a, b) => a.name.localeCompare(b.name, lang));

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <fieldset className="form-section">
        <legend>{t('queue.form.person')}</legend>
        {mode === 'create' ? (
          <div>
            {text(
              'client-code',
              '/personalIdentityCode',
              'personalIdentityCode',
              t('queue.client.identityCode'),
              {
                required: true,
                helperText: t('queue.form.identityCodeHelp'),
                autoComplete: 'off',
                maxLength: 11,
              },
            )}
            <p className="derived" aria-live="polite">
              {birthDate &&
                t('queue.form.derivedBirthDate', {
                  date: formatDate(birthDate, lang),
                  age: ageOn(birthDate, today),
                })}
            </p>
          </div>
        ) : (
          <p>
            {t('queue.client.identityCode')}: <strong>{v.personalIdentityCode}</strong>
          </p>
        )}
        {text('client-first-name', '/firstName', 'firstName', t('queue.form.firstName'), {
          required: true,
          autoComplete: 'off',
        })}
        {text('client-last-name', '/lastName', 'lastName', t('queue.form.lastName'), {
          required: true,
          autoComplete: 'off',
        })}
        <SelectField
          id="client-language"
          label={t('queue.language')}
          helper={t('queue.form.languageHelp')}
          value={v.language}
          options={[...new Set([...CARE_LANGUAGES, v.language])].map((l) => ({
            value: l,
            label: languageName(l, lang),
          }))}
          error={errorOf('/language')}
          onChange={(language) => set({ language })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('queue.waitingNow')}</legend>
        <SelectField
          id="client-waiting-setting"
          label={t('queue.form.waitingSetting')}
          required={mode === 'create'}
          value={v.waitingSetting}
          options={[
            { value: '', label: mode === 'create' ? t('queue.form.choose') : t('queue.form.unchanged') },
            ...ENTERED_WAITING_SETTINGS.map((s) => ({ value: s, label: t(`queue.waiting.${s}`) })),
          ]}
          error={errorOf('/waiting/setting')}
          onChange={(s) => set({ waitingSetting: s as ClientFormValues['waitingSetting'] })}
        />
        {v.waitingSetting === 'short_term_care' && (
          <SelectField
            id="client-waiting-unit"
            label={t('queue.form.waitingUnit')}
            value={v.waitingUnitId}
            options={[
              { value: '', label: t('queue.form.unitNotListed') },
              ...unitOptions.map((u) => ({ value: u.id, label: `${u.name} (${u.district})` })),
            ]}
            error={errorOf('/waiting/unitId')}
            onChange={(waitingUnitId) => set({ waitingUnitId })}
          />
        )}
        {v.waitingSetting !== '' &&
          !(v.waitingSetting === 'short_term_care' && v.waitingUnitId) &&
          text(
            'client-waiting-place',
            '/waiting/place',
            'waitingPlace',
            t(v.waitingSetting === 'hospital' ? 'queue.form.ward' : 'queue.form.waitingPlace'),
            {
              required: v.waitingSetting === 'hospital',
              helperText: v.waitingSetting === 'hospital' ? t('queue.form.wardHelp') : undefined,
            },
          )}
        {v.waitingSetting !== '' &&
          text('client-waiting-since', '/waiting/since', 'waitingSince', t('queue.form.waitingSince'), {
            type: 'date',
            max: today,
            helperText: t('queue.form.waitingSinceHelp'),
          })}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('queue.client.contact')}</legend>
        {text('client-contact-name', '/contact/name', 'contactName', t('queue.form.contactName'), {
          helperText: t('queue.form.contactHelp'),
        })}
        {text(
          'client-contact-relation',
          '/contact/relation',
          'contactRelation',
          t('queue.form.contactRelation'),
        )}
        {text('client-contact-phone', '/contact/phone', 'contactPhone', t('queue.form.contactPhone'), {
          type: 'tel',
          autoComplete: 'off',
        })}
        {text('client-contact-email', '/contact/email', 'contactEmail', t('queue.form.contactEmail'), {
          type: 'email',
          autoComplete: 'off',
        })}
      </fieldset>

      <fieldset className="form-section choice-columns">
        <legend>{t('queue.needs')}</legend>
        {tags.data
          ?.filter((x) => x.active || v.needTagIds.includes(x.id))
          .map((tag) => (
            <Checkbox
              key={tag.id}
              id={`client-need-${tag.code}`}
              label={nameOf(tag.names)}
              checked={v.needTagIds.includes(tag.id)}
              onChange={(e) =>
                set({
                  needTagIds: e.target.checked
                    ? [...v.needTagIds, tag.id]
                    : v.needTagIds.filter((x) => x !== tag.id),
                })
              }
            />
          ))}
        {errorOf('/needTagIds') && <p className="field-error">{errorOf('/needTagIds')}</p>}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('queue.client.rai')}</legend>
        <p className="muted">{t('queue.form.raiHelp')}</p>
        <div className="figures-grid">
          {text('client-rai-cps', '/rai/cps', 'raiCps', t('queue.form.raiCps'), { inputMode: 'numeric' })}
          {text('client-rai-adlh', '/rai/adlh', 'raiAdlh', t('queue.form.raiAdlh'), { inputMode: 'numeric' })}
          {text('client-rai-maple', '/rai/maple', 'raiMaple', t('queue.form.raiMaple'), {
            inputMode: 'numeric',
          })}
        </div>
        {text('client-rai-assessed', '/rai/assessedOn', 'raiAssessedOn', t('queue.form.raiAssessedOn'), {
          type: 'date',
          max: today,
        })}
      </fieldset>

      <SpousePicker
        selfId={selfId}
        spouse={v.spouse}
        placeTogether={v.placeTogether}
        error={errorOf('/spouseClientId')}
        onChange={(patch) => set(patch)}
      />

      {duplicateOf ? (
        <Notification type="error" label={t('shell.errorTitle')} role="alert">
          {t('queue.form.duplicate')}{' '}
          <Link to={`/care/clients/${duplicateOf}`}>{t('queue.form.openExisting')}</Link>
        </Notification>
      ) : (
        <QueueProblem error={error} />
      )}
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
