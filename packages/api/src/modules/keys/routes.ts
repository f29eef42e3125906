import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, LanguageSchema, UuidSchema } from '@civic/shared/common';
import {
  AgreementTemplateSchema,
  AssociationSchema,
  CreateAgreementTemplateSchema,
  CreateAssociationSchema,
  CreateKeySchema,
  CreateSiteSchema,
  KeyAgreementReportQuerySchema,
  KeyAgreementReportSchema,
  KeyDetailSchema,
  KeyImportResultSchema,
  KeyListQuerySchema,
  KeySchema,
  LookupQuerySchema,
  RenterSchema,
  SiteListQuerySchema,
  SiteSchema,
  UpdateKeySchema,
  UpdateSiteSchema,
} from '@civic/shared/keys';
import { problems } from '../../lib/schemas.ts';
import { decodeRowFile } from '../../lib/text.ts';
import { answerImport } from '../imports/service.ts';
import { ImportJobSchema } from '@civic/shared/imports';
import { KEY_HANDLERS, KEY_STAFF } from './access.ts';
import agreementRoutes from './agreements/routes.ts';
import documentRoutes from './documents/routes.ts';
import lendingRoutes from './lending/routes.ts';
import lostKeyRoutes from './lost-keys/routes.ts';
import reminderRoutes from './reminders/routes.ts';
import returnRoutes from './returns/routes.ts';
import signingRoutes from './signing/routes.ts';
import { inventoryService } from './inventory.ts';
import { reportService } from './report.ts';

