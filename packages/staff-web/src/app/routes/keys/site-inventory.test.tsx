import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { ImportJob } from '@civic/shared/imports';
import type { Site } from '@civic/shared/keys';
import { renderApp } from '../../../testing/test-utils.tsx';

const SITE = '00000000-0000-4000-8000-00000000000a';
const JOB = '00000000-0000-4000-8000-0000000000b1';
const site: Site = {
  id: SITE,
  name: 'Kallion ala-aste',
  address: 'Katu 1',
  district: 'Kallio',
  department: 'Kasko',
  keyCounts: { available: 0, lent: 0, lost: 0, retired: 0 },
  managers: [],
};
const job = (over: Partial<ImportJob>): ImportJob => ({
  id: JOB,
  kind: 'keys',
  status: 'running',
  totalRows: 100_000,
  processedRows: 0,
  result: null,
  problem: null,
  createdAt: '2026-11-01T10:00:00Z',
  finishedAt: null,
  ...over,
});

describe('key import', () => {
  it('follows a long import, showing its progress, to the number of keys imported', async () => {
    const states = [
      job({ processedRows: 40_000 }),
      job({ status: 'succeeded', processedRows: 100_000, result: { created: 100_000 } }),
    ];
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['key_coordinator'] }))),
      ),
      http.get(`${API}/sites/${SITE}`, () => HttpResponse.json(site)),
      http.get(`${API}/sites/${SITE}/keys`, () => HttpResponse.json([])),
      http.post(`${API}/sites/${SITE}/keys/import`, () =>
        HttpResponse.json(job({}), { status: 202, headers: { location: `/api/v1/imports/${JOB}` } }),
      ),
      http.get(`${API}/imports/${JOB}`, () => HttpResponse.json(states.shift() ?? states[0])),
    );
    renderApp(`/keys/sites/${SITE}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Tai liitä CSV tähän'), 'code;opens{enter}A1;Ovi');
    await user.click(screen.getByRole('button', { name: 'Tuo' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/40\s000\s\/\s100\s000/), {
      timeout: 3000,
    });
    expect(await screen.findByText('100000 avainta tuotu', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
