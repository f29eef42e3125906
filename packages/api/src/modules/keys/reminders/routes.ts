import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema } from '@civic/shared/common';
import { NoContent, problems } from '../../../lib/schemas.ts';
import { KEY_STAFF } from '../access.ts';
import { remindRenter } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/key-agreements/:id/remind',
    {
      config: { access: { roles: KEY_STAFF } },
      schema: {
        operationId: 'remindRenter',
        summary: 'Send the renter a reminder now',
        tags: ['key agreements'],
        params: IdParamsSchema,
        response: { 204: NoContent, ...problems(404, 409) },
      },
    },
    async (request, reply) => {
      await remindRenter(app, request, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
