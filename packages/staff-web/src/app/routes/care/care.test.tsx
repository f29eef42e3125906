import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { Unit, UnitDetail, Vacancy } from '@civic/shared/care';
import type { Role } from '@civic/shared/roles';
import { renderApp } from '../../../testing/test-utils.tsx';

// The chart library is large and not what these tests look at.
vi.mock('../../../features/care/components/capacity-chart.tsx', () => ({ CapacityChart: () => null }));

const names = (fi: string) => ({ fi, sv: fi, en: fi });
const ST = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'service_housing_24h',
  names: names('Ympärivuorokautinen palveluasuminen'),
};
const capacity = (max: number, occupied: number, vacant = 0) => ({
  serviceType: ST,
  maxCapacity: max,
  occupied,
  reserved: 0,
  vacantAccepting: vacant,
  closedToAdmissions: false,
  outOfUse: max - occupied - vacant,
  occupancyRate: Math.round((occupied / max) * 1000) / 10,
  confirmedAt: '2026-11-30T10:00:00Z',
  confirmedBy: 'demo',
  stale: false,
  version: 1,
});
const unit = (
  id: string,
  name: string,
  kind: 'own' | 'purchased',
  max: number,
  occupied: number,
  vacant = 0,
): Unit => ({
  id,
  provider: {
    id: `00000000-0000-4000-8000-0000000000${kind === 'own' ? 'b1' : 'b2'}`,
    name: kind === 'own' ? 'Helsingin kaupunki' : 'Hoiva Oy',
    kind,
  },
  name,
  address: 'Kalliontie 1, Helsinki',
  district: 'Kallio',
  languages: ['fi', 'sv'],
  tags: [],
  active: true,
  capacity: [capacity(max, occupied, vacant)],
  currentPrices: [],
  openVacancies: vacant,
  confirmedAt: '2026-11-30T10:00:00Z',
  stale: kind === 'purchased',
});
const UNIT_A = '00000000-0000-4000-8000-0000000000c1';
const units = [
  unit(UNIT_A, 'Kallion seniorikeskus', 'own', 1200, 1174, 3),
  unit('00000000-0000-4000-8000-0000000000c2', 'Kotikallio Kallio', 'purchased', 40, 38, 1),
];
const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 50, total: items.length });
const vacancy: Vacancy = {
  id: '00000000-0000-4000-8000-0000000000d1',
  unit: { id: UNIT_A, name: 'Kallion seniorikeskus', district: 'Kallio', languages: ['fi', 'sv'], tags: [] },
  provider: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Helsingin kaupunki', kind: 'own' },
  serviceType: ST,
  availableFrom: '2026-11-20',
  ageDays: 11,
  status: 'open',
  notes: null,
  dailyPrice: null,
  reportedAt: '2026-11-20T10:00:00Z',
  reportedBy: null,
  withdrawnReason: null,
};

function signIn(roles: Role[]) {
  server.use(http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles })))));
}
function careLists() {
  server.use(
    http.get(`${API}/care/lists/:list`, () => HttpResponse.json([])),
    http.get(`${API}/care/units`, () => HttpResponse.json(page(units))),
  );
}

describe('care places, staff side', () => {
  it('offers a way out of an empty board: a message and a button that clears the filters', async () => {
    signIn(['care_coordinator']);
    careLists();
    const asked: URL[] = [];
    server.use(
      http.get(`${API}/care/vacancies`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(url);
        return HttpResponse.json(page(url.searchParams.has('district') ? [] : [vacancy]));
      }),
    );
    const { router } = renderApp('/care?district=Kallio&minAgeDays=30');
    expect(await screen.findByText('Valinnoillasi ei löytynyt vapaita paikkoja.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const clear = screen.getAllByRole('button', { name: 'Tyhjennä suodattimet' });
    await userEvent.click(clear[clear.length - 1]!);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    const row = await screen.findByRole('row', { name: /Kallion seniorikeskus/ });
    // Languages by name in the UI language, never as codes.
    expect(within(row).getByText('suomi ja ruotsi')).toBeInTheDocument();
    expect(within(row).queryByText(/fi, sv/)).not.toBeInTheDocument();
  });

  it('takes the user back to the board as they left it, filters and all', async () => {
    signIn(['care_coordinator']);
    careLists();
    const detail: UnitDetail = { ...units[0]!, prices: [], history: [] } as unknown as UnitDetail;
    server.use(
      http.get(`${API}/care/vacancies`, () => HttpResponse.json(page([vacancy]))),
      http.get(`${API}/care/units/${UNIT_A}`, () => HttpResponse.json(detail)),
    );
    const { router } = renderApp('/care?district=Kallio');
    await userEvent.click(await screen.findByRole('link', { name: 'Kallion seniorikeskus' }));
    await screen.findByRole('heading', { name: 'Kallion seniorikeskus', level: 1 });
    const back = await screen.findByRole('link', { name: '← Vapaat paikat' });
    expect(back).toHaveAttribute('href', '/care?district=Kallio');
    // Numbers as Finnish writes them: a decimal comma, and a space before the percent sign.
    expect(screen.getByText(/käyttöaste 97,8 %/)).toBeInTheDocument();
    await userEvent.click(back);
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
        '/care?district=Kallio',
      ),
    );
  });

  it('gives a care viewer a front page of their own: places and occupancy in aggregates', async () => {
    signIn(['care_viewer']);
    careLists();
    renderApp('/');
    const table = await screen.findByRole('table', { name: /Kaikkien yksiköiden paikat/ });
    const own = within(table).getByRole('row', { name: /Kaupungin oma/ });
    expect(within(own).getByText('1 200')).toBeInTheDocument();
    expect(within(own).getByText('97,8 %')).toBeInTheDocument();
    const total = within(table).getByRole('row', { name: /Yhteensä/ });
    expect(within(total).getByText('1 240')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '4 vapaata paikkaa ottaa vastaan' })).toHaveAttribute(
      'href',
      '/care',
    );
    expect(screen.getByRole('link', { name: '1 yksikön luvut vanhentuneet' })).toHaveAttribute(
      'href',
      '/care/units?stale=true',
    );
    // No links to pages the role cannot open.
    expect(
      screen.queryByRole('link', { name: /^(Avaimet|Käyttäjät|Lähtevä posti)$/ }),
    ).not.toBeInTheDocument();
  });
});
