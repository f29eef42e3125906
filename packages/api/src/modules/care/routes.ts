import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PageSchema, UuidSchema } from '@civic/shared/common';
import {
  AddPriceSchema,
  AddUnitServiceSchema,
  BulkCapacitySchema,
  CapacityHistoryEntrySchema,
  ConfirmCapacitySchema,
  CreateListItemSchema,
  CreateProviderSchema,
  CreateUnitSchema,
  CreateVacancySchema,
  ListItemSchema,
  OccupancyQuerySchema,
  OccupancySchema,
  PortalDashboardSchema,
  PortalHistoryQuerySchema,
  ProviderListQuerySchema,
  ProviderSchema,
  UnitDetailSchema,
  UnitListQuerySchema,
  UnitSchema,
  UpdateCapacitySchema,
  UpdateListItemSchema,
  UpdateProviderSchema,
  UpdateUnitSchema,
  UpdateVacancySchema,
  VacancyBoardQuerySchema,
  VacancyPageSchema,
  VacancySchema,
  WithdrawVacancySchema,
} from '@civic/shared/care';
import { NoContent, problems } from '../../lib/schemas.ts';
import { CARE_READERS, CARE_STAFF, PORTAL_USERS } from './access.ts';
import { capacityService } from './capacity.ts';
import { registryService } from './registry.ts';

const CapacityParams = Type.Object({ id: UuidSchema, serviceTypeId: UuidSchema });
const ListParams = Type.Object({ list: Type.Enum(['service-types', 'tags'] as const) });
const ListItemParams = Type.Object({ list: Type.Enum(['service-types', 'tags'] as const), id: UuidSchema });

