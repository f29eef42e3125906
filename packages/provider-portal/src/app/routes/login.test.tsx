import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server, submitLogin } from '@civic/shared/web/testing';
import { renderApp } from '../../testing/test-utils.tsx';

describe('provider portal login', () => {
  it('lets a provider user in to their organisation', async () => {
    server.use(
      http.post(`${API}/auth/login`, () =>
        HttpResponse.json(
          loginResponse(
            me({
              roles: ['provider_user'],
              provider: { id: '00000000-0000-4000-8000-000000000009', name: 'Hoivakoti Testi Oy' },
            }),
          ),
        ),
      ),
      http.get(`${API}/portal/dashboard`, () =>
        HttpResponse.json({
          provider: {
            id: '00000000-0000-4000-8000-000000000009',
            name: 'Hoivakoti Testi Oy',
            kind: 'purchased',
          },
          units: [],
          openVacancies: [],
          staleAfterDays: 7,
        }),
      ),
      http.get(`${API}/portal/offers`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 100, total: 0 }),
      ),
    );
    const { router } = renderApp('/');
    await submitLogin('tester', 'secret-password');
    expect(await screen.findByRole('heading', { name: 'Hoivakoti Testi Oy', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/portal');
  });

  it('refuses city staff and points them to the staff app', async () => {
    let loggedOut = false;
    server.use(
      http.post(`${API}/auth/login`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['care_coordinator'] }))),
      ),
      http.post(`${API}/auth/logout`, () => {
        loggedOut = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/login');
    await submitLogin('tester', 'secret-password');
    expect(await screen.findByRole('link', { name: 'Siirry henkilöstön sovellukseen' })).toHaveAttribute(
      'href',
      '/',
    );
    await waitFor(() => expect(loggedOut).toBe(true));
  });

  it("offers the city's account when single sign-on is configured, and explains a refused one", async () => {
    server.use(http.get(`${API}/auth/options`, () => HttpResponse.json({ sso: true })));
    renderApp('/login?sso_error=sso_refused');
    expect(await screen.findByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' })).toBeInTheDocument();
    expect(screen.getByText(/Tällä tunnuksella ei voi kirjautua/)).toBeInTheDocument();
  });
});
