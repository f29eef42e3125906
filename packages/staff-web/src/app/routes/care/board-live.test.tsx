import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { Vacancy } from '@civic/shared/care';
import { renderApp } from '../../../testing/test-utils.tsx';

const ST = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'service_housing_24h',
  names: { fi: 'Palveluasuminen', sv: 'Serviceboende', en: 'Service housing' },
};
const vacancy = (n: number, unitName: string): Vacancy => ({
  id: `00000000-0000-4000-8000-0000000000d${n}`,
  unit: {
    id: `00000000-0000-4000-8000-0000000000c${n}`,
    name: unitName,
    district: 'Kallio',
    languages: ['fi'],
    tags: [],
  },
  provider: { id: '00000000-0000-4000-8000-0000000000b1', name: 'Hoiva Oy', kind: 'purchased' },
  serviceType: ST,
  availableFrom: '2026-11-20',
  ageDays: 3,
  status: 'open',
  notes: null,
  dailyPrice: 150,
  reportedAt: '2026-11-20T10:00:00Z',
  reportedBy: null,
  withdrawnReason: null,
});

describe('the vacancy board, live', () => {
  it('shows a place reported elsewhere without reloading the page', async () => {
    server.use(
      http.post(`${API}/auth/refresh`, () =>
        HttpResponse.json(loginResponse(me({ roles: ['care_coordinator'] }))),
      ),
      http.get(`${API}/care/lists/:list`, () => HttpResponse.json([])),
      http.get(`${API}/care/units`, () => HttpResponse.json({ items: [], page: 1, pageSize: 200, total: 0 })),
    );
    const board = [vacancy(1, 'Kallion koti')];
    server.use(
      http.get(`${API}/care/vacancies`, () =>
        HttpResponse.json({ items: board, page: 1, pageSize: 50, total: board.length }),
      ),
    );
    const asked: string[][] = [];
    let push: (text: string) => void = () => {};
    server.use(
      http.get(`${API}/events`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.getAll('topic'));
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            push = (text) => controller.enqueue(new TextEncoder().encode(text));
            push('id: 7\nevent: ready\ndata: {}\n\n');
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    renderApp('/care', { live: true });
    expect(await screen.findByRole('row', { name: /Kallion koti/ })).toBeInTheDocument();
    await expect.poll(() => asked).toEqual([['care.vacancies']]);
    // Another user reports a place: the event names it, the board reloads through the API.
    board.push(vacancy(2, 'Vallilan koti'));
    push(
      `id: 8\nevent: change\ndata: ${JSON.stringify({ topic: 'care.vacancies', ids: [board[1]!.id] })}\n\n`,
    );
    expect(await screen.findByRole('row', { name: /Vallilan koti/ })).toBeInTheDocument();
  });
});
