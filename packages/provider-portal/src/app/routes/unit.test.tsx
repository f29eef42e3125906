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
});
