import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, LanguageSchema, PageSchema } from '@civic/shared/common';
import {
  AccessLogPageSchema,
  AccessLogQuerySchema,
  CandidateListSchema,
  CandidatesQuerySchema,
  ChangePrioritySchema,
  ClientAnswerSchema,
  ClientDetailSchema,
  ClientListQuerySchema,
  ClientSchema,
  ClientSummarySchema,
  CloseQueueEntrySchema,
  CreateClientSchema,
  CreateOfferSchema,
  CreateQueueEntrySchema,
  CreateWaitingPriceSchema,
  ImportQueueSchema,
  ImportResultSchema,
  MoveInSchema,
  OfferListQuerySchema,
  OfferPageSchema,
  OptionalNoteSchema,
  PlaceMatchSchema,
  PlacementOfferSchema,
  PortalOfferPageSchema,
  PortalOfferSchema,
  PortalOffersAwaitingSchema,
  QueueEntrySchema,
  QueueExportQuerySchema,
  QueueListQuerySchema,
  QueuePageSchema,
  ReasonSchema,
  TodaySchema,
  UpdateClientSchema,
  UpdateQueueEntrySchema,
  WaitingPriceSchema,
} from '@civic/shared/queue';
import { problems } from '../../lib/schemas.ts';
import { PORTAL_USERS } from '../care/access.ts';
import { QUEUE_STAFF } from './access.ts';
import * as clients from './clients/service.ts';
import * as entries from './entries/service.ts';
import { importQueue, parseQueueCsv } from './entries/import.ts';
import { answerImport } from '../imports/service.ts';
import { ImportJobSchema } from '@civic/shared/imports';
import * as matching from './matching/service.ts';
import * as offers from './offers/service.ts';
import * as todayService from './today/service.ts';

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const ExportQuery = Type.Object({
  ...QueueExportQuerySchema.properties,
  lang: Type.Optional(LanguageSchema),
});
const CsvImportQuery = Type.Object({ sourceSystem: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }) });

