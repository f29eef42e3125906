import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { BrowserSession } from '../browser-session.ts';
import { AuthProvider } from './auth.tsx';
import { createQueryClient } from './query-client.tsx';

/** Every provider an SPA needs; the apps and their tests both render through this. */
export function AppProvider({
  session,
  i18n,
  children,
}: {
  session: BrowserSession;
  i18n: I18n;
  children: ReactNode;
}) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider session={session}>{children}</AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
