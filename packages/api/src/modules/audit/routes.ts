import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntrySchema, AuditListQuerySchema, AuditVerifyResultSchema } from '@civic/shared/audit';
import { PageSchema } from '@civic/shared/common';
import { problems } from '../../lib/schemas.ts';
import { searchAudit, verifyChain } from './repo.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { roles: ['admin'] } as const;
  const tags = ['audit log'];

  app.get(
    '/audit-log',
    {
      config: { access },
      schema: {
        operationId: 'searchAuditLog',
        tags,
        summary: 'Search the audit log, newest first',
        description:
          "Filter by `subjectClientId` to produce one care client's access log (Client Data Act 703/2023 §11).",
        querystring: AuditListQuerySchema,
        response: { 200: PageSchema(AuditEntrySchema), ...problems() },
      },
    },
    async (request) => {
      const page = await searchAudit(app.db, request.query);
      // Reading the log is itself an access to the personal data in it.
      await request.audit({
        action: 'audit_log.searched',
        subjectClientId: request.query.subjectClientId,
        metadata: { query: request.query, returned: page.items.length },
      });
      return page;
    },
  );

  app.get(
    '/audit-log/verify',
    {
      config: { access },
      schema: {
        operationId: 'verifyAuditLog',
        tags,
        summary: 'Verify the hash chain; reports the first broken row',
        response: { 200: AuditVerifyResultSchema, ...problems() },
      },
    },
    async (request) => {
      const result = await verifyChain(app.db);
      await request.audit({ action: 'audit_log.verified', metadata: { ...result } });
      return result;
    },
  );
};

export default routes;
