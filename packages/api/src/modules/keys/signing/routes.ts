import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema } from '@civic/shared/common';
import {
  DeclineAgreementSchema,
  KeyAgreementSchema,
  RequestSignatureSchema,
  SigningMethodOptionSchema,
  SendSigningLinkSchema,
  SignAgreementSchema,
  SigningTokenParamsSchema,
  SigningViewSchema,
} from '@civic/shared/keys';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS } from '../access.ts';
import {
  declineByLink,
  listSigningMethods,
  requestSignature,
  sendSigningLink,
  signByLink,
  signInPerson,
  signingView,
} from './service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['key agreements'];
  const handlers = { roles: KEY_HANDLERS } as const;
  app.post(
    '/key-agreements/:id/sign',
    {
      config: { access: handlers },
      schema: {
        operationId: 'signKeyAgreementInPerson',
        tags,
        summary: "The renter signs on the site manager's device",
        params: IdParamsSchema,
        body: SignAgreementSchema,
        response: { 200: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    (request) => signInPerson(app, request, request.params.id, request.body),
  );
  app.get(
    '/key-agreements/signing-methods',
    {
      config: { access: handlers },
      schema: {
        operationId: 'listSigningMethods',
        tags,
        summary: 'The ways a renter can sign here; Visma Sign is available only when it is configured',
        response: { 200: Type.Array(SigningMethodOptionSchema), ...problems() },
      },
    },
    () => listSigningMethods(app),
  );
  app.post(
    '/key-agreements/:id/signing-request',
    {
      config: { access: handlers },
      schema: {
        operationId: 'requestSignature',
        tags,
        summary:
          'Send the agreement to be signed remotely: a one-time link, or strong identification at Visma Sign (replaces an open request)',
        params: IdParamsSchema,
        body: RequestSignatureSchema,
        response: { 200: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    (request) => requestSignature(app, request, request.params.id, request.body),
  );
  app.post(
    '/key-agreements/:id/signing-link',
    {
      config: { access: handlers },
      schema: {
        operationId: 'sendSigningLink',
        tags,
        summary:
          'E-mail a one-time signing link, or a new one replacing the last (same as signing-request with method link)',
        params: IdParamsSchema,
        body: SendSigningLinkSchema,
        response: { 200: KeyAgreementSchema, ...problems(404, 409) },
      },
    },
    (request) => sendSigningLink(app, request, request.params.id, request.body.email),
  );

  // ------------------------------------------------------------------------ renter's signing page
  const signingTags = ['signing (public)'];
  const linkRate = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  app.get(
    '/signing/:token',
    {
      config: { access: 'public', ...linkRate },
      schema: {
        operationId: 'getSigningView',
        tags: signingTags,
        summary:
          'What the renter sees through their one-time link; 410 explains a used, expired or cancelled link',
        params: SigningTokenParamsSchema,
        response: { 200: SigningViewSchema, ...problems(404, 410) },
      },
    },
    (request) => signingView(app, request, request.params.token),
  );
  app.post(
    '/signing/:token/sign',
    {
      config: { access: 'public', ...linkRate },
      schema: {
        operationId: 'signByLink',
        summary: 'The renter signs through the one-time link (no login)',
        tags: signingTags,
        params: SigningTokenParamsSchema,
        body: SignAgreementSchema,
        response: { 200: Type.Object({ signed: Type.Literal(true) }), ...problems(404, 409, 410) },
      },
    },
    (request) => signByLink(app, request, request.params.token, request.body),
  );
  app.post(
    '/signing/:token/decline',
    {
      config: { access: 'public', ...linkRate },
      schema: {
        operationId: 'declineByLink',
        summary: 'The renter declines through the one-time link (no login)',
        tags: signingTags,
        params: SigningTokenParamsSchema,
        body: DeclineAgreementSchema,
        response: { 200: Type.Object({ declined: Type.Literal(true) }), ...problems(404, 409, 410) },
      },
    },
    (request) => declineByLink(app, request, request.params.token, request.body.reason),
  );
};

export default routes;
