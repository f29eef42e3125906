import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AppProvider } from '@civic/shared/web/app-provider';
import { createRouter } from './router.tsx';
import { session } from '../lib/api-client.ts';
import i18n from '../lib/i18n.ts';

export function App() {
  const [router] = useState(createRouter);
  return (
    <AppProvider session={session} i18n={i18n} live>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
