import { beforeEach } from 'vitest';
import { http, HttpResponse } from 'msw';
import { API, installMswServer, server } from '@civic/shared/web/testing';

installMswServer();

// The header asks on every page how many offers await action; a test that cares answers itself.
beforeEach(() => {
  server.use(
    http.get(`${API}/portal/offers/awaiting`, () => HttpResponse.json({ toAnswer: 0, toRecordMoveIn: 0 })),
  );
});
