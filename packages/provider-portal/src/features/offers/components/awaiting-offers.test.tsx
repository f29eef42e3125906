import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import { renderApp } from '../../../testing/test-utils.tsx';
import { portalOffer } from '../testing/offers.ts';

const dashboard = {
  provider: { id: '00000000-0000-4000-8000-000000000009', name: 'Hoivakoti Testi Oy', kind: 'purchased' },
  units: [],
  openVacancies: [],
  staleAfterDays: 7,
};

function serve(awaiting: { toAnswer: number; toRecordMoveIn: number }, offers = [portalOffer()]) {
  server.use(
    http.post(`${API}/auth/refresh`, () =>
      HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
    ),
    http.get(`${API}/portal/dashboard`, () => HttpResponse.json(dashboard)),
    http.get(`${API}/portal/offers/awaiting`, () => HttpResponse.json(awaiting)),
    http.get(`${API}/portal/offers`, () =>
      HttpResponse.json({ items: offers, page: 1, pageSize: 100, total: offers.length }),
    ),
  );
}

describe('offers awaiting action, outside the inbox', () => {
  it('are counted on the navigation link and the phone menu button, in words for screen readers', async () => {
    serve({ toAnswer: 2, toRecordMoveIn: 1 });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' });
    const link = await within(nav).findByRole('link', { name: 'Tarjoukset (3 odottaa toimia)' });
    expect(within(link).getByText('3')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('button', { name: /^Valikko\s*\(3 odottaa toimia\)$/ })).toBeInTheDocument();
  });

  it('show no badge when nothing waits', async () => {
    serve({ toAnswer: 0, toRecordMoveIn: 0 }, []);
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' });
    expect(within(nav).getByRole('link', { name: 'Tarjoukset' })).toBeInTheDocument();
    expect(await screen.findByText('Mikään tarjous ei odota toimiasi.')).toBeInTheDocument();
  });

  it('are listed on the dashboard with their deadlines and a way to the inbox', async () => {
    serve({ toAnswer: 1, toRecordMoveIn: 0 });
    renderApp('/');
    const section = await screen.findByRole('region', { name: 'Tarjoukset, jotka odottavat toimiasi' });
    await within(section).findByText('1 tarjous');
    expect(within(section).getByRole('link', { name: 'Orvokki Salminen' })).toHaveAttribute(
      'href',
      '/portal/offers/10000000-0000-4000-8000-000000000001',
    );
    expect(within(section).getByText(/^Vahvista tai hylkää viimeistään/)).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Kaikki tarjoukset' })).toHaveAttribute(
      'href',
      '/portal/offers',
    );
  });
});
