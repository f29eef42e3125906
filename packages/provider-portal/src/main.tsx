import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'hds-core/lib/base.min.css';
import '@civic/shared/web/styles.css';
import './portal.css';
import { reloadOnStaleChunks } from '@civic/shared/web/lazy-page';
import i18n from './lib/i18n.ts';
import { App } from './app/app.tsx';

reloadOnStaleChunks();

// The saved language's strings first (Finnish is bundled; another is one small request).
void i18n.ready.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
