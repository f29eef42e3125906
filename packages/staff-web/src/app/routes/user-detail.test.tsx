import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, problem, server } from '@civic/shared/web/testing';
import type { SsoLink, User } from '@civic/shared/users';
import { renderApp } from '../../testing/test-utils.tsx';

const USER_ID = '00000000-0000-4000-8000-0000000000d1';
const LINK_ID = '00000000-0000-4000-8000-0000000000e1';
const user: User = {
  id: USER_ID,
  username: 'carecoord',
  displayName: 'Helena Hoivakoordinaattori',
  email: 'carecoord@demo.example',
  phone: null,
  language: 'fi',
  roles: ['care_coordinator'],
  provider: null,
  sites: [],
  disabled: false,
  lockedUntil: null,
  lastLoginAt: '2026-12-01T08:15:00Z',
  createdAt: '2026-01-01T08:00:00Z',
};
const link: SsoLink = {
  id: LINK_ID,
  issuer: 'https://login.hel.fi/realms/helsinki',
  subject: 'c0ffee00-0000-4000-8000-000000000001',
  origin: 'linked',
  linkedAt: '2026-11-02T09:30:00Z',
  lastLoginAt: '2026-12-01T08:15:00Z',
};

function adminWithUser() {
  let links = [link];
  const removed: string[] = [];
  server.use(
    http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles: ['admin'] })))),
    http.get(`${API}/users/${USER_ID}`, () => HttpResponse.json(user)),
    http.get(`${API}/users/${USER_ID}/sso-links`, () => HttpResponse.json({ items: links })),
    http.delete(`${API}/users/${USER_ID}/sso-links/:linkId`, ({ params }) => {
      removed.push(String(params.linkId));
      links = [];
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return removed;
}

describe('user admin: the link to the city login', () => {
  it('shows issuer, subject, when linked and the last sign-on, and removes the link after confirming', async () => {
    const removed = adminWithUser();
    renderApp(`/admin/users/${USER_ID}`);
    const section = await screen.findByRole('region', { name: 'Kaupungin tunnus' });
    await within(section).findByText('Liitetty kaupungin tunnukseen');
    expect(within(section).getByText('https://login.hel.fi/realms/helsinki')).toBeInTheDocument();
    expect(within(section).getByText(link.subject)).toBeInTheDocument();
    // Helsinki time, with how the link was made.
    expect(within(section).getByText(/2\.11\.2026 klo 11\.30.*olemassa olevaan tiliin/)).toBeInTheDocument();
    expect(within(section).getByText('1.12.2026 klo 10.15')).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Poista liitos' }));
    // Nothing is removed before the second, explicit click.
    expect(removed).toEqual([]);
    expect(within(section).getByText(/Poistetaanko liitos\?/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Poista liitos' }));
    await waitFor(() => expect(removed).toEqual([LINK_ID]));
    expect(await within(section).findByText(/Ei liitetty kaupungin tunnukseen/)).toBeInTheDocument();
    expect(within(section).getByText('Liitos kaupungin tunnukseen poistettiin.')).toBeInTheDocument();
  });

  it('keeps the link when the admin cancels, and shows a refused removal as a problem', async () => {
    const removed = adminWithUser();
    server.use(http.delete(`${API}/users/${USER_ID}/sso-links/:linkId`, () => problem(404, 'not_found')));
    renderApp(`/admin/users/${USER_ID}`);
    const section = await screen.findByRole('region', { name: 'Kaupungin tunnus' });
    await userEvent.click(await within(section).findByRole('button', { name: 'Poista liitos' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Peruuta' }));
    expect(within(section).queryByText(/Poistetaanko liitos\?/)).not.toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Poista liitos' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Poista liitos' }));
    expect(await within(section).findByRole('alert')).toBeInTheDocument();
    expect(removed).toEqual([]);
    expect(within(section).getByText('https://login.hel.fi/realms/helsinki')).toBeInTheDocument();
  });

  it('says when a user has no link', async () => {
    adminWithUser();
    server.use(http.get(`${API}/users/${USER_ID}/sso-links`, () => HttpResponse.json({ items: [] })));
    renderApp(`/admin/users/${USER_ID}`);
    expect(await screen.findByRole('heading', { name: 'Helena Hoivakoordinaattori' })).toBeInTheDocument();
    expect(await screen.findByText(/Ei liitetty kaupungin tunnukseen/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Poista liitos' })).not.toBeInTheDocument();
  });
});
