import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateUserSchema, UpdateUserSchema, UserListQuerySchema, UserSchema } from '@civic/shared/users';
import { IdParamsSchema, PageSchema } from '@civic/shared/common';
import { problems } from '../../lib/schemas.ts';
import { usersService } from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = usersService(app);
  const access = { roles: ['admin', 'provider_admin'] } as const;
  const tags = ['users'];

  app.get(
    '/users',
    {
      config: { access },
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'List users (a provider admin sees only their organisation)',
        querystring: UserListQuerySchema,
        response: { 200: PageSchema(UserSchema), ...problems() },
      },
    },
    (request) => service.list(request, request.query),
  );

  app.get(
    '/users/:id',
    {
      config: { access },
      schema: {
        operationId: 'getUser',
        tags,
        params: IdParamsSchema,
        response: { 200: UserSchema, ...problems(404) },
      },
    },
    (request) => service.get(request, request.params.id),
  );

  app.post(
    '/users',
    {
      config: { access },
      schema: {
        operationId: 'createUser',
        tags,
        body: CreateUserSchema,
        response: { 201: UserSchema, ...problems(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access },
      schema: {
        operationId: 'updateUser',
        tags,
        summary:
          'Change a user: details, roles, sites, password; disable or enable (users are never deleted)',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema, ...problems(400, 404, 409) },
      },
    },
    (request) => service.update(request, request.params.id, request.body),
  );
};

export default routes;
