import type { ErrorCode, FieldError } from '@civic/shared/problem';

/** A refusal the client can act on; becomes problem+json with its stable `code`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (detail = 'You do not have access to this') =>
  new AppError(403, 'forbidden', detail);
export const conflict = (detail: string, extra?: AppError['extra']) =>
  new AppError(409, 'conflict', detail, extra);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(
    errors ? 422 : 400,
    errors ? 'validation_failed' : 'bad_request',
    detail,
    errors ? { errors } : {},
  );
export const unauthenticated = (code: ErrorCode = 'unauthenticated', detail = 'Authentication required') =>
  new AppError(401, code, detail);
