import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import type { PortalOffer } from '@civic/shared/queue';
import { API, liveStream, loginResponse, me, problem, server } from '@civic/shared/web/testing';
import { renderApp } from '../../../testing/test-utils.tsx';
import { portalOffer } from '../testing/offers.ts';

// 16:00 in Helsinki on 2 December 2026.
const NOW = new Date('2026-12-02T14:00:00Z');
const ID = '10000000-0000-4000-8000-000000000001';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

/** A provider user signed in, the offer as the API answers it now (`current` may move on). */
function serve(current: { offer: PortalOffer }) {
  server.use(
    http.post(`${API}/auth/refresh`, () =>
      HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
    ),
    http.get(`${API}/portal/offers/${ID}`, () => HttpResponse.json(current.offer)),
  );
}

const step = (offer: PortalOffer, extra: Partial<PortalOffer>): PortalOffer => ({
  ...offer,
  ...extra,
  timeline: [...offer.timeline, ...(extra.timeline ?? [])],
});

describe('offer page', () => {
  it('shows what the unit needs of the client, and confirms once however fast the clicks', async () => {
    const current = {
      offer: portalOffer({
        note: 'Tytär tulee mukaan muuttopäivänä.',
        responseDueAt: '2026-12-02T19:00:00Z',
      }),
    };
    serve(current);
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/portal/offers/${ID}/confirm`, async ({ request }) => {
        posts.push(await request.json());
        await delay(50);
        current.offer = step(current.offer, { status: 'provider_confirmed' });
        return HttpResponse.json(current.offer);
      }),
    );
    renderApp(`/offers/${ID}`);
    expect(await screen.findByRole('heading', { name: 'Orvokki Salminen', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('88 vuotta')).toBeInTheDocument();
    expect(screen.getByText('suomi')).toBeInTheDocument();
    expect(screen.getByText('Muistisairaiden suljettu yksikkö')).toBeInTheDocument();
    expect(screen.getByText('Tytär tulee mukaan muuttopäivänä.')).toBeInTheDocument();
    expect(screen.getByText('Odottaa vahvistustasi')).toBeInTheDocument();
    // The deadline by colour and in words: 5 hours left, due at 21.00 Helsinki time.
    expect(screen.getByText('5 tunnin päästä')).toBeInTheDocument();
    expect(screen.getByText(/^Vahvista tai hylkää viimeistään 2\.12\.2026 klo 21\.00$/)).toBeInTheDocument();
    const timeline = screen.getByRole('region', { name: 'Vaiheet' });
    expect(within(timeline).getByText('Paikka tarjottu')).toBeInTheDocument();
    expect(timeline).toHaveTextContent('carecoord (kaupunki)');

    await userEvent.dblClick(screen.getByRole('button', { name: 'Vahvista: voimme ottaa asiakkaan' }));
    const done = await screen.findByText(
      'Tarjous vahvistettu. Koordinaattori kirjaa seuraavaksi asiakkaan vastauksen.',
    );
    expect(posts).toEqual([{}]);
    await waitFor(() => expect(done.closest('.offer-outcome')).toHaveFocus());
    expect(screen.getAllByText('Vahvistettu, odottaa asiakkaan vastausta').length).toBeGreaterThan(0);
    // Confirmed, the unit may still decline; the client's deadline is the coordinator's to keep.
    expect(screen.getByRole('button', { name: 'Emme voi ottaa asiakasta' })).toBeInTheDocument();
    expect(screen.getByText(/^Asiakkaan vastaus viimeistään/)).toBeInTheDocument();
  });

  it('declines only with a reason, and only after asking', async () => {
    const current = { offer: portalOffer() };
    serve(current);
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/portal/offers/${ID}/decline`, async ({ request }) => {
        posts.push(await request.json());
        current.offer = step(current.offer, { status: 'provider_declined' });
        return HttpResponse.json(current.offer);
      }),
    );
    renderApp(`/offers/${ID}`);
    const open = await screen.findByRole('button', { name: 'Emme voi ottaa asiakasta' });
    await userEvent.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const reason = screen.getByRole('textbox', { name: /Syy/ });
    expect(reason).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Hylkää tarjous' }));
    expect(screen.getByText('Kirjoita syy.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.type(reason, 'Ei vapaata paikkaa muistiyksikössä');
    await userEvent.click(screen.getByRole('button', { name: 'Hylkää tarjous' }));
    let dialog = await screen.findByRole('dialog', { name: 'Hylätäänkö tarjous?' });
    expect(dialog).toHaveTextContent('Hylkäystä ei voi perua.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Peruuta' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posts).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Hylkää tarjous' }));
    dialog = await screen.findByRole('dialog', { name: 'Hylätäänkö tarjous?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hylkää tarjous' }));
    expect(await screen.findByText('Tarjous hylätty. Paikka on taas vapaana.')).toBeInTheDocument();
    expect(posts).toEqual([{ reason: 'Ei vapaata paikkaa muistiyksikössä' }]);
    expect(screen.queryByRole('button', { name: 'Emme voi ottaa asiakasta' })).not.toBeInTheDocument();
  });

  it('records the move-in: today by default, not before the offer nor in the future, after asking', async () => {
    const current = {
      offer: portalOffer({
        status: 'accepted',
        offeredAt: '2026-11-28T09:00:00.000Z',
        moveInDueOn: '2026-12-03',
        timeline: [
          ...portalOffer().timeline,
          {
            at: '2026-11-28T10:00:00.000Z',
            kind: 'provider_confirmed',
            actor: 'tiina',
            actorSide: 'provider',
            reason: 'Huone siivotaan torstaina',
            detail: {},
          },
        ],
      }),
    };
    serve(current);
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/portal/offers/${ID}/move-in`, async ({ request }) => {
        const body = (await request.json()) as { movedInOn: string };
        posts.push(body);
        current.offer = step(current.offer, { status: 'moved_in', movedInOn: body.movedInOn });
        return HttpResponse.json(current.offer);
      }),
    );
    renderApp(`/offers/${ID}`);
    const date = await screen.findByLabelText(/^Muuttopäivä/);
    // Today, as Finnish writes it; the format is the field's hint.
    expect(date).toHaveValue('2.12.2026');
    expect(date).toHaveAccessibleDescription(/Muoto p\.k\.vvvv/);
    expect(screen.getByText('huomenna')).toBeInTheDocument();
    expect(screen.getByText('Kirjaa muutto viimeistään 3.12.2026')).toBeInTheDocument();
    // A confirmation's text is the unit's note, not a reason.
    expect(screen.getByText('Viesti: Huone siivotaan torstaina')).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: 'Kirjaa muutto' });

    await userEvent.clear(date);
    await userEvent.type(date, '27.11.2026');
    await userEvent.click(submit);
    expect(screen.getByText('Muuttopäivä ei voi olla ennen tarjousta (28.11.2026).')).toBeInTheDocument();
    await userEvent.clear(date);
    await userEvent.type(date, '3.12.2026');
    await userEvent.click(submit);
    expect(screen.getByText(/päivä ei voi olla tulevaisuudessa/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.clear(date);
    await userEvent.type(date, '1.12.2026');
    await userEvent.click(submit);
    const dialog = await screen.findByRole('dialog', { name: 'Kirjataanko muutto?' });
    expect(dialog).toHaveTextContent('Orvokki Salminen muutti 1.12.2026.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Kirjaa muutto' }));
    expect(await screen.findByText('Muutto kirjattu. Paikka on nyt käytössä.')).toBeInTheDocument();
    expect(posts).toEqual([{ movedInOn: '2026-12-01' }]);
    expect(screen.getByText('Asiakas muutti 1.12.2026.')).toBeInTheDocument();
  });

  it('tells a refused step with the shared notice and shows the offer as it now stands', async () => {
    const current = { offer: portalOffer() };
    serve(current);
    server.use(
      http.post(`${API}/portal/offers/${ID}/confirm`, () => {
        // The coordinator cancelled the offer a moment ago.
        current.offer = step(current.offer, { status: 'cancelled' });
        return problem(409, 'invalid_transition');
      }),
    );
    renderApp(`/offers/${ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Vahvista: voimme ottaa asiakkaan' }));
    const refused = await screen.findByText('Muutos ei ole mahdollinen nykyisessä tilassa.');
    await waitFor(() => expect(refused.closest('.offer-outcome')).toHaveFocus());
    expect(await screen.findByText('Kaupunki perui tarjouksen. Paikka on taas vapaana.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Vahvista/ })).not.toBeInTheDocument();
  });

  it('reloads when the city changes this offer, and not for other offers', async () => {
    const current = { offer: portalOffer({ responseDueAt: '2026-12-02T19:00:00Z' }) };
    serve(current);
    let reads = 0;
    const live = liveStream();
    server.use(
      http.get(`${API}/portal/offers/${ID}`, () => {
        reads += 1;
        return HttpResponse.json(current.offer);
      }),
      http.get(`${API}/portal/offers/awaiting`, () => HttpResponse.json({ toAnswer: 1, toRecordMoveIn: 0 })),
      live.handler,
    );
    renderApp(`/offers/${ID}`, { live: true });
    expect(await screen.findByText('Odottaa vahvistustasi')).toBeInTheDocument();
    await expect.poll(() => live.asked.length).toBeGreaterThan(0);
    const before = reads;
    // Another offer of the organisation changed: this one (in its client's access log) is not read again.
    live.change({ topic: 'care.offers', ids: ['10000000-0000-4000-8000-000000000099'] });
    await new Promise((r) => setTimeout(r, 300));
    expect(reads).toBe(before);
    // The coordinator withdraws this one.
    current.offer = step(current.offer, { status: 'cancelled' });
    live.change({ topic: 'care.offers', ids: [ID] });
    expect(await screen.findByText('Kaupunki perui tarjouksen. Paikka on taas vapaana.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Vahvista/ })).not.toBeInTheDocument();
  });

  it("answers another organisation's offer as not found", async () => {
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/offers/${ID}`, () => problem(404, 'not_found')),
    );
    renderApp(`/offers/${ID}`);
    expect(await screen.findByRole('heading', { name: 'Tarjous', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('Etsimääsi tietoa ei löytynyt.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Tarjoukset' })).toHaveAttribute('href', '/portal/offers');
  });
});
