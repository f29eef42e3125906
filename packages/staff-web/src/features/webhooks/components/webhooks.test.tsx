import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { API, loginResponse, me, server } from '@civic/shared/web/testing';
import type { IntegrationClient } from '@civic/shared/integration-clients';
import type { WebhookDelivery, WebhookSubscription } from '@civic/shared/webhooks';
import { renderApp } from '../../../testing/test-utils.tsx';

const CLIENT: IntegrationClient = {
  id: '00000000-0000-4000-8000-0000000000d1',
  clientId: 'ic_apotti',
  name: 'Apotti',
  scopes: ['care.registry:read'],
  revoked: false,
  secretRotatedAt: '2026-11-01T10:00:00Z',
  lastUsedAt: null,
  createdAt: '2026-11-01T10:00:00Z',
};
const SUB: WebhookSubscription = {
  id: '00000000-0000-4000-8000-0000000000e1',
  integrationClient: { id: CLIENT.id, clientId: CLIENT.clientId, name: CLIENT.name },
  url: 'https://apotti.example/hooks/civic-places-and-vacancies',
  eventTypes: ['vacancy.reported'],
  description: null,
  enabled: true,
  previousSecretValidUntil: null,
  counts: { pending: 0, delivered: 3, failed: 1 },
  lastDeliveryAt: '2026-12-01T10:00:00Z',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};
const FAILED: WebhookDelivery = {
  id: '00000000-0000-4000-8000-0000000000f1',
  subscriptionId: SUB.id,
  eventId: '00000000-0000-4000-8000-0000000000f2',
  eventType: 'vacancy.reported',
  subject: { type: 'vacancy', id: '00000000-0000-4000-8000-0000000000f3' },
  occurredAt: '2026-12-01T09:00:00Z',
  status: 'failed',
  attempts: 12,
  nextAttemptAt: null,
  lastStatusCode: 500,
  lastError: 'HTTP 500',
  deliveredAt: null,
};

function signInAsAdmin() {
  server.use(
    http.post(`${API}/auth/refresh`, () => HttpResponse.json(loginResponse(me({ roles: ['admin'] })))),
  );
}

describe('webhooks (admin)', () => {
  it('lists subscriptions and creates one with only the events the client may read; the secret is shown once', async () => {
    signInAsAdmin();
    let sent: unknown = null;
    server.use(
      http.get(`${API}/admin/webhooks`, () => HttpResponse.json([SUB])),
      http.get(`${API}/integration-clients`, () => HttpResponse.json([CLIENT])),
      http.post(`${API}/admin/webhooks`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...SUB, secret: 'whsec_c2VjcmV0LXNob3duLW9uY2U=' }, { status: 201 });
      }),
    );
    renderApp('/admin/webhooks');
    expect(await screen.findByRole('heading', { name: 'Webhookit', level: 1 })).toBeInTheDocument();
    const card = (await screen.findByRole('heading', { name: 'Apotti' })).closest('li')!;
    expect(within(card).getByText('Luovuttu: 1')).toBeInTheDocument();
    expect(within(card).getByText('Vapaa paikka ilmoitettu')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Integraatioasiakas'), CLIENT.id);
    // Offer events need care.queue:read, which this client lacks.
    expect(screen.getByLabelText(/Paikkaa tarjottu/)).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Vapaa paikka ilmoitettu'));
    const url = screen.getByLabelText(/Kohdeosoite/);
    await userEvent.clear(url);
    await userEvent.type(url, 'https://apotti.example/hooks');
    await userEvent.click(screen.getByRole('button', { name: 'Luo tilaus' }));
    expect(await screen.findByDisplayValue('whsec_c2VjcmV0LXNob3duLW9uY2U=')).toBeInTheDocument();
    expect(sent).toEqual({
      integrationClientId: CLIENT.id,
      url: 'https://apotti.example/hooks',
      eventTypes: ['vacancy.reported'],
    });
  });

  it('shows the delivery log and sends a given-up delivery again', async () => {
    signInAsAdmin();
    let redelivered = false;
    server.use(
      http.get(`${API}/admin/webhooks/${SUB.id}`, () => HttpResponse.json(SUB)),
      http.get(`${API}/admin/webhooks/${SUB.id}/deliveries`, () =>
        HttpResponse.json({ items: [FAILED], page: 1, pageSize: 20, total: 1 }),
      ),
      http.post(`${API}/admin/webhooks/${SUB.id}/deliveries/${FAILED.id}/redeliver`, () => {
        redelivered = true;
        return HttpResponse.json({ ...FAILED, status: 'pending', attempts: 0, payload: {}, attemptLog: [] });
      }),
    );
    renderApp(`/admin/webhooks/${SUB.id}`);
    expect(await screen.findByText('12 yritystä')).toBeInTheDocument();
    expect(screen.getByText(/Viimeisin vastaus: 500/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lähetä uudelleen' }));
    expect(await screen.findByText('Lähetetään uudelleen.')).toBeInTheDocument();
    expect(redelivered).toBe(true);
  });
});
