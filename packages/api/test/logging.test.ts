import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggablePath, loggerOptions } from '../src/lib/logger.ts';
import { createTestApp, userWithToken } from './helpers.ts';

/** Everything the logger writes, line by line. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('what a request writes to the log', () => {
  describe('JSON (LOG_FORMAT=json, for production)', () => {
    const out = capture();
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(
        {},
        { logger: loggerOptions({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, out.stream) },
      );
    });
    afterAll(() => t?.close());

    it('one line per API request, with its fields, and none for probes', async () => {
      out.lines.length = 0;
      await t.http().get('/api/v1/me').set('x-request-id', 'test-request-0001');
      await t.http().get('/api/health');
      const mine = out.lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'test-request-0001');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        level: 30,
        method: 'GET',
        url: '/api/v1/me',
        statusCode: 401,
        msg: expect.stringMatching(/^GET \/api\/v1\/me 401 \d+ ms$/),
      });
      expect(out.lines.some((l) => l.includes('/api/health'))).toBe(false);
      expect(out.lines.some((l) => /incoming request|request completed/.test(l))).toBe(false);
    });
  });

  describe('at LOG_LEVEL=debug', () => {
    const out = capture();
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(
        {},
        { logger: loggerOptions({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }, out.stream) },
      );
    });
    afterAll(() => t?.close());

    it('probes and static files are logged too, at debug, one line each', async () => {
      out.lines.length = 0;
      await t.http().get('/api/health').set('x-request-id', 'test-request-0002');
      const mine = out.lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'test-request-0002');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ level: 20, url: '/api/health', statusCode: 200 });
    });
  });

  describe('pretty (the default, for a person at a console)', () => {
    const out = capture();
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(
        {},
        { logger: loggerOptions({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, out.stream) },
      );
    });
    afterAll(() => t?.close());

    it('a request is one readable line: time, level, method, path, status, duration; no JSON', async () => {
      const { auth } = await userWithToken(t, { roles: ['admin'] });
      out.lines.length = 0;
      await t.http().get('/api/v1/users?q=Virtanen').set('authorization', auth);
      expect(out.lines).toHaveLength(1);
      expect(out.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/users\?… 200 \d+ ms$/);
    });
  });

  it('never logs a signing or invitation token, nor a query (searches carry names)', () => {
    expect(loggablePath('/api/v1/signing/AbC_123-xyz/sign')).toBe('/api/v1/signing/…/sign');
    expect(loggablePath('/sign/AbC_123-xyz')).toBe('/sign/…');
    expect(loggablePath('/api/v1/auth/invitations/tok3n')).toBe('/api/v1/auth/invitations/…');
    expect(loggablePath('/api/v1/key-agreements?q=Matti%20Virtanen')).toBe('/api/v1/key-agreements?…');
    expect(loggablePath('/api/v1/care/units/123')).toBe('/api/v1/care/units/123');
  });
});
