import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParamsSchema } from '@civic/shared/common';
import { CancelKeyAgreementSchema, CreateKeyAgreementSchema, KeyAgreementSchema } from '@civic/shared/keys';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS } from '../access.ts';
import { cancelAgreement, lendKeys } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['key agreements'];
  const handlers = { roles: KEY_HANDLERS } as const;
  app.post(
    '/key-agreements',
    {
      config: { access: handlers },
      schema: {
        operationId: 'createKeyAgreement',
        tags,
        summary: 'Lend keys: a draft agreement that holds the keys until it is signed or cancelled',
        body: CreateKeyAgreementSchema,
        response: { 201: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await lendKeys(app, request, request.body)),
  );
  app.post(
    '/key-agreements/:id/cancel',
    {
      config: { access: handlers },
      schema: {
        operationId: 'cancelKeyAgreement',
        summary: 'Cancel an unsigned agreement; its keys are free again',
        tags,
        params: IdParamsSchema,
        body: CancelKeyAgreementSchema,
        response: { 200: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    (request) => cancelAgreement(app, request, request.params.id, request.body.reason),
  );
};

export default routes;
