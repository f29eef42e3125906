import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequest, UserMe } from '../auth.ts';
import type { SsoApp } from '../auth.ts';
import type { BrowserSession } from '../browser-session.ts';
import { LANGUAGE_STORAGE_KEY } from './i18n.tsx';

type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; sessionEnded: boolean }
  | { status: 'authenticated'; me: UserMe };

interface AuthContextValue {
  state: AuthState;
  login(credentials: LoginRequest): Promise<UserMe>;
  logout(): Promise<{ endSessionUrl: string | null }>;
  /** The API's base address and this app's name, for single sign-on on the login page. */
  sso: { apiBase: string; app: SsoApp };
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ session, children }: { session: BrowserSession; children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const { i18n } = useTranslation();

  useEffect(() => {
    const unsubscribe = session.subscribe(({ me, ended }) =>
      setState(me ? { status: 'authenticated', me } : { status: 'anonymous', sessionEnded: !!ended }),
    );
    void session.resume().then((me) => {
      if (!me) setState({ status: 'anonymous', sessionEnded: false });
    });
    return () => {
      unsubscribe();
    };
  }, [session]);

  const login = useCallback(
    async (credentials: LoginRequest) => {
      const me = await session.login(credentials);
      // A user's saved language wins at login unless they already chose one on this device.
      if (!localStorage.getItem(LANGUAGE_STORAGE_KEY)) void i18n.changeLanguage(me.language);
      return me;
    },
    [session, i18n],
  );
  const logout = useCallback(() => session.logout(), [session]);
  const value = useMemo(
    () => ({
      state,
      login,
      logout,
      sso: { apiBase: session.apiBase, app: session.app },
    }),
    [state, login, logout, session],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for components rendered inside RequireAuth. */
export function useMe(): UserMe {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe outside an authenticated route');
  return state.me;
}
