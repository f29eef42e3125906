import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { UuidSchema } from '@civic/shared/common';
import { problems } from '../../../lib/schemas.ts';
import { KEY_HANDLERS, KEY_STAFF } from '../access.ts';
import { downloadDocument, verifyDocument } from './service.ts';
import { sealCredentials } from './seal.ts';

const DocumentParams = Type.Object({ id: UuidSchema, documentId: UuidSchema });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const SignatureCheckSchema = Type.Object({
  valid: Type.Boolean(),
  signer: Type.Union([Type.String(), Type.Null()]),
  certificateSha256: Type.Union([Type.String(), Type.Null()]),
  selfSigned: Type.Boolean(),
  ours: Type.Boolean(),
  signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  subFilter: Type.Union([Type.String(), Type.Null()]),
  coversWholeDocument: Type.Boolean(),
  problem: Type.Union([Type.String(), Type.Null()]),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['key agreements'];
  // Read (or on the first start make) the seal certificate now: a bad file stops the start, not a signing.
  app.addHook('onReady', async () => {
    await sealCredentials(app.config);
  });
  app.get(
    '/key-agreements/:id/documents/:documentId',
    {
      config: { access: { roles: KEY_HANDLERS } },
      schema: {
        operationId: 'downloadKeyAgreementDocument',
        summary: 'Download a PDF of the agreement (signed agreement, return receipt)',
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
        summary:
          "Recompute the SHA-256 of a stored PDF, compare it with the one kept at signing, and check the PDF's seal",
        params: DocumentParams,
        response: {
          200: Type.Object({
            documentId: UuidSchema,
            storedSha256: Type.String(),
            actualSha256: Type.String(),
            matches: Type.Boolean(),
            seal: Type.Object({
              valid: Type.Boolean(),
              sealed: Type.Boolean(),
              signer: Type.Union([Type.String(), Type.Null()]),
              demoCertificate: Type.Boolean(),
              signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              level: Type.String(),
              signatures: Type.Array(SignatureCheckSchema),
            }),
          }),
          ...problems(404),
        },
      },
    },
    (request) => verifyDocument(app, request, request.params.id, request.params.documentId),
  );
};

export default routes;
