import type { LoginRequest, LoginResponse, SsoApp, UserMe } from './auth.ts';
import type { LogoutResponse } from './sso.ts';
import { ApiError, createHttpClient } from './http-client.ts';
import { isProblem } from './problem.ts';

export type SessionEvent = { me: UserMe | null; ended?: boolean };

/**
 * The signed-in state of one SPA: access token in memory only (never in storage), the refresh
 * token in its httpOnly cookie, and an API client that refreshes once and retries. Each SPA makes
 * one of these in `lib/api-client.ts`.
 */
export function createBrowserSession(
  apiBase = '/api/v1',
  doFetch: typeof fetch = (...a) => fetch(...a),
  /** Which app this is: single sign-on returns to it, and the provider's logout comes back to its login page. */
  app: SsoApp = 'staff',
) {
  let accessToken: string | null = null;
  let currentMe: UserMe | null = null;
  const listeners = new Set<(e: SessionEvent) => void>();
  const emit = (e: SessionEvent) => listeners.forEach((l) => l(e));

  function accept(res: LoginResponse): UserMe {
    if (res.me.kind !== 'user') throw new Error('not a user session');
    accessToken = res.accessToken;
    currentMe = res.me;
    emit({ me: res.me });
    return res.me;
  }

  async function refresh(): Promise<string | null> {
    try {
      const res = await doFetch(`${apiBase}/auth/refresh`, { method: 'POST', credentials: 'same-origin' });
      if (!res.ok) return null;
      accept((await res.json()) as LoginResponse);
      return accessToken;
    } catch {
      return null;
    }
  }

  const api = createHttpClient({
    baseUrl: apiBase,
    getAccessToken: () => accessToken,
    refreshAccessToken: refresh,
    onSessionEnded: () => {
      accessToken = null;
      currentMe = null;
      emit({ me: null, ended: true });
    },
    fetch: doFetch,
  });

  return {
    api,
    subscribe(listener: (e: SessionEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** On page load: resume the session from the refresh cookie, if there is one. */
    async resume(): Promise<UserMe | null> {
      return (await refresh()) ? currentMe : null;
    },
    async login(credentials: LoginRequest): Promise<UserMe> {
      const res = await doFetch(`${apiBase}/auth/login`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(credentials),
      }).catch(() => {
        throw new ApiError(0, null, 'Network error');
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, isProblem(body) ? body : null);
      return accept(body as LoginResponse);
    },
    /**
     * Ends the session here; for a single sign-on session also answers the identity provider's
     * logout page, where the caller sends the browser to end the sign-on there too.
     */
    async logout(): Promise<{ endSessionUrl: string | null }> {
      const res = await api
        .post<LogoutResponse | undefined>('/auth/logout', undefined, { query: { app }, noRefresh: true })
        .catch(() => undefined);
      accessToken = null;
      currentMe = null;
      emit({ me: null });
      return { endSessionUrl: res?.endSessionUrl ?? null };
    },
    /** Where this app's API is and which app this is: the login page's single sign-on needs them. */
    apiBase,
    app,
  };
}
export type BrowserSession = ReturnType<typeof createBrowserSession>;