/**
 * Care-place registry. `/care/*` is the city side (staff app, and integration clients with
 * `care.registry:read` for reading); `/portal/*` is the provider portal, where every id is checked
 * against the caller's own organisation (another organisation's object answers 404).
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const registry = registryService(app);
  const capacity = capacityService(app);
  const staff = { roles: CARE_STAFF } as const;
  const readers = { roles: CARE_READERS, scopes: ['care.registry:read'] } as const;
  const portal = { roles: PORTAL_USERS } as const;
  const tags = ['care registry'];
  const portalTags = ['provider portal'];

  // ----------------------------------------------------------------------------- managed lists
  app.get(
    '/care/lists/:list',
    {
      config: { access: readers },
      schema: {
        operationId: 'listCareListItems',
        tags,
        summary: 'Service types or unit tags',
        params: ListParams,
        response: { 200: Type.Array(ListItemSchema), ...problems() },
      },
    },
    (request) => registry.listItems(request.params.list),
  );
  app.post(
    '/care/lists/:list',
    {
      config: { access: staff },
      schema: {
        operationId: 'createCareListItem',
        summary: 'Add an item to a managed list (service types, tags)',
        tags,
        params: ListParams,
        body: CreateListItemSchema,
        response: { 201: ListItemSchema, ...problems(409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registry.createItem(request, request.params.list, request.body)),
  );
  app.patch(
    '/care/lists/:list/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateCareListItem',
        summary: 'Rename or retire an item of a managed list',
        tags,
        params: ListItemParams,
        body: UpdateListItemSchema,
        response: { 200: ListItemSchema, ...problems(404) },
      },
    },
    (request) => registry.updateItem(request, request.params.list, request.params.id, request.body),
  );

  // --------------------------------------------------------------------------------- providers
  app.get(
    '/care/providers',
    {
      config: { access: readers },
      schema: {
        operationId: 'listProviders',
        summary: 'Care providers',
        tags,
        querystring: ProviderListQuerySchema,
        response: { 200: PageSchema(ProviderSchema), ...problems() },
      },
    },
    (request) => registry.listProviders(request.query),
  );
  app.get(
    '/care/providers/:id',
    {
      config: { access: readers },
      schema: {
        operationId: 'getProvider',
        summary: 'One care provider',
        tags,
        params: IdParamsSchema,
        response: { 200: ProviderSchema, ...problems(404) },
      },
    },
    (request) => registry.getProvider(request, request.params.id),
  );
  app.post(
    '/care/providers',
    {
      config: { access: staff },
      schema: {
        operationId: 'createProvider',
        summary: 'Register a care provider',
        tags,
        body: CreateProviderSchema,
        response: { 201: ProviderSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await registry.createProvider(request, request.body)),
  );
  app.patch(
    '/care/providers/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateProvider',
        summary: 'Change a care provider',
        tags,
        params: IdParamsSchema,
        body: UpdateProviderSchema,
        response: { 200: ProviderSchema, ...problems(404) },
      },
    },
    (request) => registry.updateProvider(request, request.params.id, request.body),
  );

  // ------------------------------------------------------------------------------------- units
  app.get(
    '/care/units',
    {
      config: { access: readers },
      schema: {
        operationId: 'listUnits',
        tags,
        summary: 'Units with capacity figures, freshness, prices valid today and open vacancies',
        querystring: UnitListQuerySchema,
        response: { 200: PageSchema(UnitSchema), ...problems() },
      },
    },
    (request) => registry.listUnits(request, request.query),
  );
  app.get(
    '/care/units/:id',
    {
      config: { access: readers },
      schema: {
        operationId: 'getUnit',
        tags,
        summary: 'One unit with its price history and capacity history (newest first)',
        params: IdParamsSchema,
        response: { 200: UnitDetailSchema, ...problems(404) },
      },
    },
    (request) => registry.getUnit(request, request.params.id),
  );
  app.post(
    '/care/units',
    {
      config: { access: staff },
      schema: {
        operationId: 'createUnit',
        summary: 'Register a care unit',
        tags,
        body: CreateUnitSchema,
        response: { 201: UnitDetailSchema, ...problems() },
      },
    },
    async (request, reply) => reply.code(201).send(await registry.createUnit(request, request.body)),
  );
  app.patch(
    '/care/units/:id',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateUnit',
        summary: 'Change a care unit',
        tags,
        params: IdParamsSchema,
        body: UpdateUnitSchema,
        response: { 200: UnitDetailSchema, ...problems(404) },
      },
    },
    (request) => registry.updateUnit(request, request.params.id, request.body),
  );
  app.post(
    '/care/units/:id/prices',
    {
      config: { access: staff },
      schema: {
        operationId: 'addUnitPrice',
        tags,
        summary: 'A daily price from a date on (earlier prices stay for reports)',
        params: IdParamsSchema,
        body: AddPriceSchema,
        response: { 200: UnitDetailSchema, ...problems(404) },
      },
    },
    (request) => registry.addPrice(request, request.params.id, request.body),
  );
  app.post(
    '/care/units/:id/services',
    {
      config: { access: staff },
      schema: {
        operationId: 'addUnitService',
        tags,
        summary: 'The unit starts to offer another service type, with its first figures',
        params: IdParamsSchema,
        body: AddUnitServiceSchema,
        response: { 200: UnitDetailSchema, ...problems(404, 409) },
      },
    },
    (request) => registry.addService(request, request.params.id, request.body),
  );
  app.put(
    '/care/units/:id/capacity/:serviceTypeId',
    {
      config: { access: staff },
      schema: {
        operationId: 'updateUnitCapacity',
        tags,
        summary: "Correct a unit's figures (coordinators); the same rules as in the portal",
        params: CapacityParams,
        body: UpdateCapacitySchema,
        response: { 204: NoContent, ...problems(404, 409) },
      },
    },
    async (request, reply) => {
      await capacity.updateCapacity(request, request.params.id, request.params.serviceTypeId, request.body);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/care/vacancies',
    {
      config: { access: readers },
      schema: {
        operationId: 'vacancyBoard',
        tags,
        summary: 'The vacancy board: open places, longest empty first, with unit tags and daily price',
        querystring: VacancyBoardQuerySchema,
        response: { 200: VacancyPageSchema, ...problems() },
      },
    },
    (request) => capacity.board(request, request.query),
  );
  app.get(
    '/care/vacancies/:id',
    {
      config: { access: readers },
      schema: {
        operationId: 'getVacancy',
        tags,
        summary:
          'One vacancy in any state (open, offered, filled or withdrawn), with unit tags and daily price',
        params: IdParamsSchema,
        response: { 200: VacancySchema, ...problems(404) },
      },
    },
    (request) => capacity.vacancy(request, request.params.id),
  );

  app.get(
    '/care/occupancy',
    {
      config: { access: { roles: CARE_READERS, scopes: ['care.registry:read', 'reports:read'] } },
      schema: {
        operationId: 'occupancyOnDate',
        tags,
        summary:
          "Occupancy and daily cost on any day: each unit's figures as they stood at the end of that day",
        querystring: OccupancyQuerySchema,
        response: { 200: OccupancySchema, ...problems() },
      },
    },
    (request) => registry.occupancyOn(request, request.query),
  );

  // ------------------------------------------------------------------------------------ portal
  app.get(
    '/portal/dashboard',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalDashboard',
        summary: 'The provider’s own units, figures and open vacancies',
        tags: portalTags,
        response: { 200: PortalDashboardSchema, ...problems() },
      },
    },
    (request) => capacity.dashboard(request),
  );
  app.get(
    '/portal/units/:id',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalGetUnit',
        summary: 'One of the provider’s own units',
        tags: portalTags,
        params: IdParamsSchema,
        response: { 200: UnitDetailSchema, ...problems(404) },
      },
    },
    (request) => registry.getUnit(request, request.params.id),
  );
  app.put(
    '/portal/units/:id/capacity/:serviceTypeId',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalUpdateCapacity',
        tags: portalTags,
        summary: 'New figures; refused when they do not add up or someone changed them meanwhile (409)',
        params: CapacityParams,
        body: UpdateCapacitySchema,
        response: { 204: NoContent, ...problems(404, 409) },
      },
    },
    async (request, reply) => {
      await capacity.updateCapacity(request, request.params.id, request.params.serviceTypeId, request.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/portal/units/:id/capacity/:serviceTypeId/confirm',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalConfirmCapacity',
        tags: portalTags,
        summary: '"Nothing has changed": refreshes the confirmation time only',
        params: CapacityParams,
        body: ConfirmCapacitySchema,
        response: { 204: NoContent, ...problems(404, 409) },
      },
    },
    async (request, reply) => {
      await capacity.updateCapacity(request, request.params.id, request.params.serviceTypeId, request.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/portal/capacity/bulk',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalBulkCapacity',
        tags: portalTags,
        summary: 'Update or confirm many units at once; all or nothing',
        body: BulkCapacitySchema,
        response: { 200: Type.Object({ saved: Type.Integer() }), ...problems(404, 409) },
      },
    },
    (request) => capacity.bulk(request, request.body),
  );
  app.post(
    '/portal/units/:id/vacancies',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalReportVacancy',
        tags: portalTags,
        summary: "Announce a vacant place; moves the unit's figures in the same transaction",
        params: IdParamsSchema,
        body: CreateVacancySchema,
        response: { 201: VacancySchema, ...problems(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await capacity.createVacancy(request, request.params.id, request.body)),
  );
  app.get(
    '/portal/vacancies',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalListVacancies',
        tags: portalTags,
        summary: "The organisation's vacancies (open by default; filter by status and unit)",
        querystring: VacancyBoardQuerySchema,
        response: { 200: VacancyPageSchema, ...problems() },
      },
    },
    (request) => capacity.board(request, request.query),
  );
  app.patch(
    '/portal/vacancies/:id',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalUpdateVacancy',
        summary: 'Change an open vacancy (date, notes)',
        tags: portalTags,
        params: IdParamsSchema,
        body: UpdateVacancySchema,
        response: { 200: VacancySchema, ...problems(404, 409) },
      },
    },
    (request) => capacity.updateVacancy(request, request.params.id, request.body),
  );
  app.post(
    '/portal/vacancies/:id/withdraw',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalWithdrawVacancy',
        summary: 'Withdraw a vacancy with a reason',
        tags: portalTags,
        params: IdParamsSchema,
        body: WithdrawVacancySchema,
        response: { 200: VacancySchema, ...problems(404, 409) },
      },
    },
    (request) => capacity.vacancyEvent(request, request.params.id, 'withdraw', request.body.reason),
  );
  app.get(
    '/portal/history',
    {
      config: { access: portal },
      schema: {
        operationId: 'portalHistory',
        tags: portalTags,
        summary: "The organisation's own capacity reports, newest first",
        querystring: PortalHistoryQuerySchema,
        response: { 200: PageSchema(CapacityHistoryEntrySchema), ...problems(404) },
      },
    },
    (request) => capacity.history(request, request.query),
  );
};

export default routes;
