import type { FastifyServerOptions } from 'fastify';
import { Type, type TSchema } from 'typebox';

type AjvPluginEntry = NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number];
type AjvPlugin = Exclude<AjvPluginEntry, readonly unknown[]>;

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

/**
 * `x-trim` (set by the shared `RequiredText` helper): the request's string is trimmed in place
 * before its length and pattern are checked, so `"   "` is refused and `" Seura ry "` is stored as
 * `"Seura ry"`. AJV re-reads a modified value before the keywords after it (`modifying`).
 */
export const trimKeyword: AjvPlugin = (ajv) => {
  ajv.addKeyword({
    keyword: 'x-trim',
    type: 'string',
    modifying: true,
    schemaType: 'boolean',
    before: 'maxLength',
    errors: false,
    validate: (
      on: boolean,
      data: string,
      _schema: unknown,
      ctx?: { parentData: unknown; parentDataProperty: string | number },
    ) => {
      if (on && ctx?.parentData && typeof ctx.parentData === 'object') {
        (ctx.parentData as Record<string | number, unknown>)[ctx.parentDataProperty] = data.trim();
      }
      return true;
    },
  });
  return ajv;
};
