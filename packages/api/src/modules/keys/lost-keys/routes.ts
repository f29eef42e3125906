import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema } from '@civic/shared/common';
import { LostKeySchema, RekeyingDecisionSchema } from '@civic/shared/keys';
import { problems } from '../../../lib/schemas.ts';
import { KEY_STAFF } from '../access.ts';
import { decideRekeying, listLostKeys } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = { roles: KEY_STAFF } as const;
  app.get(
    '/keys/lost',
    {
      config: { access: staff },
      schema: {
        operationId: 'listLostKeys',
        tags: ['keys'],
        summary: 'Lost keys with the doors they open and the re-keying decision',
        response: { 200: Type.Array(LostKeySchema), ...problems() },
      },
    },
    () => listLostKeys(app),
  );
  app.put(
    '/keys/:id/rekeying',
    {
      config: { access: staff },
      schema: {
        operationId: 'decideRekeying',
        tags: ['keys'],
        summary:
          'Record what was decided about a lost key: re-key (cost, date the locks were changed) or accept the risk',
        params: IdParamsSchema,
        body: RekeyingDecisionSchema,
        response: { 200: LostKeySchema, ...problems(404, 409) },
      },
    },
    (request) => decideRekeying(app, request, request.params.id, request.body),
  );
};

export default routes;
