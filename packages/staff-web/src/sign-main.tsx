import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import 'hds-core/lib/base.min.css';
import '@civic/shared/web/styles.css';
import { createQueryClient } from '@civic/shared/web/query-client';
import { reloadOnStaleChunks } from '@civic/shared/web/lazy-page';
import i18n from './lib/i18n.ts';
import { SignByLinkPage } from './app/routes/sign-by-link.tsx';

/**
 * The renter's signing page (`/sign/:token`, from the e-mailed link) as an entry of its own. A renter
 * on a phone needs this one page: no session, no app shell, no other routes, so it loads a fraction
 * of the staff app. The server answers `/sign/<token>` with sign.html; the staff app's router keeps
 * the same route for the development server.
 */
reloadOnStaleChunks();

/** A crash shows a translated message and a way to retry, never a blank page. */
class SignPageError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="page narrow stack">
        <p role="alert">{i18n.t('errors.internal_error')}</p>
        <button type="button" className="button-link" onClick={() => window.location.reload()}>
          {i18n.t('shell.reload')}
        </button>
      </main>
    );
  }
}
const queryClient = createQueryClient();

void i18n.ready.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          {/* The declarative router: a third the size of the data router, and one route needs no more. */}
          <SignPageError>
            <BrowserRouter>
              <Routes>
                <Route path="/sign/:token" element={<SignByLinkPage />} />
              </Routes>
            </BrowserRouter>
          </SignPageError>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  ),
);
