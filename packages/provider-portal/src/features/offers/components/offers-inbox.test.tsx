import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { PortalOffer } from '@civic/shared/queue';
import { API, liveStream, loginResponse, me, server } from '@civic/shared/web/testing';
import { renderApp } from '../../../testing/test-utils.tsx';
import { portalOffer } from '../testing/offers.ts';

// 16:00 in Helsinki on 2 December 2026.
const NOW = new Date('2026-12-02T14:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const client = (firstName: string) => ({ ...portalOffer().client, firstName, lastName: 'Testinen' });
const inFiveHours = portalOffer({
  id: '10000000-0000-4000-8000-00000000000a',
  client: client('Viisi'),
  responseDueAt: '2026-12-02T19:00:00.000Z',
});
const tomorrow = portalOffer({
  id: '10000000-0000-4000-8000-00000000000b',
  client: client('Huominen'),
  responseDueAt: '2026-12-03T14:00:00.000Z',
});
const lateMoveIn = portalOffer({
  id: '10000000-0000-4000-8000-00000000000c',
  client: client('Myöhäinen'),
  status: 'accepted',
  moveInDueOn: '2026-12-01',
});
const movedIn = portalOffer({
  id: '10000000-0000-4000-8000-00000000000d',
  client: client('Muuttanut'),
  status: 'moved_in',
  movedInOn: '2026-11-20',
});

const page = (items: PortalOffer[], total: number, pageSize: number, pageNo = 1) =>
  HttpResponse.json({ items, page: pageNo, pageSize, total });

/** A provider user, with the inbox's requests kept (status and page of each). */
function serveInbox() {
  const asked: { status: string[]; page: string | null }[] = [];
  server.use(
    http.post(`${API}/auth/refresh`, () =>
      HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
    ),
    http.get(`${API}/portal/offers/awaiting`, () => HttpResponse.json({ toAnswer: 2, toRecordMoveIn: 1 })),
    http.get(`${API}/portal/offers`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      const status = q.getAll('status');
      asked.push({ status, page: q.get('page') });
      if (status.join() === 'proposed,accepted') return page([tomorrow, inFiveHours, lateMoveIn], 3, 100);
      if (status.join() === 'accepted') return page([lateMoveIn], 1, 20);
      return page([movedIn], 41, 20, Number(q.get('page') ?? 1));
    }),
  );
  return asked;
}

describe('offers inbox', () => {
  it('puts the offers awaiting action first, soonest deadline first, with deadlines in words; the rest in pages', async () => {
    const asked = serveInbox();
    const { router } = renderApp('/offers');
    const awaiting = await screen.findByRole('region', { name: 'Odottavat toimiasi' });
    await within(awaiting).findByText('3 tarjousta');
    const names = within(awaiting)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(names).toEqual(['Myöhäinen Testinen', 'Viisi Testinen', 'Huominen Testinen']);
    const [late, soon, later] = within(awaiting).getAllByRole('listitem') as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(late).toHaveTextContent('Myöhässä, eilen');
    expect(late).toHaveTextContent('Asiakas hyväksyi, kirjaa muutto');
    expect(late).toHaveTextContent('Kirjaa muutto viimeistään 1.12.2026');
    expect(soon).toHaveTextContent('5 tunnin päästä');
    expect(soon).toHaveTextContent('Vahvista tai hylkää viimeistään 2.12.2026 klo 21.00');
    expect(later).toHaveTextContent('24 tunnin päästä');
    // Only what the unit needs: age and language, never an identity code.
    expect(soon).toHaveTextContent('88 v, hoitokieli suomi');
    expect(within(soon).getByRole('link', { name: 'Viisi Testinen' })).toHaveAttribute(
      'href',
      `/portal/offers/${inFiveHours.id}`,
    );

    const others = screen.getByRole('region', { name: 'Muut tarjoukset' });
    await within(others).findByText('41 tarjousta');
    expect(within(others).getByText('Asiakas muutti 20.11.2026.')).toBeInTheDocument();
    await userEvent.click(within(others).getByRole('button', { name: 'Seuraava' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    await within(others).findByText('Sivu 2/3');
    expect(asked).toContainEqual({
      status: [
        'provider_confirmed',
        'moved_in',
        'provider_declined',
        'client_declined',
        'expired',
        'cancelled',
      ],
      page: '2',
    });
  });

  it('keeps the status choice in the address and starts it from the first page', async () => {
    const asked = serveInbox();
    const { router } = renderApp('/offers?page=3');
    const select = await screen.findByLabelText('Näytä');
    expect(select).toHaveValue('all');
    await userEvent.selectOptions(select, 'Asiakas hyväksyi, kirjaa muutto');
    await waitFor(() => expect(router.state.location.search).toBe('?status=accepted'));
    const section = await screen.findByRole('region', { name: 'Asiakas hyväksyi, kirjaa muutto' });
    await within(section).findByText('1 tarjous');
    expect(asked.at(-1)).toEqual({ status: ['accepted'], page: '1' });
    expect(screen.queryByRole('region', { name: 'Odottavat toimiasi' })).not.toBeInTheDocument();
  });

  it('opens an address with a status as it says', async () => {
    serveInbox();
    renderApp('/offers?status=action');
    expect(await screen.findByLabelText('Näytä')).toHaveValue('action');
    const section = await screen.findByRole('region', { name: 'Odottavat toimiasi' });
    await within(section).findByText('3 tarjousta');
  });

  it('shows a new offer from the city without reloading, and counts it in the badge', async () => {
    const awaiting: PortalOffer[] = [];
    const live = liveStream();
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/offers/awaiting`, () =>
        HttpResponse.json({ toAnswer: awaiting.length, toRecordMoveIn: 0 }),
      ),
      http.get(`${API}/portal/offers`, ({ request }) =>
        new URL(request.url).searchParams.getAll('status').join() === 'proposed,accepted'
          ? page(awaiting, awaiting.length, 100)
          : page([], 0, 20),
      ),
      live.handler,
    );
    renderApp('/offers', { live: true });
    const region = await screen.findByRole('region', { name: 'Odottavat toimiasi' });
    await expect.poll(() => live.asked.length).toBeGreaterThan(0);
    expect(within(region).queryByRole('heading', { level: 3 })).not.toBeInTheDocument();
    // A coordinator offers a place in one of the units: ids only in the event, the lists reload.
    awaiting.push(inFiveHours);
    live.change({ topic: 'care.offers', ids: [inFiveHours.id] });
    expect(
      await within(region).findByRole('heading', { level: 3, name: 'Viisi Testinen' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    await within(nav).findByText('1');
  });
});
