import { describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpClient } from './http-client.ts';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string) =>
  json(
    status,
    {
      type: `urn:civic:problem:${code}`,
      title: code,
      status,
      code,
      errors: [{ field: '/x', message: 'bad' }],
    },
    'application/problem+json',
  );

describe('http client', () => {
  it('maps problem+json to ApiError with the code and field errors', async () => {
    const client = createHttpClient({
      getAccessToken: () => 't',
      refreshAccessToken: async () => null,
      onSessionEnded: () => {},
      fetch: async () => problem(422, 'validation_failed'),
    });
    const err = (await client.post('/x', {}).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('validation_failed');
    expect(err.fieldErrors).toEqual([{ field: '/x', message: 'bad' }]);
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    let token = 'old';
    const refresh = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 10));
      token = 'new';
      return token;
    });
    const seen: string[] = [];
    const client = createHttpClient({
      getAccessToken: () => token,
      refreshAccessToken: refresh,
      onSessionEnded: () => {},
      fetch: async (_url, init) => {
        const auth = (init?.headers as Record<string, string>).authorization!;
        seen.push(auth);
        return auth === 'Bearer new' ? json(200, { ok: true }) : problem(401, 'token_expired');
      },
    });
    const results = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.filter((s) => s === 'Bearer new')).toHaveLength(3);
  });

  it('ends the session when refresh fails', async () => {
    const ended = vi.fn();
    const client = createHttpClient({
      getAccessToken: () => 'old',
      refreshAccessToken: async () => null,
      onSessionEnded: ended,
      fetch: async () => problem(401, 'token_expired'),
    });
    await expect(client.get('/a')).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledOnce();
  });

  it('turns a network failure into a network_error', async () => {
    const client = createHttpClient({
      getAccessToken: () => null,
      refreshAccessToken: async () => null,
      onSessionEnded: () => {},
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(client.get('/a')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });
});
