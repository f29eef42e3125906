import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { BrowserSession } from '../browser-session.ts';
import { AuthProvider } from './auth.tsx';
import { createQueryClient } from './query-client.tsx';
import { LiveEventsProvider } from './live.tsx';

/** Every provider an SPA needs; the apps and their tests both render through this. */
export function AppProvider({
  session,
  i18n,
  live = false,
  children,
}: {
  session: BrowserSession;
  i18n: I18n;
  /** Follow changes over the API's event stream (`useLiveInvalidation`); off in component tests. */
  live?: boolean;
  children: ReactNode;
}) {
  const [queryClient] = useState(createQueryClient);
  const app = <AuthProvider session={session}>{children}</AuthProvider>;
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {live ? <LiveEventsProvider api={session.api}>{app}</LiveEventsProvider> : app}
      </QueryClientProvider>
    </I18nextProvider>
  );
}
