import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type {
  FastifyRequest,
  onResponseAsyncHookHandler,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { sql } from 'drizzle-orm';
import { Type, type TSchema } from 'typebox';
import { AppError, badRequest } from '../../lib/errors.ts';
import { ProblemRef } from '../../lib/schemas.ts';
import { runFirst } from '../../lib/route-hooks.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set for every creating POST (one that answers 201); `false` opts a route out. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A first request still "running" after this long died with its process; the key is free again. */
const ABANDONED_AFTER_SECONDS = 300;
/** Headers of the stored answer that are replayed with it. */
const KEPT_HEADERS = ['content-type', 'location'];

const IdempotencyHeaderSchema = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 257,
    description:
      'Makes this POST safe to retry (IETF httpapi Idempotency-Key): the same key with the same request ' +
      'replays the stored answer for 24 hours (with `Idempotent-Replayed: true`), the same key with another ' +
      'request answers 422 `idempotency_key_reused`, and while the first is still running 409 ' +
      '`idempotency_request_in_progress`. Keys are per caller.',
  }),
);

/** JSON with sorted keys, so the same payload always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(request: FastifyRequest) {
  const body = request.body;
  const payload =
    typeof body === 'string' || Buffer.isBuffer(body) ? body : canonical(body === undefined ? null : body);
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(payload)
    .digest('base64url');
}

/** The header is a structured-field string (`"abc"`); a bare token is accepted too. */
function keyOf(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const value = String(raw)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  if (!value || value.length > 255 || !/^[\x20-\x7e]+$/.test(value)) {
    throw badRequest('The Idempotency-Key header must be 1–255 visible ASCII characters', [
      { field: '/headers/idempotency-key', message: 'invalid' },
    ]);
  }
  return value;
}

/**
 * Idempotency-Key on every creating POST, as one mechanism: a route that answers 201 gets the
 * header documented and handled here, with no code of its own. The first request with a key claims
 * it (a row in `idempotency_keys`, unique per caller and key, so two at once cannot both run); its
 * answer is stored when sent (5xx answers release the key instead, so a retry runs again), and
 * replayed for IDEMPOTENCY_TTL_HOURS; `idempotency.cleanup` removes expired keys.
 */
export default fp(
  async (app) => {
    app.decorateRequest('idempotency', null);

    const claimKey: preHandlerAsyncHookHandler = async (request, reply) => {
      if (!request.principal) return;
      const key = keyOf(request);
      if (!key) return;
      const principal = `${request.principal.kind}:${request.principal.id}`;
      const print = fingerprint(request);
      const ttl = app.config.IDEMPOTENCY_TTL_HOURS;
      for (let attempt = 0; attempt < 2; attempt++) {
        const claimed = await app.db.execute(sql`
          INSERT INTO idempotency_keys (principal, key, fingerprint, expires_at)
          VALUES (${principal}, ${key}, ${print}, now() + make_interval(hours => ${ttl}))
          ON CONFLICT DO NOTHING RETURNING key`);
        if (claimed.rows.length) {
          request.idempotency = { principal, key };
          return;
        }
        const res = await app.db.execute<{
          fingerprint: string;
          response_status: number | null;
          response_headers: Record<string, string> | null;
          response_body: string | null;
          expired: boolean;
          abandoned: boolean;
        }>(sql`
          SELECT fingerprint, response_status, response_headers, response_body, expires_at < now() AS expired,
                 (response_status IS NULL AND created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})) AS abandoned
            FROM idempotency_keys WHERE principal = ${principal} AND key = ${key}`);
        const row = res.rows[0];
        if (!row) continue; // removed in between: claim again
        if (row.expired || row.abandoned) {
          await app.db
            .execute(sql`DELETE FROM idempotency_keys WHERE principal = ${principal} AND key = ${key}
            AND (expires_at < now() OR (response_status IS NULL AND created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})))`);
          continue;
        }
        if (row.fingerprint !== print) {
          throw new AppError(
            422,
            'idempotency_key_reused',
            'This Idempotency-Key was used for a different request; use a new key',
          );
        }
        if (row.response_status === null) {
          throw new AppError(
            409,
            'idempotency_request_in_progress',
            'A request with this Idempotency-Key is still being processed; retry shortly',
            { headers: { 'retry-after': '1' } },
          );
        }
        reply.code(row.response_status).headers(row.response_headers ?? {});
        reply.header('idempotent-replayed', 'true');
        return reply.send(row.response_body ?? '');
      }
      throw new AppError(409, 'idempotency_request_in_progress', 'Retry shortly', {
        headers: { 'retry-after': '1' },
      });
    };

    const storeAnswer: onSendAsyncHookHandler = async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim) return payload;
      request.idempotency = null;
      const storable = typeof payload === 'string' || Buffer.isBuffer(payload);
      if (reply.statusCode >= 500 || !storable) {
        await app.db.execute(
          sql`DELETE FROM idempotency_keys WHERE principal = ${claim.principal} AND key = ${claim.key}`,
        );
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const h of KEPT_HEADERS) {
        const v = reply.getHeader(h);
        if (v !== undefined) headers[h] = String(v);
      }
      await app.db.execute(sql`
        UPDATE idempotency_keys SET response_status = ${reply.statusCode}, response_headers = ${JSON.stringify(headers)}::jsonb,
               response_body = ${payload.toString()}
         WHERE principal = ${claim.principal} AND key = ${claim.key}`);
      return payload;
    };

    // A request that ends without an answer (the client went away mid-handler) frees its key.
    const releaseKey: onResponseAsyncHookHandler = async (request) => {
      const claim = request.idempotency;
      if (!claim) return;
      request.idempotency = null;
      await app.db.execute(
        sql`DELETE FROM idempotency_keys WHERE principal = ${claim.principal} AND key = ${claim.key}
             AND response_status IS NULL`,
      );
    };

    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      const schema = route.schema as
        | { response?: Record<string, unknown>; headers?: TSchema & { properties?: Record<string, TSchema> } }
        | undefined;
      const creates = methods.includes('POST') && !!schema?.response && '201' in schema.response;
      const enabled = route.config?.idempotent ?? creates;
      if (!enabled || !schema) return;
      route.config = { ...(route.config ?? {}), idempotent: true };
      // Mutated in place: the route table and the OpenAPI document hold this same object.
      const headers = schema.headers?.properties ?? {};
      schema.headers = Type.Object({ ...headers, [IDEMPOTENCY_HEADER]: IdempotencyHeaderSchema });
      schema.response ??= {};
      schema.response['409'] ??= ProblemRef;
      schema.response['422'] ??= ProblemRef;
      // Only these routes run the three hooks (each before the route's own hooks of that kind).
      runFirst(route, 'preHandler', claimKey);
      runFirst(route, 'onSend', storeAnswer);
      runFirst(route, 'onResponse', releaseKey);
    });

    app.jobs.define({
      name: 'idempotency.cleanup',
      cron: '17 * * * *',
      handler: async () => {
        const res = await app.db.execute(sql`DELETE FROM idempotency_keys WHERE expires_at < now()`);
        return { removed: res.rowCount ?? 0 };
      },
    });
  },
  { name: 'idempotency', dependencies: ['db', 'auth', 'jobs'] },
);
