import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { UuidSchema } from '@civic/shared/common';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS, KEY_STAFF } from '../access.ts';
import { downloadDocument, verifyDocument } from './service.ts';

const DocumentParams = Type.Object({ id: UuidSchema, documentId: UuidSchema });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['key agreements'];
  app.get(
    '/key-agreements/:id/documents/:documentId',
    {
      config: { access: { roles: KEY_HANDLERS } },
      schema: {
        operationId: 'downloadKeyAgreementDocument',
        tags,
        params: DocumentParams,
        produces: ['application/pdf'],
        response: { 200: Binary, ...problems(404) },
      },
    },
    async (request, reply) => {
      const doc = await downloadDocument(app, request, request.params.id, request.params.documentId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${doc.filename}"`)
        .header('x-content-sha256', doc.sha256)
        .send(doc.pdf);
    },
  );
  app.get(
    '/key-agreements/:id/documents/:documentId/verify',
    {
      config: { access: { roles: KEY_STAFF } },
      schema: {
        operationId: 'verifyKeyAgreementDocument',
        tags,
        summary: 'Recompute the SHA-256 of a stored PDF and compare it with the one kept at signing',
        params: DocumentParams,
        response: {
          200: Type.Object({
            documentId: UuidSchema,
            storedSha256: Type.String(),
            actualSha256: Type.String(),
            matches: Type.Boolean(),
          }),
          ...problems(404),
        },
      },
    },
    (request) => verifyDocument(app, request, request.params.id, request.params.documentId),
  );
};

export default routes;
