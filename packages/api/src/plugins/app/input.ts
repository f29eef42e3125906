import fp from 'fastify-plugin';
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import type { FieldError } from '@civic/shared/problem';
import { AppError } from '../../lib/errors.ts';
import { firstNonUtf8Line } from '../../lib/text.ts';
import { runFirst } from '../../lib/route-hooks.ts';

const MAX_LISTED = 20;
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** Paths (`/a/0/b`) of strings and keys holding a NUL, walked without recursion (bodies nest deep). */
export function nulFields(value: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length && found.length < MAX_LISTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path || '/');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) found.push(`${path}/${k.split('\u0000').join('\\u0000')}`);
        stack.push([child, `${path}/${k}`]);
      }
    }
  }
  return found;
}

function refuseNul(request: FastifyRequest) {
  for (const [source, value] of [
    ['path', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const) {
    // A raw file (CSV) is its route's to read: it names the line at fault (`decodeRowFile`).
    if (Buffer.isBuffer(value)) continue;
    const fields = nulFields(value);
    if (fields.length) {
      const errors: FieldError[] = fields.map((field) => ({ field, message: NUL_MESSAGE }));
      throw new AppError(422, 'validation_failed', `Invalid ${source}`, { errors });
    }
  }
}

/**
 * What every route gets before its own schema looks at the request: a NUL anywhere in the path,
 * query or body is refused with the fields that hold it (PostgreSQL cannot store one), and a JSON
 * body must be UTF-8 (a decoder would otherwise turn bad bytes into U+FFFD and store them).
 */
export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      const buffer = body as Buffer;
      const line = firstNonUtf8Line(buffer);
      if (line !== null) {
        done(
          new AppError(400, 'bad_request', `The body is not valid UTF-8 (line ${line})`, {
            errors: [{ field: '/', message: 'not_utf8' }],
            line,
          }),
          undefined,
        );
        return;
      }
      parseJson(request, buffer.toString('utf8'), done);
    });
    // On every route that takes input. One that declares no body, query or path parameters cannot
    // read any (the type provider types them `unknown`), so it skips the check; no schema: checked.
    const check: preValidationHookHandler = (request, _reply, done) => {
      try {
        refuseNul(request);
        done();
      } catch (err) {
        done(err as Error);
      }
    };
    app.addHook('onRoute', (route) => {
      const schema = route.schema as
        { body?: unknown; querystring?: unknown; query?: unknown; params?: unknown } | undefined;
      // `query` is Fastify's other name for `querystring`.
      const takesInput =
        !schema ||
        !!(schema.body ?? schema.querystring ?? schema.query ?? schema.params) ||
        /[:*]/.test(route.url);
      if (takesInput) runFirst(route, 'preValidation', check);
    });
  },
  { name: 'input', dependencies: ['errors'] },
);
