import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, liveStream, loginResponse, me, server } from '@civic/shared/web/testing';
import type { Vacancy } from '@civic/shared/care';
import type {
  Candidate,
  CandidateList,
  PlacementOffer,
  QueueEntry,
  Today,
  WaitingPrice,
} from '@civic/shared/queue';
import type { OfferStatus } from '@civic/shared/care-queue';
import type { Role } from '@civic/shared/roles';
import { renderApp } from '../../../testing/test-utils.tsx';

const names = (fi: string) => ({ fi, sv: fi, en: fi });
const ST = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'service_housing_24h',
  names: names('Ympärivuorokautinen palveluasuminen'),
};
const UNIT = {
  id: '00000000-0000-4000-8000-0000000000c1',
  name: 'Kallion seniorikeskus',
  district: 'Kallio',
};
const PROVIDER = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Helsingin kaupunki',
  kind: 'own' as const,
};
const VACANCY_ID = '00000000-0000-4000-8000-0000000000d1';
const OFFER_ID = '00000000-0000-4000-8000-0000000000f1';

const vacancy = (over: Partial<Vacancy> = {}): Vacancy => ({
  id: VACANCY_ID,
  unit: { ...UNIT, languages: ['fi'], tags: [] },
  provider: PROVIDER,
  serviceType: ST,
  availableFrom: '2026-11-20',
  ageDays: 11,
  status: 'open',
  notes: null,
  dailyPrice: null,
  reportedAt: '2026-11-20T10:00:00Z',
  reportedBy: null,
  withdrawnReason: null,
  ...over,
});

const entry = (n: number, first: string, last: string, over: Partial<QueueEntry> = {}): QueueEntry => ({
  id: `00000000-0000-4000-8000-00000000e0${n}0`,
  client: {
    id: `00000000-0000-4000-8000-00000000c0${n}0`,
    firstName: first,
    lastName: last,
    age: 84,
    language: 'fi',
    waiting: { setting: 'hospital', place: 'Laakson sairaala, osasto 5', unit: null, since: '2026-09-01' },
    needs: [],
    spouse: null,
  },
  serviceType: ST,
  decisionDate: '2026-09-01',
  readyDate: '2026-09-10',
  urgency: 'normal',
  priorityDate: null,
  priorityReason: null,
  preferredUnits: [],
  preferredDistricts: [],
  onlyPreferredUnits: false,
  status: 'queued',
  interimUnit: null,
  closedOn: null,
  closeNote: null,
  refusalCount: 0,
  needsReassessment: false,
  clockRestartedOn: null,
  clock: {
    startDate: '2026-09-01',
    dueDate: '2026-12-01',
    daysWaiting: 92,
    daysLeft: -1,
    state: 'overdue',
    metDeadline: null,
  },
  daysSinceReady: 83,
  liveOffer: null,
  position: n,
  createdAt: '2026-09-01T10:00:00Z',
  updatedAt: '2026-09-01T10:00:00Z',
  ...over,
});

/** A reason or lack of the matching rule carries its own fields beside the code. */
const why = (e: { code: string; points?: number } & Record<string, unknown>) =>
  e as Candidate['reasons'][number];

const top: Candidate = {
  rank: 1,
  score: 188,
  entry: entry(1, 'Eero', 'Savolainen'),
  reasons: [why({ code: 'days_waiting', points: 92, days: 92 }), { code: 'overdue', points: 50 }],
  lacks: [],
  spouse: null,
};
const second: Candidate = {
  rank: 2,
  score: 120,
  entry: entry(2, 'Aino', 'Virtanen', { preferredDistricts: ['Vallila'] }),
  reasons: [why({ code: 'days_waiting', points: 70, days: 70 })],
  lacks: [why({ code: 'not_preferred_district', districts: ['Vallila'] })],
  spouse: null,
};
const candidates: CandidateList = {
  vacancy: vacancy(),
  candidates: [top, second],
  total: 2,
  excluded: { needs_not_met: 3 },
};