const SiteParams = Type.Object({ siteId: UuidSchema });
const ExportQuery = Type.Object({
  ...KeyAgreementReportQuerySchema.properties,
  format: Type.Enum(['csv', 'xlsx'] as const),
  lang: Type.Optional(LanguageSchema),
});
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const inventory = inventoryService(app);
  const report = reportService(app);
  const staff = { roles: KEY_STAFF } as const;
  const handlers = { roles: KEY_HANDLERS } as const;
  const inventoryReaders = { roles: KEY_HANDLERS, scopes: ['keys:read'] } as const;
  // Key imports arrive as the CSV file itself, as bytes: its UTF-8 is checked with the line at fault.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 10_000_000 }, (_request, body, done) =>
    done(null, body),
  );

  // ---------------------------------------------------------------------------------------- sites
  app.get(
    '/sites',
    {
      config: { access: inventoryReaders },
      schema: {
        operationId: 'listSites',
        tags: ['sites'],
        summary: 'Sites with key counts; a site manager sees the sites assigned to them',
        querystring: SiteListQuerySchema,
        response: { 200: Type.Array(SiteSchema), ...problems() },
      },
    },
    (request) => inventory.listSites(request, request.query),
  );
  app.get(
    '/sites/:id',
    {
      config: { access: inventoryReaders },
      schema: {
        operationId: 'getSite',
        summary: 'One site',
        tags: ['sites'],
        params: IdParamsSchema,
        response: { 200: SiteSchema, ...problems(404) },
      },
    },
    (request) => inventory.getSite(request, request.params.id),
  );
  app.post(
    '/sites',
    {
      config: { access: staff },
      schema: {
        operationId: 'createSite',
        summary: 'Register a site',
        tags: ['sites'],
        body: CreateSiteSchema,
        response: { 201: SiteSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await inventory.createSite(request, request.body)),
  );
  app.patch(
    '/sites/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateSite',
        summary: 'Change a site',
        tags: ['sites'],
        params: IdParamsSchema,
        body: UpdateSiteSchema,
        response: { 200: SiteSchema, ...problems(404) },
      },
    },
    (request) => inventory.updateSite(request, request.params.id, request.body),
  );

  // ----------------------------------------------------------------------------------------- keys
  app.get(
    '/sites/:siteId/keys',
    {
      config: { access: inventoryReaders },
      schema: {
        operationId: 'listSiteKeys',
        tags: ['keys'],
        summary: "A site's key inventory; with `q`, a type-ahead on the key code",
        params: SiteParams,
        querystring: KeyListQuerySchema,
        response: { 200: Type.Array(KeySchema), ...problems(404) },
      },
    },
    (request) => inventory.listKeys(request, request.params.siteId, request.query),
  );
  app.post(
    '/sites/:siteId/keys',
    {
      config: { access: staff },
      schema: {
        operationId: 'createKey',
        summary: 'Add a key to a site’s inventory',
        tags: ['keys'],
        params: SiteParams,
        body: CreateKeySchema,
        response: { 201: KeySchema, ...problems(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await inventory.createKey(request, request.params.siteId, request.body)),
  );
  app.post(
    '/sites/:siteId/keys/import',
    {
      config: { access: staff },
      schema: {
        operationId: 'importKeys',
        tags: ['keys'],
        summary: 'Import keys from CSV (code;opens;key_set); all rows or none',
        description:
          'Send the file as `text/csv` (UTF-8). When any row is wrong nothing is created and the 422 answer lists every problem with its line number in `rows` (the first 1 000; `rowCount` tells how many). An import that takes longer than a couple of seconds answers 202 with its job: follow it at `GET /imports/{id}`.',
        params: SiteParams,
        consumes: ['text/csv'],
        response: { 201: KeyImportResultSchema, 202: ImportJobSchema, ...problems(404, 415) },
      },
    },
    async (request, reply) =>
      answerImport(
        reply,
        await inventory.importKeys(request, request.params.siteId, decodeRowFile(request.body)),
        201,
      ),
  );
  app.get(
    '/keys/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'getKey',
        summary: 'One key with its history',
        tags: ['keys'],
        params: IdParamsSchema,
        response: { 200: KeyDetailSchema, ...problems(404) },
      },
    },
    (request) => inventory.getKey(request, request.params.id),
  );
  app.patch(
    '/keys/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateKey',
        tags: ['keys'],
        summary: 'Edit a key, retire it, or mark a lost key found',
        params: IdParamsSchema,
        body: UpdateKeySchema,
        response: { 200: KeyDetailSchema, ...problems(404, 409) },
      },
    },
    (request) => inventory.updateKey(request, request.params.id, request.body),
  );

  // ------------------------------------------------------------------------- associations, renters
  app.get(
    '/associations',
    {
      config: { access: handlers },
      schema: {
        operationId: 'searchAssociations',
        summary: 'Search associations by name or business ID',
        tags: ['associations'],
        querystring: LookupQuerySchema,
        response: { 200: Type.Array(AssociationSchema), ...problems() },
      },
    },
    (request) => inventory.searchAssociations(request.query),
  );
  app.post(
    '/associations',
    {
      config: { access: handlers },
      schema: {
        operationId: 'createAssociation',
        summary: 'Register an association',
        tags: ['associations'],
        body: CreateAssociationSchema,
        response: { 201: AssociationSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await inventory.createAssociation(request, request.body)),
  );
  app.get(
    '/renters',
    {
      config: { access: handlers },
      schema: {
        operationId: 'searchRenters',
        tags: ['associations'],
        summary: 'Type-ahead over contact persons (audited)',
        querystring: LookupQuerySchema,
        response: { 200: Type.Array(RenterSchema), ...problems() },
      },
    },
    (request) => inventory.searchRenters(request, request.query),
  );

  // ------------------------------------------------------------------------------------ templates
  app.get(
    '/agreement-templates',
    {
      config: { access: staff },
      schema: {
        operationId: 'listAgreementTemplates',
        summary: 'Agreement templates per department, every version',
        tags: ['agreement templates'],
        querystring: Type.Object({ department: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.Array(AgreementTemplateSchema), ...problems() },
      },
    },
    (request) => inventory.listTemplates(request.query.department),
  );
  app.post(
    '/agreement-templates',
    {
      config: { access: staff },
      schema: {
        operationId: 'createAgreementTemplate',
        tags: ['agreement templates'],
        summary: "A new version of a department's agreement text (department `*` is the default)",
        body: CreateAgreementTemplateSchema,
        response: { 201: AgreementTemplateSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await inventory.createTemplate(request, request.body)),
  );

  // -------------------------------------------------------------------- agreements, by sub-area
  await app.register(lendingRoutes);
  await app.register(agreementRoutes);
  await app.register(signingRoutes);
  await app.register(returnRoutes);
  await app.register(reminderRoutes);
  await app.register(documentRoutes);
  await app.register(lostKeyRoutes);

  // --------------------------------------------------------------------------------------- report
  const tags = ['key agreements'];
  app.get(
    '/key-agreements',
    {
      config: { access: staff },
      schema: {
        operationId: 'keyAgreementReport',
        tags,
        summary: 'The coordinator report: filters, sort, pages and summary counts',
        querystring: KeyAgreementReportQuerySchema,
        response: { 200: KeyAgreementReportSchema, ...problems() },
      },
    },
    (request) => report.report(request, request.query),
  );
  app.get(
    '/key-agreements/export',
    {
      config: { access: staff },
      schema: {
        operationId: 'exportKeyAgreements',
        tags,
        summary: 'Exactly the filtered report as CSV or XLSX (audited)',
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Binary, ...problems() },
      },
    },
    async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const file = await report.export(request, query, format, lang ?? 'fi');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('x-row-count', String(file.rows))
        .send(file.body);
    },
  );
};

export default routes;
