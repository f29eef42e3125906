import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema } from '@civic/shared/common';
import { KeyAgreementSchema } from '@civic/shared/keys';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS } from '../access.ts';
import { getAgreement } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/key-agreements/:id',
    {
      config: { access: { roles: KEY_HANDLERS } },
      schema: {
        operationId: 'getKeyAgreement',
        tags: ['key agreements'],
        summary: 'One agreement; key staff also get the timeline and contact details (audited)',
        params: IdParamsSchema,
        response: { 200: KeyAgreementSchema, ...problems(404) },
      },
    },
    (request) => getAgreement(app, request, request.params.id),
  );
};

export default routes;
