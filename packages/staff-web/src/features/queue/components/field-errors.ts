import { useTranslation } from 'react-i18next';
import type { TSchema } from 'typebox';
import { ApiError } from '@civic/shared/http-client';
import type { FieldError } from '@civic/shared/problem';
import { validate } from '@civic/shared/validation';

/** A list item's error belongs to its list (`/needTagIds/2` → `/needTagIds`). */
const fieldOf = (path: string) => path.replace(/\/\d+$/, '');

/**
 * One error per field, the most specific: a union's own complaints ("must be null") about a field
 * whose inner value already says what is wrong are left out.
 */
export function errorsByField(errors: readonly FieldError[]): Map<string, FieldError> {
  const out = new Map<string, FieldError>();
  const sorted = [...errors].sort((a, b) => b.field.length - a.field.length);
  for (const error of sorted) {
    const field = fieldOf(error.field);
    if ([...out.keys()].some((k) => k.startsWith(`${field}/`))) continue;
    if (!out.has(field)) out.set(field, { field, message: error.message });
  }
  return out;
}

/** Checks a request body with the contract schema, the way the API will, before it is sent. */
export function checkBody<T extends TSchema>(schema: T, body: unknown, extra: FieldError[] = []) {
  const result = validate(schema, body);
  return [...(result.ok ? [] : result.errors), ...extra];
}

/**
 * The words for a field's error, next to the field: an API reason code (`ward_required`) in its
 * own words, otherwise what this field needs (`queue.invalid.<scope>.<field>`, then
 * `queue.invalid.<field>`), otherwise a general "check this". Errors found in the form and those
 * the API returned are shown alike.
 */
export function useFieldErrors(local: readonly FieldError[], apiError: unknown, scope?: string) {
  const { t, i18n } = useTranslation('queue');
  const remote = apiError instanceof ApiError ? apiError.fieldErrors : [];
  const byField = errorsByField([...local, ...remote]);
  return (field: string): string | undefined => {
    const error = byField.get(field);
    if (!error) return undefined;
    const codeKey = `queue.problems.${error.message}`;
    if (/^[a-z_]+$/.test(error.message) && i18n.exists(codeKey, { ns: 'queue' })) return t(codeKey);
    const path = field.slice(1).replaceAll('/', '.');
    // A form's own words for a field first (`queue.invalid.close.reason`), then the common ones.
    const key = [scope && `queue.invalid.${scope}.${path}`, `queue.invalid.${path}`].find(
      (k): k is string => !!k && i18n.exists(k, { ns: 'queue' }),
    );
    return t(key ?? 'queue.invalid.default');
  };
}

/** Moves the focus to the first field (in the form's order) that has an error. */
export function focusFirstError(errors: readonly FieldError[], inputOf: Record<string, string>) {
  const id = Object.entries(inputOf).find(([field]) =>
    errors.some((e) => e.field === field || e.field.startsWith(`${field}/`)),
  )?.[1];
  if (id) document.getElementById(id)?.focus();
}
