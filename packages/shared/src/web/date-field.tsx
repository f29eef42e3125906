import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../dates.ts';
import { formatDateInput, parseDateInput } from './page.tsx';

export interface DateFieldProps {
  id: string;
  name?: string;
  label: string;
  /** The date as YYYY-MM-DD, or '' for none. */
  value: string;
  /**
   * Called with the typed date as YYYY-MM-DD, or '' when the field is emptied or its text names no
   * day (as a native date field reports it). A day outside `min`–`max` is passed on, so the form's
   * own rules still see it; the field says what is wrong once it loses focus.
   */
  onChange: (iso: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  /** The field's own help; the format hint follows it. */
  helperText?: string;
  /** The form's error for this field: it says more than the field's own, so it is shown first. */
  invalid?: boolean;
  errorText?: string;
  className?: string;
  ref?: Ref<HTMLInputElement>;
}

function problemOf(text: string, lang: string, min?: string, max?: string) {
  const iso = parseDateInput(text, lang);
  if (iso === null) return { key: 'dateField.invalid' } as const;
  if (iso && min && iso < min)
    return { key: 'dateField.tooEarly', date: formatDateInput(min, lang) } as const;
  if (iso && max && iso > max) return { key: 'dateField.tooLate', date: formatDateInput(max, lang) } as const;
  return null;
}

/**
 * A date typed as the page's language writes it (`5.3.2026` in Finnish and Swedish, `05/03/2026`
 * in English), with the format as a hint, while the form keeps YYYY-MM-DD. A native
 * `<input type="date">` would show the browser's own locale (`03/05/2026` in a US Chromium) on a
 * Finnish page. An impossible day or one outside `min`–`max` is told on blur (linked to the input
 * by HDS as its error) and set as the input's validity, so a form that lets the browser check
 * fields still stops on it. Arrow up and down move a typed date by a day.
 */
export function DateField({
  id,
  name,
  label,
  value,
  onChange,
  min,
  max,
  required,
  disabled,
  helperText,
  invalid,
  errorText,
  className,
  ref,
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState(() => formatDateInput(value, lang));
  const [shown, setShown] = useState({ value, lang });
  const [blurred, setBlurred] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);

  // A value set from outside (a reset, the address, a default) or a new language rewrites the text;
  // the value this field itself reported leaves the text as typed.
  if (shown.value !== value || shown.lang !== lang) {
    setShown({ value, lang });
    if (shown.lang !== lang ? value !== '' : (parseDateInput(text, lang) ?? '') !== value)
      setText(formatDateInput(value, lang));
  }

  const problem = problemOf(text, lang, min, max);
  const message = problem ? t(problem.key, 'date' in problem ? { date: problem.date } : {}) : '';
  const ownError = blurred && problem ? message : '';

  useEffect(() => {
    input.current?.setCustomValidity(message);
  }, [message]);

  const change = (next: string) => {
    setText(next);
    if (!problemOf(next, lang, min, max)) setBlurred(false);
    const iso = parseDateInput(next, lang) ?? '';
    if (iso !== value) onChange(iso);
  };

  const step = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const iso = parseDateInput(text, lang);
    if (!iso) return;
    e.preventDefault();
    change(formatDateInput(addDays(iso, e.key === 'ArrowUp' ? 1 : -1), lang));
  };

  const hint = t('dateField.format');
  return (
    <TextInput
      ref={(el) => {
        input.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) ref.current = el;
      }}
      id={id}
      name={name}
      className={className}
      label={label}
      required={required}
      disabled={disabled}
      autoComplete="off"
      helperText={helperText ? `${helperText} ${hint}` : hint}
      value={text}
      invalid={!!ownError || !!invalid}
      aria-invalid={ownError || invalid ? true : undefined}
      errorText={(invalid && errorText) || ownError || undefined}
      onChange={(e) => change(e.target.value)}
      onBlur={() => {
        setBlurred(true);
        const iso = parseDateInput(text, lang);
        if (iso) setText(formatDateInput(iso, lang));
        // A form that keeps a date when emptied (a report's period) shows the date it kept.
        else if (iso === '' && value) setText(formatDateInput(value, lang));
      }}
      onKeyDown={step}
    />
  );
}
