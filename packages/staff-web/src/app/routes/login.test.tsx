import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, problem, server, submitLogin } from '@civic/shared/web/testing';
import { renderApp } from '../../testing/test-utils.tsx';

describe('staff app login', () => {
  it('sends an anonymous visitor to login and back to where they were going after login', async () => {
    server.use(
      http.post(`${API}/auth/login`, () => HttpResponse.json(loginResponse(me({ roles: ['admin'] })))),
    );
    const { router } = renderApp('/admin/users');
    await screen.findByRole('heading', { name: 'Avaimet ja hoivapaikat' });
    expect(router.state.location.pathname).toBe('/login');
    await submitLogin('tester', 'secret-password');
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/users'));
  });

  it('shows the translated problem and stays on the page', async () => {
    server.use(http.post(`${API}/auth/login`, () => problem(423, 'account_locked')));
    renderApp('/login');
    await submitLogin('tester', 'wrong');
    expect(await screen.findByText(/Tili on lukittu/)).toBeInTheDocument();
    // Announced: in an alert (HDS drops the role of an inline notification), named in Finnish.
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/Tili on lukittu/);
    expect(alert.querySelector('section')).not.toHaveAttribute('aria-label', 'Notification');
  });

  it('checks required fields before calling the API', async () => {
    // No login handler: a request would fail the test (onUnhandledRequest: 'error').
    renderApp('/login');
    await userEvent.click(await screen.findByRole('button', { name: 'Kirjaudu' }));
    expect(await screen.findAllByText('Pakollinen tieto')).toHaveLength(2);
  });

  it('tells provider staff to use the portal and ends their session here', async () => {
    let loggedOut = false;
    server.use(
      http.post(`${API}/auth/login`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.post(`${API}/auth/logout`, () => {
        loggedOut = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp('/login');
    await submitLogin('tester', 'secret-password');
    expect(await screen.findByText(/Palveluntuottajien käyttäjät kirjautuvat/)).toBeInTheDocument();
    await waitFor(() => expect(loggedOut).toBe(true));
  });

  it("offers the city's account when the API says single sign-on is configured, and explains a refusal", async () => {
    server.use(http.get(`${API}/auth/options`, () => HttpResponse.json({ sso: true })));
    renderApp('/login?sso_error=sso_unmapped');
    expect(await screen.findByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' })).toBeInTheDocument();
    expect(screen.getByText(/ei ole käyttäjätiliä tässä palvelussa/)).toBeInTheDocument();
    // The password form stays beside it.
    expect(screen.getByRole('button', { name: 'Kirjaudu' })).toBeInTheDocument();
  });

  it('says a sign-on cancelled at the provider was cancelled, not that it failed', async () => {
    server.use(http.get(`${API}/auth/options`, () => HttpResponse.json({ sso: true })));
    renderApp('/login?sso_error=sso_cancelled');
    const notice = await screen.findByRole('region', { name: 'Kirjautuminen peruttiin' });
    expect(notice).toHaveTextContent(/Peruit kirjautumisen kaupungin tunnistuspalvelussa/);
    expect(screen.queryByText('Kirjautuminen epäonnistui')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' })).toBeInTheDocument();
  });

  it('shows no single sign-on without it, and ignores an unknown error code', async () => {
    renderApp('/login?sso_error=whatever');
    await screen.findByRole('button', { name: 'Kirjaudu' });
    expect(screen.queryByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' })).not.toBeInTheDocument();
    expect(screen.queryByText('Kirjautuminen epäonnistui')).not.toBeInTheDocument();
  });
});
