import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import type { LoginResponse, UserMe } from '@civic/shared/auth';
import type { ErrorCode } from '@civic/shared/problem';

export const API = 'http://localhost/api/v1';
export const server = setupServer(
  // By default nobody is signed in: the refresh cookie is missing.
  http.post(`${API}/auth/refresh`, () => problem(401, 'token_invalid')),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
);

export function problem(status: number, code: ErrorCode) {
  return HttpResponse.json(
    { type: `urn:civic:problem:${code}`, title: code, status, code },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

export function me(over: Partial<UserMe> = {}): UserMe {
  return {
    kind: 'user',
    id: '00000000-0000-4000-8000-000000000001',
    username: 'tester',
    displayName: 'Testi Testinen',
    email: 'tester@example.test',
    language: 'fi',
    roles: ['admin'],
    provider: null,
    sites: [],
    ...over,
  };
}

export const loginResponse = (user: UserMe): LoginResponse => ({
  accessToken: 'token',
  tokenType: 'Bearer',
  expiresIn: 900,
  me: user,
});
