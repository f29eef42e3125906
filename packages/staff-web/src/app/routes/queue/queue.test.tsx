import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, liveStream, loginResponse, me, server } from '@civic/shared/web/testing';
import type { ListItem } from '@civic/shared/care';
import type { AccessLogEntry, ClientDetail, PlaceMatch, QueueEntry } from '@civic/shared/queue';
import type { Role } from '@civic/shared/roles';
import { renderApp } from '../../../testing/test-utils.tsx';

const names = (fi: string, en = fi) => ({ fi, sv: fi, en });
const ST: ListItem = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'service_housing_24h',
  names: names('Ympärivuorokautinen palveluasuminen'),
  active: true,
};
const DEMENTIA: ListItem = {
  id: '00000000-0000-4000-8000-0000000000e1',
  code: 'dementia',
  names: names('Muistisairaus'),
  active: true,
};
const CLIENT_ID = '00000000-0000-4000-8000-0000000000f1';
const ENTRY_ID = '00000000-0000-4000-8000-0000000000f2';
const VACANCY_ID = '00000000-0000-4000-8000-0000000000d1';
const UNIT = {
  id: '00000000-0000-4000-8000-0000000000c1',
  name: 'Kallion seniorikeskus',
  district: 'Kallio',
  languages: ['fi', 'sv'],
  tags: [],
};
const waiting = {
  setting: 'hospital' as const,
  place: 'Laakson sairaala, osasto 7',
  unit: null,
  since: '2026-10-20',
};

const entry: QueueEntry = {
  id: ENTRY_ID,
  client: {
    id: CLIENT_ID,
    firstName: 'Aili',
    lastName: 'Virtanen',
    age: 88,
    language: 'fi',
    waiting,
    needs: [{ id: DEMENTIA.id, code: DEMENTIA.code, names: DEMENTIA.names }],
    spouse: null,
  },
  serviceType: { id: ST.id, code: ST.code, names: ST.names },
  decisionDate: '2026-08-01',
  readyDate: '2026-10-20',
  urgency: 'normal',
  priorityDate: null,
  priorityReason: null,
  preferredUnits: [],
  preferredDistricts: ['Kallio'],
  onlyPreferredUnits: false,
  status: 'queued',
  interimUnit: null,
  closedOn: null,
  closeNote: null,
  refusalCount: 0,
  needsReassessment: false,
  clockRestartedOn: null,
  clock: {
    startDate: '2026-08-01',
    dueDate: '2026-11-01',
    daysWaiting: 123,
    daysLeft: -31,
    state: 'overdue',
    metDeadline: null,
  },
  daysSinceReady: 43,
  liveOffer: null,
  position: 1,
  createdAt: '2026-08-01T09:00:00Z',
  updatedAt: '2026-08-01T09:00:00Z',
} as QueueEntry;

const detail = {
  client: {
    id: CLIENT_ID,
    personalIdentityCode: '010338-123N',
    birthDate: '1938-03-01',
    age: 88,
    firstName: 'Aili',
    lastName: 'Virtanen',
    language: 'fi',
    contact: { name: 'Pekka Virtanen', relation: 'poika', phone: '+358 40 765 4321', email: null },
    waiting,
    needs: entry.client.needs,
    rai: { cps: 4, adlh: 3, maple: 4, assessedOn: '2026-10-15' },
    spouse: null,
    deceasedOn: null,
    sourceSystem: null,
    sourceId: null,
    createdAt: '2026-08-01T09:00:00Z',
    updatedAt: '2026-08-01T09:00:00Z',
  },
  entries: [entry],
  offers: [],
  timeline: [],
} as unknown as ClientDetail;

const place = {
  vacancy: {
    id: VACANCY_ID,
    unit: UNIT,
    provider: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Helsingin kaupunki', kind: 'own' },
    serviceType: entry.serviceType,
    availableFrom: '2026-11-20',
    ageDays: 12,
    status: 'open',
    notes: null,
    dailyPrice: null,
    reportedAt: '2026-11-20T10:00:00Z',
    reportedBy: null,
    withdrawnReason: null,
  },
  score: 10,
  reasons: [],
  lacks: [],
  spouseVacancyId: null,
} as unknown as PlaceMatch;

const accessRow: AccessLogEntry = {
  at: '2026-12-01T08:30:00Z',
  actorType: 'user',
  actor: 'Kaisa Koordinaattori',
  action: 'client.read',
  purpose: 'care_placement',
  recipient: 'Helsingin kaupunki',
};

const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 50, total: items.length });

function signIn(roles: Role[] = ['care_coordinator']) {
  server.use(http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles })))));
}
function lists() {
  server.use(
    http.get(`${API}/care/lists/service-types`, () => HttpResponse.json([ST])),
    http.get(`${API}/care/lists/tags`, () => HttpResponse.json([DEMENTIA])),
    http.get(`${API}/care/units`, () =>
      HttpResponse.json(page([{ ...UNIT, provider: place.vacancy.provider, active: true }])),
    ),
  );
}

