import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateIntegrationClientSchema,
  IntegrationClientSchema,
  IntegrationClientWithSecretSchema,
  UpdateIntegrationClientSchema,
} from '@civic/shared/integration-clients';
import { IdParamsSchema } from '@civic/shared/common';
import { problems } from '../../lib/schemas.ts';
import { integrationClientsService } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = integrationClientsService(app);
  const access = { roles: ['admin'] } as const;
  const tags = ['integration clients'];

  app.get(
    '/integration-clients',
    {
      config: { access },
      schema: {
        operationId: 'listIntegrationClients',
        summary: 'Registered integration clients',
        tags,
        response: { 200: Type.Array(IntegrationClientSchema), ...problems() },
      },
    },
    () => service.list(),
  );

  app.post(
    '/integration-clients',
    {
      config: { access },
      schema: {
        operationId: 'createIntegrationClient',
        tags,
        summary: 'Register a client; the secret is returned once',
        body: CreateIntegrationClientSchema,
        response: { 201: IntegrationClientWithSecretSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request, request.body)),
  );

  app.patch(
    '/integration-clients/:id',
    {
      config: { access },
      schema: {
        operationId: 'updateIntegrationClient',
        summary: 'Rename a client or change its scopes',
        tags,
        params: IdParamsSchema,
        body: UpdateIntegrationClientSchema,
        response: { 200: IntegrationClientSchema, ...problems(404) },
      },
    },
    (request) => service.update(request, request.params.id, request.body),
  );

  app.post(
    '/integration-clients/:id/rotate-secret',
    {
      config: { access },
      schema: {
        operationId: 'rotateIntegrationClientSecret',
        tags,
        summary: 'Issue a new secret; the old one stops working at once',
        params: IdParamsSchema,
        response: { 200: IntegrationClientWithSecretSchema, ...problems(404, 409) },
      },
    },
    (request) => service.rotateSecret(request, request.params.id),
  );

  app.post(
    '/integration-clients/:id/revoke',
    {
      config: { access },
      schema: {
        operationId: 'revokeIntegrationClient',
        tags,
        summary: 'Revoke a client; its tokens stop working at once',
        params: IdParamsSchema,
        response: { 200: IntegrationClientSchema, ...problems(404) },
      },
    },
    (request) => service.revoke(request, request.params.id),
  );
};

export default routes;
