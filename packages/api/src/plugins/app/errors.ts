import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, type ErrorCode, type Problem } from '@civic/shared/problem';
import { AppError } from '../../lib/errors.ts';
import { isDatabaseUnavailable } from './db.ts';

/** Seconds a client should wait before retrying while the database is away or the server stops. */
export const RETRY_AFTER_SECONDS = 5;

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request has invalid fields',
  bad_request: 'Bad request',
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Wrong username or password',
  account_locked: 'Account temporarily locked',
  account_disabled: 'Account disabled',
  token_invalid: 'Invalid token',
  token_expired: 'Token expired',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_transition: 'This change is not allowed in the current state',
  key_unavailable: 'A key is not available',
  signature_invalid: 'The signature is missing or too small',
  link_unusable: 'The signing link can no longer be used',
  rate_limited: 'Too many requests',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media type',
  service_unavailable: 'Service temporarily unavailable',
  internal_error: 'Internal error',
  signing_method_unavailable: 'This signing method is not available',
  idempotency_key_reused: 'Idempotency-Key reused with another request',
  idempotency_request_in_progress: 'A request with this Idempotency-Key is in progress',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** The problem+json body for a refusal of this request (also kept by imports that outlast it). */
export function problemBody(
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem {
  const { headers: _headers, ...rest } = extra;
  return {
    type: problemType(code),
    title: TITLES[code],
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...rest,
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  detail?: string,
  extra: Record<string, unknown> = {},
) {
  const headers = (extra as { headers?: Record<string, string> }).headers;
  if (headers) reply.headers(headers);
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemBody(request, status, code, detail, extra));
}

/** Maps a schema validation error path (`/body/email`, `body.email`) to the field path `/email`. */
function fieldOf(instancePath: string, missing?: unknown): string {
  const base = instancePath || '';
  return missing ? `${base}/${String(missing)}` : base || '/';
}

/** At most this many field errors are listed in one answer; `errorCount` tells the total. */
export const MAX_FIELD_ERRORS = 50;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A database refusal caused by what the client sent, as the 4xx it is. The checks in the services
 * come first; this is the net under them, so a value that slips past one is never a 500:
 * - a reference to a row that does not exist (foreign key): 404 when the id came in the path,
 *   otherwise 422 naming the field (`Key (service_type_id)=(…)` → `/serviceTypeId`);
 * - a row still referenced, or a unique value taken: 409;
 * - a value PostgreSQL cannot take (class 22: out of range, malformed, NUL): 422.
 * The transaction the statement ran in is rolled back, so nothing changed.
 */
function clientDataError(
  error: unknown,
  request: FastifyRequest,
): { status: number; code: ErrorCode; detail: string; extra?: Record<string, unknown> } | null {
  let pg: { code: string; detail?: string } | null = null;
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (e as object)) {
      pg = e as { code: string; detail?: string };
      break;
    }
  }
  if (!pg) return null;
  if (pg.code === '23503') {
    const m = /^Key \(([a-z_]+)\)=\((.*)\) is not present in table/.exec(pg.detail ?? '');
    if (!m) return { status: 409, code: 'conflict', detail: 'This is still in use elsewhere' };
    const [, column, value] = m as unknown as [string, string, string];
    const inPath = Object.values((request.params ?? {}) as Record<string, unknown>).includes(value);
    if (inPath) return { status: 404, code: 'not_found', detail: 'Not found' };
    return {
      status: 422,
      code: 'validation_failed',
      detail: 'A referenced item does not exist',
      extra: { errors: [{ field: `/${camel(column)}`, message: 'unknown' }] },
    };
  }
  if (pg.code === '23505') return { status: 409, code: 'conflict', detail: 'This already exists' };
  if (pg.code.startsWith('22')) {
    return {
      status: 422,
      code: 'validation_failed',
      detail: 'A value in the request cannot be stored',
      extra: { errors: [{ field: '/', message: 'unstorable_value' }] },
    };
  }
  return null;
}

/**
 * One error handler for the whole API: every error becomes problem+json with a stable code, the
 * request id, and no internal detail for 5xx.
 */
export default fp(
  async (app) => {
    // Fastify's own answer while closing is plain JSON; this one is problem+json like the rest
    // (`return503OnClosing: false` in app.ts hands the job to this hook).
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (!closing) return done();
      reply.header('connection', 'close');
      // Past the route's own response schemas: `/api/ready` has a 503 of its own shape, which a
      // problem does not fit (its serializer threw, and the answer was a 500).
      reply.serializer((body: unknown) => JSON.stringify(body));
      // Answered here, so `done` is not called: the request goes no further.
      sendProblem(request, reply, 503, 'service_unavailable', 'The server is stopping; try again shortly', {
        headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
      });
    });
    app.setErrorHandler((error: FastifyError & { extra?: unknown }, request, reply) => {
      if (error instanceof AppError) {
        return sendProblem(request, reply, error.status, error.code, error.message, error.extra);
      }
      if (error.validation) {
        // A body of many bad items (a signature of 20 000 bad points) lists the first ones only.
        const errors = error.validation.slice(0, MAX_FIELD_ERRORS).map((v) => ({
          field: fieldOf(v.instancePath, (v.params as { missingProperty?: string })?.missingProperty),
          message: v.message ?? 'invalid',
        }));
        return sendProblem(
          request,
          reply,
          422,
          'validation_failed',
          `Invalid ${error.validationContext ?? 'request'}`,
          {
            errors,
            ...(error.validation.length > errors.length ? { errorCount: error.validation.length } : {}),
          },
        );
      }
      const refusal = clientDataError(error, request);
      if (refusal) {
        request.log.warn({ err: error }, 'database refused a value from the request');
        return sendProblem(request, reply, refusal.status, refusal.code, refusal.detail, refusal.extra);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ code: (error as { code?: string }).code }, 'database unavailable');
        return sendProblem(
          request,
          reply,
          503,
          'service_unavailable',
          'The database cannot be reached right now; try again shortly',
          { headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
        );
      }
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(
          request,
          reply,
          status === 503 ? 503 : 500,
          status === 503 ? 'service_unavailable' : 'internal_error',
        );
      }
      // Fastify's own 4xx (bad JSON, wrong content type, body too large): safe to echo.
      return sendProblem(request, reply, status, STATUS_CODES[status] ?? 'bad_request', error.message);
    });
  },
  { name: 'errors' },
);