describe('care queue, staff side', () => {
  it('keeps the filters in the address and asks the API for exactly them', async () => {
    signIn();
    lists();
    const asked: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/care/queue`, ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json(page([entry]));
      }),
    );
    const { router } = renderApp('/care/queue?clockState=overdue');
    const row = await screen.findByRole('row', { name: /Virtanen/ });
    // The legal clock by words as well as by colour, and the days waiting.
    expect(within(row).getByText('Myöhässä')).toHaveClass('clock-overdue');
    expect(within(row).getByText('31 päivää yli määräajan')).toBeInTheDocument();
    expect(within(row).getByText('123 päivää')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /Virtanen/ })).toHaveAttribute(
      'href',
      `/care/clients/${CLIENT_ID}`,
    );
    expect(asked.at(-1)?.getAll('clockState')).toEqual(['overdue']);

    await userEvent.click(screen.getByRole('checkbox', { name: 'Kiireellinen' }));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).getAll('urgency')).toEqual(['urgent']),
    );
    await waitFor(() => expect(asked.at(-1)?.getAll('urgency')).toEqual(['urgent']));
    expect(asked.at(-1)?.getAll('clockState')).toEqual(['overdue']);

    const clear = screen.getAllByRole('button', { name: 'Tyhjennä suodattimet' });
    await userEvent.click(clear[0]!);
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('reloads the list by itself when an entry or its client changes elsewhere', async () => {
    signIn();
    lists();
    const rows: QueueEntry[] = [];
    const live = liveStream();
    server.use(
      http.get(`${API}/care/queue`, () => HttpResponse.json(page(rows))),
      live.handler,
    );
    renderApp('/care/queue', { live: true });
    expect(await screen.findByText('Jonossa ei ole ketään.')).toBeInTheDocument();
    await expect.poll(() => live.asked.at(-1)?.sort()).toEqual(['care.offers', 'care.queue']);
    // Another coordinator adds the entry: the event has its id only, the list is asked again.
    rows.push(entry);
    live.change({ topic: 'care.queue', ids: [ENTRY_ID] });
    expect(await screen.findByRole('row', { name: /Virtanen/ })).toBeInTheDocument();
  });

  it('shows a client with the entry clock, the places that fit and the access log', async () => {
    signIn();
    lists();
    server.use(
      http.get(`${API}/care/clients/${CLIENT_ID}`, () => HttpResponse.json(detail)),
      http.get(`${API}/care/queue/entries/${ENTRY_ID}/places`, () => HttpResponse.json([place])),
      http.get(`${API}/care/clients/${CLIENT_ID}/access-log`, () => HttpResponse.json(page([accessRow]))),
    );
    renderApp(`/care/clients/${CLIENT_ID}`);
    expect(await screen.findByRole('heading', { name: 'Aili Virtanen', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('010338-123N')).toBeInTheDocument();
    // The client belongs to the queue in the navigation, and the care board is not lit as well.
    expect(screen.getByRole('link', { name: 'Jono' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Hoivapaikat' })).not.toHaveAttribute('aria-current');
    expect(screen.getAllByText('Myöhässä').length).toBeGreaterThan(0);
    const link = await screen.findByRole('link', { name: 'Kallion seniorikeskus' });
    expect(link).toHaveAttribute('href', `/care/vacancies/${VACANCY_ID}?entry=${ENTRY_ID}`);
    expect(await screen.findByText('Kaisa Koordinaattori')).toBeInTheDocument();
  });

  it('says a placed client waits nowhere now (the API sends waiting null)', async () => {
    signIn();
    lists();
    server.use(
      http.get(`${API}/care/clients/${CLIENT_ID}`, () =>
        HttpResponse.json({ ...detail, client: { ...detail.client, waiting: null }, entries: [] }),
      ),
      http.get(`${API}/care/clients/${CLIENT_ID}/access-log`, () => HttpResponse.json(page([]))),
    );
    renderApp(`/care/clients/${CLIENT_ID}`);
    expect(await screen.findByRole('heading', { name: 'Aili Virtanen', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Odottaa nyt').nextElementSibling).toHaveTextContent('Ei odota nyt');
  });

  it('asks for a reason before a priority change and shows the API problem next to the field', async () => {
    signIn();
    lists();
    let sent: unknown = null;
    server.use(
      http.get(`${API}/care/queue/entries/${ENTRY_ID}`, () => HttpResponse.json(entry)),
      http.post(`${API}/care/queue/entries/${ENTRY_ID}/priority`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Invalid request',
            status: 400,
            code: 'validation_failed',
            errors: [{ field: '/reason', message: 'too_short' }],
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        );
      }),
    );
    renderApp(`/care/queue/entries/${ENTRY_ID}/priority`);
    const submit = await screen.findByRole('button', { name: 'Tallenna jonosija' });
    await userEvent.click(submit);
    // Nothing changed and no reason: refused in the form, nothing sent.
    expect(await screen.findByText('Muuta kiireellisyyttä tai jonopäivää.')).toBeInTheDocument();
    expect(screen.getByText('Kirjoita syy, miksi jonosija muuttuu.')).toBeInTheDocument();
    expect(sent).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText(/Kiireellisyys/), 'high');
    await userEvent.type(screen.getByLabelText(/^Syy/), 'Kotona ei pärjää');
    await userEvent.click(submit);
    await waitFor(() => expect(sent).toEqual({ urgency: 'high', reason: 'Kotona ei pärjää' }));
    expect(await screen.findByText('Kirjoita syy, miksi jonosija muuttuu.')).toBeInTheDocument();
  });
});
