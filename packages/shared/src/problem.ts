import { Type, type Static } from 'typebox';

/**
 * Stable error codes. The SPAs translate these (locales `errors.<code>`), integrations branch on
 * them; never rename one, add new ones instead.
 */
export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'token_invalid',
  'token_expired',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'key_unavailable',
  'signature_invalid',
  'link_unusable',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'service_unavailable',
  'internal_error',
  'signing_method_unavailable',
  'idempotency_key_reused',
  'idempotency_request_in_progress',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ErrorCode): string {
  return `urn:civic:problem:${code}`;
}

export const FieldErrorSchema = Type.Object({
  /** JSON pointer-like path of the field, e.g. `/email` or `/roles/0`. */
  field: Type.String(),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldErrorSchema>;

/** RFC 9457 problem details with our stable `code` and the request id for support. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Enum(ERROR_CODES),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { additionalProperties: true },
);
export type Problem = Static<typeof ProblemSchema>;

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}
