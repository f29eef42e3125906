import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { KeyAgreementReport, Site } from '@civic/shared/keys';
import { renderApp } from '../../../testing/test-utils.tsx';

const site = (id: string, name: string): Site => ({
  id,
  name,
  address: 'Katu 1',
  district: 'Kallio',
  department: 'Kasko',
  keyCounts: { available: 1, lent: 1, lost: 0, retired: 0 },
  managers: [],
});
const SITE_A = '00000000-0000-4000-8000-00000000000a';

function report(total: number): KeyAgreementReport {
  return {
    items: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        number: 'AS-2026-000001',
        state: 'active',
        createdAt: '2026-11-01T10:00:00Z',
        signedAt: '2026-11-01T10:05:00Z',
        expectedReturnDate: '2026-11-10',
        dueStatus: 'overdue',
        site: { id: SITE_A, name: 'Kallion ala-aste' },
        siteManager: 'Sanna',
        renter: 'Maija Meikäläinen',
        association: 'Kallion Kisa ry',
        keys: [{ code: 'U5764', state: 'out' }],
      },
    ],
    page: 1,
    pageSize: 50,
    total,
    summary: { byState: { active: total }, keysOut: 1, overdue: 1, dueSoon: 0, withLostKeys: 0 },
  };
}

describe('key agreement report', () => {
  it('sends the chosen filters to the API, keeps them in the address and shows the summary', async () => {
    const requests: URL[] = [];
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['key_coordinator'] }))),
      ),
      http.get(`${API}/sites`, () => HttpResponse.json([site(SITE_A, 'Kallion ala-aste')])),
      http.get(`${API}/key-agreements`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        return HttpResponse.json(report(url.searchParams.has('siteId') ? 1 : 12));
      }),
    );
    const { router } = renderApp('/keys/report');
    await screen.findByText('12 sopimusta');
    await userEvent.click(await screen.findByLabelText('Kallion ala-aste'));
    await screen.findByText('1 sopimus');
    expect(requests.at(-1)!.searchParams.getAll('siteId')).toEqual([SITE_A]);
    expect(router.state.location.search).toContain(`siteId=${SITE_A}`);
    expect((screen.getByLabelText('Kallion ala-aste') as HTMLInputElement).checked).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: /Vuokralainen/ }));
    await waitFor(() => expect(requests.at(-1)!.searchParams.get('sort')).toBe('renter'));
    const table = screen.getByRole('table');
    expect(within(table).getByText('Maija Meikäläinen')).toBeInTheDocument();
    expect(within(table).getByText('Myöhässä')).toBeInTheDocument();
  });
});
