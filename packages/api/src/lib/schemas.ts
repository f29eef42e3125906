import { Type, type TSchema } from 'typebox';

/** The shared problem+json schema, registered once under this id (see app.ts). */
export const ProblemRef = Type.Unsafe<unknown>({ $ref: 'Problem#' });

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 503;

/** Response schemas for the error statuses a route can answer with, all problem+json. */
export function problems(...statuses: ErrorStatus[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of new Set<ErrorStatus>([401, 403, 422, 429, ...statuses])) out[s] = ProblemRef;
  return out;
}

export const NoContent = Type.Null({ description: 'No content' });