const offer = (status: OfferStatus, over: Partial<PlacementOffer> = {}): PlacementOffer => ({
  id: OFFER_ID,
  groupId: '00000000-0000-4000-8000-0000000000f9',
  vacancy: { id: VACANCY_ID, availableFrom: '2026-11-20', unit: UNIT, provider: PROVIDER, serviceType: ST },
  entryId: top.entry.id,
  client: { id: top.entry.client.id, firstName: 'Eero', lastName: 'Savolainen', age: 84, language: 'fi' },
  coupleOfferId: null,
  status,
  interim: false,
  intendedMoveIn: '2099-01-10',
  offeredAt: '2026-12-02T10:00:00Z',
  offeredBy: 'Helena Hoivakoordinaattori',
  responseDueAt: '2099-01-03T10:00:00Z',
  moveInDueOn: null,
  movedInOn: null,
  pickReason: null,
  rankAtOffer: 1,
  note: null,
  timeline: [
    {
      at: '2026-12-02T10:00:00Z',
      kind: 'offered',
      actor: 'carecoord',
      actorSide: 'city',
      reason: null,
      detail: { rank: 1, score: 188 },
    },
  ],
  ...over,
});

function signIn(roles: Role[]) {
  server.use(http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles })))));
}

function vacancyApi(v: Vacancy = vacancy()) {
  const posted: unknown[] = [];
  server.use(
    http.get(`${API}/care/vacancies/${VACANCY_ID}`, () => HttpResponse.json(v)),
    http.get(`${API}/care/vacancies/${VACANCY_ID}/candidates`, () => HttpResponse.json(candidates)),
    http.post(`${API}/care/offers`, async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json(offer('proposed'), { status: 201 });
    }),
    http.get(`${API}/care/offers/${OFFER_ID}`, () => HttpResponse.json(offer('proposed'))),
  );
  return posted;
}

