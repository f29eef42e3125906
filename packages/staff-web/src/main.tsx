import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'hds-core/lib/base.min.css';
import '@civic/shared/web/styles.css';
import './lib/i18n.ts';
import { App } from './app/app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
