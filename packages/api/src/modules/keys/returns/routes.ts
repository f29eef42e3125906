import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, UuidSchema } from '@civic/shared/common';
import {
  CurrentAgreementQuerySchema,
  CurrentAgreementSchema,
  KeyAgreementSchema,
  ReturnKeysSchema,
} from '@civic/shared/keys';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS } from '../access.ts';
import { currentAgreements, returnKeys } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['key agreements'];
  const handlers = { roles: KEY_HANDLERS } as const;
  app.post(
    '/key-agreements/:id/return',
    {
      config: { access: handlers },
      schema: {
        operationId: 'returnKeys',
        tags,
        summary: 'Take back some or all keys, mark keys lost; adds a return receipt',
        params: IdParamsSchema,
        body: ReturnKeysSchema,
        response: { 200: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    (request) => returnKeys(app, request, request.params.id, request.body),
  );
  app.get(
    '/sites/:siteId/current-agreements',
    {
      config: { access: handlers },
      schema: {
        operationId: 'listCurrentAgreements',
        tags,
        summary: 'Agreements with keys out at a site, for taking keys back (renter, association or key code)',
        params: Type.Object({ siteId: UuidSchema }),
        querystring: CurrentAgreementQuerySchema,
        response: { 200: Type.Array(CurrentAgreementSchema), ...problems(404) },
      },
    },
    (request) => currentAgreements(app, request, request.params.siteId, request.query.q),
  );
};

export default routes;