describe('vacancy page', () => {
  it('explains every candidate (why, score parts, lacks) and offers the top one by default', async () => {
    signIn(['care_coordinator']);
    const posted = vacancyApi();
    const { router } = renderApp(`/care/vacancies/${VACANCY_ID}`);
    const first = (await screen.findByText('1. Eero Savolainen')).closest('li')!;
    expect(within(first).getByText('Jonossa 92 päivää')).toBeInTheDocument();
    expect(within(first).getByText('+92')).toBeInTheDocument();
    expect(within(first).getByText('Pisteet yhteensä 188')).toBeInTheDocument();
    const secondCard = screen.getByText('2. Aino Virtanen').closest('li')!;
    expect(within(secondCard).getByText('Ei toivotussa kaupunginosassa (Vallila)')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '1. Eero Savolainen' })).toBeChecked();
    expect(screen.queryByLabelText(/Perustelu valinnalle/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Tarjoa' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/care/offers/${OFFER_ID}`));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ vacancyId: VACANCY_ID, entryId: top.entry.id });
    expect(posted[0]).not.toHaveProperty('pickReason');
    expect(await screen.findByText(/Tarjous tehty/)).toBeInTheDocument();
  });

  it('asks for a reason before offering a lower candidate, and sends it', async () => {
    signIn(['care_coordinator']);
    const posted = vacancyApi();
    renderApp(`/care/vacancies/${VACANCY_ID}`);
    await userEvent.click(await screen.findByRole('radio', { name: '2. Aino Virtanen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Tarjoa' }));
    expect(await screen.findByText(/Kirjoita perustelu/)).toBeInTheDocument();
    expect(posted).toHaveLength(0);
    const reason = screen.getByLabelText(/Perustelu valinnalle/);
    expect(reason).toHaveFocus();
    await userEvent.type(reason, 'Ensimmäinen on jo lähdössä kotiin');
    await userEvent.click(screen.getByRole('button', { name: 'Tarjoa' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      entryId: second.entry.id,
      pickReason: 'Ensimmäinen on jo lähdössä kotiin',
    });
  });

  it('preselects the candidate the address names', async () => {
    signIn(['care_coordinator']);
    vacancyApi();
    renderApp(`/care/vacancies/${VACANCY_ID}?entry=${second.entry.id}`);
    expect(await screen.findByRole('radio', { name: '2. Aino Virtanen' })).toBeChecked();
    expect(screen.getByLabelText(/Perustelu valinnalle/)).toBeInTheDocument();
  });

  it('shows a care viewer the facts only, never the candidates', async () => {
    signIn(['care_viewer']);
    // No candidates handler: a request for them would fail the test (onUnhandledRequest: 'error').
    server.use(http.get(`${API}/care/vacancies/${VACANCY_ID}`, () => HttpResponse.json(vacancy())));
    renderApp(`/care/vacancies/${VACANCY_ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: /Kallion seniorikeskus/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tarjoa' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Savolainen/)).not.toBeInTheDocument();
  });

  it('shows the live offer holding an offered place instead of the offer action', async () => {
    signIn(['care_coordinator']);
    server.use(
      http.get(`${API}/care/vacancies/${VACANCY_ID}`, () =>
        HttpResponse.json(vacancy({ status: 'offered' })),
      ),
      http.get(`${API}/care/offers`, () =>
        HttpResponse.json({ items: [offer('proposed')], page: 1, pageSize: 200, total: 1 }),
      ),
    );
    renderApp(`/care/vacancies/${VACANCY_ID}`);
    expect(await screen.findByText('Eero Savolainen')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tarjoa' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /tarjou/i })).toHaveAttribute('href', `/care/offers/${OFFER_ID}`);
  });
});

function offerApi(status: OfferStatus) {
  const answers: unknown[] = [];
  const cancels: unknown[] = [];
  let current = offer(status);
  server.use(
    http.get(`${API}/care/offers/${OFFER_ID}`, () => HttpResponse.json(current)),
    http.post(`${API}/care/offers/${OFFER_ID}/answer`, async ({ request }) => {
      const body = (await request.json()) as { answer: string };
      answers.push(body);
      await new Promise((r) => setTimeout(r, 50));
      current = offer(body.answer === 'accept' ? 'accepted' : 'client_declined');
      return HttpResponse.json(current);
    }),
    http.post(`${API}/care/offers/${OFFER_ID}/cancel`, async ({ request }) => {
      cancels.push(await request.json());
      current = offer('cancelled');
      return HttpResponse.json(current);
    }),
  );
  return { answers, cancels };
}

describe('offer page', () => {
  it('waits for the provider before an acceptance, but lets a refusal or a withdrawal be recorded', async () => {
    signIn(['care_coordinator']);
    offerApi('proposed');
    renderApp(`/care/offers/${OFFER_ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tarjous: Eero Savolainen' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Odottaa palveluntuottajaa')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Kirjaa hyväksyntä' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Asiakas kieltäytyi' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Peru tarjous' })).toBeInTheDocument();
  });

  it('records the acceptance once, however often the button is pressed', async () => {
    signIn(['care_coordinator']);
    const { answers } = offerApi('provider_confirmed');
    renderApp(`/care/offers/${OFFER_ID}`);
    const accept = await screen.findByRole('button', { name: 'Kirjaa hyväksyntä' });
    await userEvent.dblClick(accept);
    expect(await screen.findByText('Vastaus kirjattu.')).toBeInTheDocument();
    expect(answers).toEqual([{ answer: 'accept' }]);
    expect(await screen.findByText('Hyväksytty, odottaa muuttoa')).toBeInTheDocument();
  });

  it('records a refusal only with its reason', async () => {
    signIn(['care_coordinator']);
    const { answers } = offerApi('provider_confirmed');
    renderApp(`/care/offers/${OFFER_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Asiakas kieltäytyi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Kirjaa kieltäytyminen' }));
    expect(await screen.findByText('Kirjoita kieltäytymisen syy.')).toBeInTheDocument();
    expect(answers).toHaveLength(0);
    await userEvent.type(screen.getByLabelText(/Kieltäytymisen syy/), 'Haluaa odottaa toiveyksikköä');
    await userEvent.click(screen.getByRole('button', { name: 'Kirjaa kieltäytyminen' }));
    await waitFor(() =>
      expect(answers).toEqual([
        { answer: 'decline', reason: 'Haluaa odottaa toiveyksikköä', suitable: true },
      ]),
    );
  });

  it('withdraws only after a reason and a confirmation', async () => {
    signIn(['care_coordinator']);
    const { cancels } = offerApi('proposed');
    renderApp(`/care/offers/${OFFER_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Peru tarjous' }));
    await userEvent.click(screen.getByRole('button', { name: 'Vahvista peruminen' }));
    expect(await screen.findByText('Kirjoita perumisen syy.')).toBeInTheDocument();
    expect(cancels).toHaveLength(0);
    await userEvent.type(screen.getByLabelText(/Perumisen syy/), 'Paikka varattiin väärin');
    await userEvent.click(screen.getByRole('button', { name: 'Vahvista peruminen' }));
    expect(await screen.findByText(/Tarjous peruttu/)).toBeInTheDocument();
    expect(cancels).toEqual([{ reason: 'Paikka varattiin väärin' }]);
  });

  it('offers no actions on an ended offer', async () => {
    signIn(['care_coordinator']);
    offerApi('expired');
    renderApp(`/care/offers/${OFFER_ID}`);
    expect(await screen.findByText(/Tarjous on päättynyt/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Peru tarjous' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Asiakas kieltäytyi' })).not.toBeInTheDocument();
  });
});

describe('Today', () => {
  it('shows offers awaiting an answer, deadlines, places with no offer and the cost of hospital waiting', async () => {
    signIn(['care_coordinator']);
    const today: Today = {
      today: '2026-12-02',
      awaitingAnswer: [offer('provider_confirmed')],
      moveInsDue: [],
      deadlines: [second.entry],
      deadlineCounts: { overdue: 1, critical: 2 },
      vacanciesWithoutOffer: [vacancy()],
      hospitalWaiting: { clients: 3, days: 40, euros: 20800, dailyEuros: 1560, dailyPrice: 520 },
      needsReassessment: 0,
    };
    server.use(http.get(`${API}/care/today`, () => HttpResponse.json(today)));
    renderApp('/care/today');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tänään' })).toBeInTheDocument();
    // One current nav item: Today, not Care as well (its address is under /care).
    const nav = screen.getByRole('navigation', { name: 'Päävalikko' });
    expect(within(nav).getByRole('link', { name: 'Tänään' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Hoivapaikat' })).not.toHaveAttribute('aria-current');
    const awaiting = await screen.findByRole('table', { name: /Tarjoukset, joihin odotetaan/ });
    expect(within(awaiting).getByRole('link', { name: 'Eero Savolainen' })).toHaveAttribute(
      'href',
      `/care/offers/${OFFER_ID}`,
    );
    const deadlines = screen.getByRole('table', { name: /kiireellisintä/ });
    expect(within(deadlines).getByText('Aino Virtanen')).toBeInTheDocument();
    expect(within(deadlines).getByText(/ylittyi 1 päivällä/)).toBeInTheDocument();
    const places = screen.getByRole('table', { name: /1 vapaa paikka/ });
    expect(within(places).getByRole('link', { name: /Avaa paikka/ })).toHaveAttribute(
      'href',
      `/care/vacancies/${VACANCY_ID}`,
    );
    expect(screen.getByText(/3 sijoitusvalmista asiakasta odottaa sairaalassa/)).toHaveTextContent(
      /20\s800,00\s€/,
    );
    expect(screen.getByRole('link', { name: 'Odottamisen hinnat' })).toHaveAttribute(
      'href',
      '/care/waiting-prices',
    );
  });
});

describe('waiting prices', () => {
  const price = (n: number, validFrom: string, dailyPrice: number): WaitingPrice => ({
    id: `00000000-0000-4000-8000-00000000040${n}`,
    setting: 'hospital',
    validFrom,
    dailyPrice,
  });

  it('shows which price applies now and adds a new one only when it is a price', async () => {
    signIn(['care_coordinator']);
    const prices = [price(1, '2025-01-01', 480), price(2, '2026-01-01', 520), price(3, '2099-01-01', 600)];
    const added: unknown[] = [];
    server.use(
      http.get(`${API}/care/waiting-prices`, () => HttpResponse.json(prices)),
      http.post(`${API}/care/waiting-prices`, async ({ request }) => {
        const body = (await request.json()) as Omit<WaitingPrice, 'id'>;
        added.push(body);
        prices.push({ ...body, id: '00000000-0000-4000-8000-000000000409' });
        return HttpResponse.json(prices.at(-1), { status: 201 });
      }),
    );
    renderApp('/care/waiting-prices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Odottamisen hinnat' })).toBeInTheDocument();
    const current = await screen.findByRole('row', { name: /520,00\s€/ });
    expect(within(current).getByText('Voimassa nyt')).toBeVisible();
    expect(within(screen.getByRole('row', { name: /480,00\s€/ })).getByText('Päättynyt')).toBeVisible();
    expect(within(screen.getByRole('row', { name: /600,00\s€/ })).getByText('Tulossa')).toBeVisible();

    const amount = screen.getByRole('textbox', { name: /Vuorokausihinta/ });
    await userEvent.type(amount, 'kallis');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna hinta' }));
    expect(screen.getByText(/Anna hinta euroina/)).toBeVisible();
    expect(amount).toHaveFocus();
    expect(added).toEqual([]);

    const validFrom = screen.getByLabelText(/Voimassa alkaen/);
    await userEvent.clear(validFrom);
    await userEvent.type(validFrom, '1.1.2027');
    await userEvent.clear(amount);
    await userEvent.type(amount, '545,50');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna hinta' }));
    expect(await screen.findByText('Hinta tallennettu.')).toBeVisible();
    expect(added).toEqual([{ setting: 'hospital', validFrom: '2027-01-01', dailyPrice: 545.5 }]);
    expect(await screen.findByRole('row', { name: /545,50\s€/ })).toBeInTheDocument();
  });

  it('says so when the setting already has a price from that day', async () => {
    signIn(['care_coordinator']);
    server.use(
      http.get(`${API}/care/waiting-prices`, () => HttpResponse.json([])),
      http.post(`${API}/care/waiting-prices`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Conflict', status: 409, code: 'conflict', reason: 'price_exists' },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp('/care/waiting-prices');
    expect(await screen.findByText('Hintoja ei ole vielä asetettu.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /Vuorokausihinta/ }), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna hinta' }));
    expect(await screen.findByText('Tälle odotuspaikalle on jo hinta tästä päivästä alkaen.')).toBeVisible();
  });

  it('reloads by itself when an offer, an entry or a place changes', async () => {
    signIn(['care_coordinator']);
    const day: Today = {
      today: '2026-12-02',
      awaitingAnswer: [],
      moveInsDue: [],
      deadlines: [],
      deadlineCounts: {},
      vacanciesWithoutOffer: [],
      hospitalWaiting: { clients: 0, days: 0, euros: 0, dailyEuros: 0, dailyPrice: 520 },
      needsReassessment: 0,
    };
    const live = liveStream();
    server.use(
      http.get(`${API}/care/today`, () => HttpResponse.json(day)),
      live.handler,
    );
    renderApp('/care/today', { live: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'Tänään' })).toBeInTheDocument();
    await expect
      .poll(() => live.asked.at(-1)?.sort())
      .toEqual(['care.offers', 'care.queue', 'care.vacancies']);
    // A coordinator elsewhere makes an offer: the event names ids only, the day is read again.
    day.awaitingAnswer = [offer('proposed')];
    live.change({ topic: 'care.offers', ids: [OFFER_ID] });
    const awaiting = await screen.findByRole('table', { name: /Tarjoukset, joihin odotetaan/ });
    expect(within(awaiting).getByRole('link', { name: 'Eero Savolainen' })).toBeInTheDocument();
  });
});