/**
 * JOPA's queue: clients and their queue entries, matching, offers and placements (`/care/*`, the
 * city's coordinators; integration clients read with `care.queue:read` and import with
 * `care.queue:write`), and the providers' offers inbox (`/portal/offers*`, own organisation only).
 * Every read of client data is in the audit log with its purpose.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = { roles: QUEUE_STAFF } as const;
  const readers = { roles: QUEUE_STAFF, scopes: ['care.queue:read'] } as const;
  const importers = { roles: QUEUE_STAFF, scopes: ['care.queue:write'] } as const;
  const portal = { roles: PORTAL_USERS } as const;
  const tags = ['care queue'];
  const offerTags = ['placement offers'];
  const portalTags = ['provider portal'];
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 32_000_000 }, (_request, body, done) =>
    done(null, body),
  );

  // --------------------------------------------------------------------------------------- clients
  app.get(
    '/care/clients',
    {
      config: { access: readers },
      schema: {
        operationId: 'listCareClients',
        tags,
        summary: 'Find clients by name or identity code',
        querystring: ClientListQuerySchema,
        response: { 200: PageSchema(ClientSummarySchema), ...problems() },
      },
    },
    (request) => clients.listClients(request, request.query),
  );
  app.post(
    '/care/clients',
    {
      config: { access: staff },
      schema: {
        operationId: 'createCareClient',
        tags,
        summary: 'Add a client (identity code checked, birth date derived)',
        body: CreateClientSchema,
        response: { 201: ClientSchema, ...problems(409) },
      },
    },
    async (request, reply) => reply.code(201).send(await clients.createClient(request, request.body)),
  );
  app.get(
    '/care/clients/:id',
    {
      config: { access: readers },
      schema: {
        operationId: 'getCareClient',
        tags,
        summary: "A client's data, entries, offers and history (audited)",
        params: IdParamsSchema,
        response: { 200: ClientDetailSchema, ...problems(404) },
      },
    },
    (request) => clients.getClientDetail(request, request.params.id),
  );
  app.patch(
    '/care/clients/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateCareClient',
        tags,
        summary: "Change a client's data, where they wait, needs or spouse",
        params: IdParamsSchema,
        body: UpdateClientSchema,
        response: { 200: ClientSchema, ...problems(404) },
      },
    },
    (request) => clients.updateClient(request, request.params.id, request.body),
  );
  app.get(
    '/care/clients/:id/access-log',
    {
      config: { access: staff },
      schema: {
        operationId: 'getCareClientAccessLog',
        tags,
        summary: "Who read or received the client's data, when and why (703/2023 §11); CSV with format=csv",
        params: IdParamsSchema,
        querystring: AccessLogQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: { 200: Type.Union([AccessLogPageSchema, Type.String()]), ...problems(404) },
      },
    },
    async (request, reply) => {
      const result = await clients.accessLog(request, request.params.id, request.query);
      if (typeof result === 'string') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="access-log-${request.params.id}.csv"`)
          .send(result);
      }
      return result;
    },
  );

  // ----------------------------------------------------------------------------------- queue entries
  app.get(
    '/care/queue',
    {
      config: { access: readers },
      schema: {
        operationId: 'listQueue',
        tags,
        summary: 'The queue in order (urgency, then decision date) with the legal clock of each entry',
        querystring: QueueListQuerySchema,
        response: { 200: QueuePageSchema, ...problems() },
      },
    },
    (request) => entries.listQueue(request, request.query),
  );
  app.get(
    '/care/queue/export',
    {
      config: { access: staff },
      schema: {
        operationId: 'exportQueue',
        tags,
        summary: 'The filtered queue as CSV or XLSX (audited)',
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Binary, ...problems() },
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const file = await entries.exportQueue(request, query, lang ?? 'fi');
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  app.post(
    '/care/queue/entries',
    {
      config: { access: staff },
      schema: {
        operationId: 'createQueueEntry',
        tags,
        summary: 'Put a client in the queue for a service type (one open entry per type)',
        body: CreateQueueEntrySchema,
        response: { 201: QueueEntrySchema, ...problems(409) },
      },
    },
    async (request, reply) => reply.code(201).send(await entries.createEntry(request, request.body)),
  );
  app.get(
    '/care/queue/entries/:id',
    {
      config: { access: readers },
      schema: {
        operationId: 'getQueueEntry',
        tags,
        summary: 'One queue entry with its legal clock',
        params: IdParamsSchema,
        response: { 200: QueueEntrySchema, ...problems(404) },
      },
    },
    (request) => entries.getEntry(request, request.params.id),
  );
  app.patch(
    '/care/queue/entries/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateQueueEntry',
        tags,
        summary: "Change an open entry's dates or preferences",
        params: IdParamsSchema,
        body: UpdateQueueEntrySchema,
        response: { 200: QueueEntrySchema, ...problems(404, 409) },
      },
    },
    (request) => entries.updateEntry(request, request.params.id, request.body),
  );
  app.post(
    '/care/queue/entries/:id/priority',
    {
      config: { access: staff },
      schema: {
        operationId: 'changeQueuePriority',
        tags,
        summary: 'Change the urgency class or queue date by hand, with a reason (audited)',
        params: IdParamsSchema,
        body: ChangePrioritySchema,
        response: { 200: QueueEntrySchema, ...problems(404, 409) },
      },
    },
    (request) => entries.changePriority(request, request.params.id, request.body),
  );
  app.post(
    '/care/queue/entries/:id/close',
    {
      config: { access: staff },
      schema: {
        operationId: 'closeQueueEntry',
        tags,
        summary: 'Close an entry (withdrawn, deceased, placed elsewhere); its live offers are released',
        params: IdParamsSchema,
        body: CloseQueueEntrySchema,
        response: { 200: QueueEntrySchema, ...problems(404, 409) },
      },
    },
    (request) => entries.closeEntry(request, request.params.id, request.body),
  );
  app.get(
    '/care/queue/entries/:id/places',
    {
      config: { access: staff },
      schema: {
        operationId: 'listPlacesForEntry',
        tags,
        summary: 'Open vacancies that fit this entry, best first, each with why',
        params: IdParamsSchema,
        response: { 200: Type.Array(PlaceMatchSchema), ...problems(404) },
      },
    },
    (request) => matching.placesForEntry(request, request.params.id),
  );
  app.post(
    '/care/queue/import',
    {
      // 20 000 rows of JSON.
      bodyLimit: 10_000_000,
      config: { access: importers },
      schema: {
        operationId: 'importQueue',
        tags,
        summary: 'Import clients and entries from another system; idempotent by the sender’s row id',
        description:
          'The same import twice changes nothing. When any row is wrong nothing is imported and the 422 answer lists every problem with its row number in `rows`.',
        body: ImportQueueSchema,
        response: { 200: ImportResultSchema, 202: ImportJobSchema, ...problems() },
      },
    },
    async (request, reply) =>
      answerImport(
        reply,
        await importQueue(
          request,
          request.body.sourceSystem,
          request.body.rows.map((row, i) => ({ ...row, line: i + 1 })),
        ),
        200,
      ),
  );
  app.post(
    '/care/queue/import.csv',
    {
      config: { access: importers },
      schema: {
        operationId: 'importQueueCsv',
        tags,
        summary: 'Import clients and entries from a CSV file (UTF-8); all rows or none',
        description:
          'Columns: source_id, personal_identity_code, first_name, last_name, language, waiting_setting, waiting_place, needs (tag codes separated by |), service_type, decision_date, ready_date, urgency, preferred_districts (separated by |), contact_name, contact_phone. Problems are listed by line (the header is line 1).',
        querystring: CsvImportQuery,
        consumes: ['text/csv'],
        // No body schema: the file arrives as raw bytes (its UTF-8 is checked with the line at fault).
        response: { 200: ImportResultSchema, 202: ImportJobSchema, ...problems(415) },
      },
    },
    async (request, reply) =>
      answerImport(
        reply,
        await importQueue(request, request.query.sourceSystem, (await parseQueueCsv(request.body)).rows),
        200,
      ),
  );

  // ---------------------------------------------------------------------------------------- matching
  app.get(
    '/care/vacancies/:id/candidates',
    {
      config: { access: staff },
      schema: {
        operationId: 'listCandidatesForVacancy',
        tags,
        summary: 'Waiting clients who fit this place, ranked, each with why and what they lack',
        params: IdParamsSchema,
        querystring: CandidatesQuerySchema,
        response: { 200: CandidateListSchema, ...problems(404) },
      },
    },
    (request) => matching.candidatesForVacancy(request, request.params.id, request.query.limit),
  );

  // ------------------------------------------------------------------------------------------ offers
  app.post(
    '/care/offers',
    {
      config: { access: staff },
      schema: {
        operationId: 'createPlacementOffer',
        tags: offerTags,
        summary: 'Offer a vacancy to a waiting client (a couple: two places of one unit)',
        body: CreateOfferSchema,
        response: { 201: PlacementOfferSchema, ...problems(404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await offers.createOffer(request, request.body)),
  );
  app.get(
    '/care/offers',
    {
      config: { access: staff },
      schema: {
        operationId: 'listPlacementOffers',
        tags: offerTags,
        summary: 'Offers, newest first',
        querystring: OfferListQuerySchema,
        response: { 200: OfferPageSchema, ...problems() },
      },
    },
    (request) => offers.listOffers(request, request.query),
  );
  app.get(
    '/care/offers/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'getPlacementOffer',
        tags: offerTags,
        summary: 'One offer with its timeline',
        params: IdParamsSchema,
        response: { 200: PlacementOfferSchema, ...problems(404) },
      },
    },
    (request) => offers.getOffer(request, request.params.id),
  );
  app.post(
    '/care/offers/:id/answer',
    {
      config: { access: staff },
      schema: {
        operationId: 'recordClientAnswer',
        tags: offerTags,
        summary: "Record the client's answer: accept, or decline with a reason",
        params: IdParamsSchema,
        body: ClientAnswerSchema,
        response: { 200: PlacementOfferSchema, ...problems(404, 409) },
      },
    },
    (request) => offers.clientAnswer(request, request.params.id, request.body),
  );
  app.post(
    '/care/offers/:id/cancel',
    {
      config: { access: staff },
      schema: {
        operationId: 'cancelPlacementOffer',
        tags: offerTags,
        summary: 'Withdraw an offer; the place is open again',
        params: IdParamsSchema,
        body: ReasonSchema,
        response: { 200: PlacementOfferSchema, ...problems(404, 409) },
      },
    },
    (request) => offers.cancelOffer(request, request.params.id, request.body.reason),
  );

  // ------------------------------------------------------------------------------------------- today
  app.get(
    '/care/today',
    {
      config: { access: staff },
      schema: {
        operationId: 'getCoordinatorToday',
        tags,
        summary:
          'Offers awaiting answers, deadlines near or past, places without offers, the cost of hospital waiting',
        response: { 200: TodaySchema, ...problems() },
      },
    },
    (request) => todayService.today(request),
  );
  app.get(
    '/care/waiting-prices',
    {
      config: { access: { roles: [...QUEUE_STAFF, 'care_viewer'] } },
      schema: {
        operationId: 'listWaitingPrices',
        tags,
        summary: 'Daily prices of waiting per setting (a hospital day …) and period',
        response: { 200: Type.Array(WaitingPriceSchema), ...problems() },
      },
    },
    (request) => todayService.listWaitingPrices(request),
  );
  app.post(
    '/care/waiting-prices',
    {
      config: { access: staff },
      schema: {
        operationId: 'addWaitingPrice',
        tags,
        summary: 'Add a daily price of waiting valid from a date',
        body: CreateWaitingPriceSchema,
        response: { 201: WaitingPriceSchema, ...problems(409) },
      },
    },
    async (request, reply) => reply.code(201).send(await todayService.addWaitingPrice(request, request.body)),
  );

  // ---------------------------------------------------------------------------------- provider portal
  app.get(
    '/portal/offers',
    {
      config: { access: portal },
      schema: {
        operationId: 'listPortalOffers',
        tags: portalTags,
        summary: "Offers to the own organisation's units, newest first",
        querystring: OfferListQuerySchema,
        response: { 200: PortalOfferPageSchema, ...problems(404) },
      },
    },
    (request) => offers.listPortalOffers(request, request.query),
  );
  app.get(
    '/portal/offers/awaiting',
    {
      config: { access: portal },
      schema: {
        operationId: 'countPortalOffersAwaiting',
        tags: portalTags,
        summary: 'How many offers wait for the provider (to answer, to record the move-in); counts only',
        response: { 200: PortalOffersAwaitingSchema, ...problems() },
      },
    },
    (request) => offers.countPortalOffersAwaiting(request),
  );
  app.get(
    '/portal/offers/:id',
    {
      config: { access: portal },
      schema: {
        operationId: 'getPortalOffer',
        tags: portalTags,
        summary: 'One offer: what the unit needs to know of the client',
        params: IdParamsSchema,
        response: { 200: PortalOfferSchema, ...problems(404) },
      },
    },
    (request) => offers.getPortalOffer(request, request.params.id),
  );
  app.post(
    '/portal/offers/:id/confirm',
    {
      config: { access: portal },
      schema: {
        operationId: 'confirmPortalOffer',
        tags: portalTags,
        summary: 'Confirm the unit can take the client',
        params: IdParamsSchema,
        body: OptionalNoteSchema,
        response: { 200: PortalOfferSchema, ...problems(404, 409) },
      },
    },
    (request) => offers.providerConfirm(request, request.params.id, request.body.note),
  );
  app.post(
    '/portal/offers/:id/decline',
    {
      config: { access: portal },
      schema: {
        operationId: 'declinePortalOffer',
        tags: portalTags,
        summary: 'Decline the offer with a reason; the place is open again',
        params: IdParamsSchema,
        body: ReasonSchema,
        response: { 200: PortalOfferSchema, ...problems(404, 409) },
      },
    },
    (request) => offers.providerDecline(request, request.params.id, request.body.reason),
  );
  app.post(
    '/portal/offers/:id/move-in',
    {
      config: { access: portal },
      schema: {
        operationId: 'recordPortalMoveIn',
        tags: portalTags,
        summary: 'Record the move-in: the place is filled and the client leaves the queue',
        params: IdParamsSchema,
        body: MoveInSchema,
        response: { 200: PortalOfferSchema, ...problems(404, 409) },
      },
    },
    (request) => offers.recordMoveIn(request, request.params.id, request.body.movedInOn),
  );
};

export default routes;
