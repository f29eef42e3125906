import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AcceptInvitationSchema,
  CreateUserSchema,
  InvitationViewSchema,
  InviteUserSchema,
  SsoLinkListSchema,
  SsoLinkParamsSchema,
  UpdateUserSchema,
  UserListQuerySchema,
  UserSchema,
} from '@civic/shared/users';
import { SigningTokenParamsSchema } from '@civic/shared/keys';
import { NoContent } from '../../lib/schemas.ts';
import { invitationService } from './invitations.ts';
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
        summary: 'One user with roles, sites and organisation',
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
        summary: 'Create a user (or invite one by e-mail)',
        tags,
        body: CreateUserSchema,
        response: { 201: UserSchema, ...problems(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request, request.body)),
  );

  app.post(
    '/users/invitations',
    {
      config: { access },
      schema: {
        operationId: 'inviteUser',
        tags,
        summary: 'Create a user who sets their own password through a one-time link sent by e-mail',
        body: InviteUserSchema,
        response: { 201: UserSchema, ...problems(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.invite(request, request.body)),
  );

  const invitations = invitationService(app);
  const linkRate = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  app.get(
    '/auth/invitations/:token',
    {
      config: { access: 'public', ...linkRate },
      schema: {
        operationId: 'getInvitation',
        tags: ['auth'],
        summary: 'Who an invitation is for; 410 explains a used, expired or cancelled one',
        params: SigningTokenParamsSchema,
        response: { 200: InvitationViewSchema, ...problems(404, 410) },
      },
    },
    (request) => invitations.view(request.params.token),
  );
  app.post(
    '/auth/invitations/:token',
    {
      config: { access: 'public', ...linkRate },
      schema: {
        operationId: 'acceptInvitation',
        tags: ['auth'],
        summary: 'Set the password of an invited user (once)',
        params: SigningTokenParamsSchema,
        body: AcceptInvitationSchema,
        response: { 204: NoContent, ...problems(404, 410) },
      },
    },
    async (request, reply) => {
      await invitations.accept(request, request.params.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/users/:id/sso-links',
    {
      config: { access },
      schema: {
        operationId: 'listUserSsoLinks',
        tags,
        summary: "The user's links to the city's identity provider (single sign-on)",
        description:
          'Issuer, subject (the person at the provider), how and when the link was made and the last sign-on ' +
          'through it. A provider admin sees only users of their own organisation; others are 404.',
        params: IdParamsSchema,
        response: { 200: SsoLinkListSchema, ...problems(404) },
      },
    },
    (request) => service.ssoLinks(request, request.params.id),
  );

  app.delete(
    '/users/:id/sso-links/:linkId',
    {
      config: { access },
      schema: {
        operationId: 'deleteUserSsoLink',
        tags,
        summary: 'Remove a single sign-on link',
        description:
          'The person no longer signs in to this account through the provider; sessions opened through the ' +
          'link end at once. Audited (`user.sso_unlinked`, with issuer and subject). With `OIDC_LINK_BY` set, a ' +
          'later sign-on whose claim matches the account links it again. 404 for a user outside the caller’s ' +
          'scope or a link that is not this user’s.',
        params: SsoLinkParamsSchema,
        response: { 204: NoContent, ...problems(404) },
      },
    },
    async (request, reply) => {
      await service.unlinkSso(request, request.params.id, request.params.linkId);
      return reply.code(204).send(null);
    },
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
