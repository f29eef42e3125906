import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { UnitDetail } from '@civic/shared/care';
import { renderApp } from '../../testing/test-utils.tsx';

const UNIT = '00000000-0000-4000-8000-000000000001';
const ST = '00000000-0000-4000-8000-000000000002';
const names = {
  fi: 'Ympärivuorokautinen palveluasuminen',
  sv: 'Serviceboende',
  en: '24-hour service housing',
};
const unit: UnitDetail = {
  id: UNIT,
  provider: { id: '00000000-0000-4000-8000-000000000003', name: 'Hoivakoti Testi Oy', kind: 'purchased' },
  name: 'Testikoti',
  address: 'Testitie 1',
  district: 'Kallio',
  languages: ['fi'],
  tags: [],
  active: true,
  capacity: [
    {
      serviceType: { id: ST, code: 'service_housing_24h', names },
      maxCapacity: 20,
      occupied: 18,
      reserved: 0,
      vacantAccepting: 1,
      closedToAdmissions: false,
      outOfUse: 1,
      occupancyRate: 90,
      confirmedAt: new Date().toISOString(),
      confirmedBy: 'Tiina',
      stale: false,
      version: 4,
    },
  ],
  currentPrices: [],
  openVacancies: 1,
  confirmedAt: new Date().toISOString(),
  stale: false,
  prices: [],
  history: [],
};

describe('portal unit page', () => {
  it('refuses figures that do not add up before sending, and sends the version it was based on', async () => {
    const puts: unknown[] = [];
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(unit)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
      http.put(`${API}/portal/units/${UNIT}/capacity/${ST}`, async ({ request }) => {
        puts.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp(`/units/${UNIT}`);
    const occupied = await screen.findByLabelText('Käytössä');
    await userEvent.clear(occupied);
    await userEvent.type(occupied, '25');
    expect(
      await screen.findByText('Käytössä, varattu ja vapaa yhteensä ylittävät paikkamäärän.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tallenna' })).toBeDisabled();
    await userEvent.clear(occupied);
    await userEvent.type(occupied, '19');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    await waitFor(() =>
      expect(puts).toEqual([
        {
          maxCapacity: 20,
          occupied: 19,
          reserved: 0,
          vacantAccepting: 1,
          closedToAdmissions: false,
          version: 4,
        },
      ]),
    );
  });

  it('reports a vacancy in a full unit in one step, saying which figures move', async () => {
    const full = structuredClone(unit);
    Object.assign(full.capacity[0]!, {
      maxCapacity: 20,
      occupied: 19,
      reserved: 1,
      vacantAccepting: 0,
      outOfUse: 0,
    });
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(full)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
      http.post(`${API}/portal/units/${UNIT}/vacancies`, async ({ request }) => {
        posts.push(await request.json());
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    renderApp(`/units/${UNIT}`);
    expect(
      await screen.findByText(/Kaikki 20 paikkaa ovat käytössä, varattuina tai vapaina/),
    ).toBeInTheDocument();
    expect(screen.getByText('Käytössä 19 → 18, vapaana +1.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Ilmoita vapaa paikka' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toMatchObject({ serviceTypeId: ST, placeFrom: 'occupied' });
    expect(
      await screen.findByText('Vapaa paikka ilmoitettu. Koordinaattorit näkevät sen nyt.'),
    ).toBeInTheDocument();
  });

  it('lets the provider say where the place comes from when both are possible, and explains a closed unit', async () => {
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(unit)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
      http.post(`${API}/portal/units/${UNIT}/vacancies`, async ({ request }) => {
        posts.push(await request.json());
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const { unmount } = renderApp(`/units/${UNIT}`);
    const occupied = await screen.findByRole('radio', { name: /Asukas muutti pois/ });
    expect(screen.getByRole('radio', { name: /Käytöstä pois ollut paikka/ })).toBeChecked();
    await userEvent.click(occupied);
    expect(occupied).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Ilmoita vapaa paikka' }));
    await waitFor(() => expect(posts).toMatchObject([{ placeFrom: 'occupied' }]));
    unmount();

    const closed = structuredClone(unit);
    Object.assign(closed.capacity[0]!, { closedToAdmissions: true, vacantAccepting: 0 });
    server.use(http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(closed)));
    renderApp(`/units/${UNIT}`);
    expect(await screen.findByText('Yksikkö on suljettu sisäänotolta')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ilmoita vapaa paikka' })).not.toBeInTheDocument();
  });

  it('tells the refusal in words when the API refuses a vacancy, without English detail', async () => {
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(unit)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
      http.post(`${API}/portal/units/${UNIT}/vacancies`, () =>
        HttpResponse.json(
          {
            type: 'urn:civic:problem:conflict',
            title: 'Conflict',
            status: 409,
            code: 'conflict',
            detail: 'Every place of the unit is in use',
            reason: 'no_free_place',
          },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    renderApp(`/units/${UNIT}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ilmoita vapaa paikka' }));
    expect(await screen.findByText(/Yksikön kaikki paikat ovat käytössä/)).toBeInTheDocument();
    expect(screen.queryByText(/Every place/)).not.toBeInTheDocument();
  });

  it('says the figures were saved, and the message stays when the page reloads them', async () => {
    let current = structuredClone(unit);
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_user'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(current)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
      http.put(`${API}/portal/units/${UNIT}/capacity/${ST}`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        current = structuredClone(current);
        Object.assign(current.capacity[0]!, body, { version: 5 });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderApp(`/units/${UNIT}`);
    const occupied = await screen.findByLabelText('Käytössä');
    await userEvent.clear(occupied);
    await userEvent.type(occupied, '17');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    expect(await screen.findByText(/^Luvut tallennettu klo \d/)).toBeInTheDocument();
    // The page has the new version from the server and the form still shows what was saved.
    await waitFor(() => expect(screen.getByLabelText('Käytössä')).toHaveValue(17));
    expect(screen.getByText(/^Luvut tallennettu klo \d/)).toBeInTheDocument();
  });

  it('links the header to the portal’s own addresses, so a link opened in a new tab works', async () => {
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['provider_admin'] }))),
      ),
      http.get(`${API}/portal/units/${UNIT}`, () => HttpResponse.json(unit)),
      http.get(`${API}/portal/vacancies`, () =>
        HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 }),
      ),
    );
    renderApp(`/units/${UNIT}`);
    const nav = await screen.findByRole('navigation', { name: 'Päävalikko' });
    const hrefs = [...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/portal/units',
      '/portal/offers',
      '/portal/bulk',
      '/portal/history',
      '/portal/users',
    ]);
    expect(screen.getByRole('link', { name: /Helsingin kaupunki/ })).toHaveAttribute('href', '/portal');
  });
});
