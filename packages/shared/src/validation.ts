import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldError } from './problem.ts';

/**
 * Validates a value against a contract schema the way the API does, returning field errors in the
 * same shape the API's problem+json uses, so forms and server speak about fields alike.
 */
export function validate<T extends TSchema>(
  schema: T,
  value: unknown,
): { ok: true; value: Static<T> } | { ok: false; errors: FieldError[] } {
  if (Value.Check(schema, value)) return { ok: true, value: value as Static<T> };
  const errors = Value.Errors(schema, value).map((e) => ({
    field: e.instancePath || '/',
    message: e.message,
  }));
  return { ok: false, errors };
}
