import { Type, type Static } from 'typebox';
import { EmailSchema, pageQueryProperties, PageSchema, RequiredText, UuidSchema } from './common.ts';
import { VACANCY_STATUSES } from './care-capacity.ts';

/**
 * The HTTP contract of the care-place registry (DOMAIN.md, module 2, first half): providers,
 * units, capacity figures, vacancies, managed lists. Shared by the API, the staff app and the portal.
 */

const DateSchema = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Ref = Type.Object({ id: UuidSchema, name: Type.String() });

export const NamesSchema = Type.Object(
  { fi: RequiredText(200), sv: RequiredText(200), en: RequiredText(200) },
  { additionalProperties: false },
);
export type Names = Static<typeof NamesSchema>;

// ------------------------------------------------------------------------------------ managed lists

/** A service type or a unit tag: a code and its name in three languages. */
export const ListItemSchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  names: NamesSchema,
  active: Type.Boolean(),
});
export type ListItem = Static<typeof ListItemSchema>;
export const CreateListItemSchema = Type.Object(
  { code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }), names: NamesSchema },
  { additionalProperties: false },
);
export type CreateListItem = Static<typeof CreateListItemSchema>;
export const UpdateListItemSchema = Type.Object(
  { names: Type.Optional(NamesSchema), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateListItem = Static<typeof UpdateListItemSchema>;

// ----------------------------------------------------------------------------------------- providers

export const PROVIDER_KINDS = ['own', 'purchased'] as const;
export const ProviderKindSchema = Type.Enum(PROVIDER_KINDS);

export const ProviderSchema = Type.Object(
  {
    id: UuidSchema,
    name: Type.String(),
    businessId: Nullable(Type.String()),
    kind: ProviderKindSchema,
    contactName: Nullable(Type.String()),
    contactEmail: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    contractStart: Nullable(DateSchema),
    contractEnd: Nullable(DateSchema),
    unitCount: Type.Integer(),
  },
  {
    examples: [
      {
        id: '6f1c3c3e-2a4b-4f7e-9a55-0d1c2b3a4e5f',
        name: 'Hoivakoti Kotikallio Oy',
        businessId: '1234567-1',
        kind: 'purchased',
        contactName: 'Riitta Esimies',
        contactEmail: 'riitta@kotikallio.example',
        contactPhone: '+358 40 123 4567',
        contractStart: '2025-01-01',
        contractEnd: '2027-12-31',
        unitCount: 3,
      },
    ],
  },
);
export type Provider = Static<typeof ProviderSchema>;

export const CreateProviderSchema = Type.Object(
  {
    name: RequiredText(200),
    businessId: Type.Optional(Nullable(Type.String({ maxLength: 9 }))),
    kind: ProviderKindSchema,
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    contactEmail: Type.Optional(Nullable(EmailSchema)),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    contractStart: Type.Optional(Nullable(DateSchema)),
    contractEnd: Type.Optional(Nullable(DateSchema)),
  },
  { additionalProperties: false },
);
export type CreateProvider = Static<typeof CreateProviderSchema>;
export const UpdateProviderSchema = Type.Partial(CreateProviderSchema, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateProvider = Static<typeof UpdateProviderSchema>;

export const ProviderListQuerySchema = Type.Object({
  ...pageQueryProperties,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  kind: Type.Optional(ProviderKindSchema),
});
export type ProviderListQuery = Static<typeof ProviderListQuerySchema>;

// --------------------------------------------------------------------------------- capacity figures

const Count = Type.Integer({ minimum: 0, maximum: 10_000 });
export const CapacityFiguresSchema = Type.Object(
  {
    maxCapacity: Count,
    occupied: Count,
    reserved: Count,
    vacantAccepting: Count,
    closedToAdmissions: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const CapacitySchema = Type.Object({
  serviceType: Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema }),
  ...CapacityFiguresSchema.properties,
  outOfUse: Type.Integer(),
  occupancyRate: Type.Number(),
  confirmedAt: DateTime,
  confirmedBy: Nullable(Type.String()),
  /** True when not confirmed within the configured number of days. */
  stale: Type.Boolean(),
  version: Type.Integer(),
});
export type Capacity = Static<typeof CapacitySchema>;

/** A capacity change names the version it was based on; a newer one in between is a conflict. */
export const UpdateCapacitySchema = Type.Object(
  { ...CapacityFiguresSchema.properties, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
export type UpdateCapacity = Static<typeof UpdateCapacitySchema>;

export const ConfirmCapacitySchema = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

/** Many units on one screen: each row either new figures or "nothing has changed"; all or nothing. */
export const BulkCapacitySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          unitId: UuidSchema,
          serviceTypeId: UuidSchema,
          version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
          figures: Type.Optional(CapacityFiguresSchema),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type BulkCapacity = Static<typeof BulkCapacitySchema>;

export const CapacityHistoryEntrySchema = Type.Object({
  at: DateTime,
  unit: Ref,
  serviceTypeId: UuidSchema,
  kind: Type.Enum(['update', 'confirm', 'vacancy', 'created'] as const),
  maxCapacity: Type.Integer(),
  occupied: Type.Integer(),
  reserved: Type.Integer(),
  vacantAccepting: Type.Integer(),
  closedToAdmissions: Type.Boolean(),
  actor: Type.String(),
});
export type CapacityHistoryEntry = Static<typeof CapacityHistoryEntrySchema>;

// -------------------------------------------------------------------------------------------- units

export const PriceSchema = Type.Object({
  serviceTypeId: UuidSchema,
  validFrom: DateSchema,
  dailyPrice: Type.Number(),
});
export type Price = Static<typeof PriceSchema>;

export const UnitSchema = Type.Object(
  {
    id: UuidSchema,
    provider: Type.Object({ id: UuidSchema, name: Type.String(), kind: ProviderKindSchema }),
    name: Type.String(),
    address: Type.String(),
    district: Type.String(),
    languages: Type.Array(Type.String()),
    tags: Type.Array(Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema })),
    active: Type.Boolean(),
    capacity: Type.Array(CapacitySchema),
    /** Daily prices valid today, per service type (purchased units). */
    currentPrices: Type.Array(PriceSchema),
    openVacancies: Type.Integer(),
    /** The oldest confirmation among the unit's figures: how fresh the unit's data is. */
    confirmedAt: Nullable(DateTime),
    stale: Type.Boolean(),
  },
  {
    examples: [
      {
        id: '0b7f8d2e-1c3a-4b5d-8e9f-1a2b3c4d5e6f',
        provider: {
          id: '6f1c3c3e-2a4b-4f7e-9a55-0d1c2b3a4e5f',
          name: 'Hoivakoti Kotikallio Oy',
          kind: 'purchased',
        },
        name: 'Kotikallio, Kallio',
        address: 'Porvoonkatu 10, 00510 Helsinki',
        district: 'Kallio',
        languages: ['fi'],
        tags: [],
        active: true,
        capacity: [],
        currentPrices: [],
        openVacancies: 1,
        confirmedAt: '2026-11-20T08:30:00Z',
        stale: false,
      },
    ],
  },
);
export type Unit = Static<typeof UnitSchema>;

export const UnitDetailSchema = Type.Object({
  ...UnitSchema.properties,
  prices: Type.Array(PriceSchema),
  history: Type.Array(CapacityHistoryEntrySchema),
});
export type UnitDetail = Static<typeof UnitDetailSchema>;

export const CreateUnitSchema = Type.Object(
  {
    providerId: UuidSchema,
    name: RequiredText(200),
    address: RequiredText(300),
    district: RequiredText(100),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    tagIds: Type.Array(UuidSchema, { maxItems: 30, uniqueItems: true }),
    /** Service types the unit offers, each with its starting figures. */
    capacity: Type.Array(
      Type.Object(
        { serviceTypeId: UuidSchema, ...CapacityFiguresSchema.properties },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
);
export type CreateUnit = Static<typeof CreateUnitSchema>;

export const UpdateUnitSchema = Type.Object(
  {
    name: Type.Optional(RequiredText(200)),
    address: Type.Optional(RequiredText(300)),
    district: Type.Optional(RequiredText(100)),
    languages: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { minItems: 1, maxItems: 10, uniqueItems: true }),
    ),
    tagIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 30, uniqueItems: true })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnit = Static<typeof UpdateUnitSchema>;

export const AddPriceSchema = Type.Object(
  {
    serviceTypeId: UuidSchema,
    validFrom: DateSchema,
    dailyPrice: Type.Number({ minimum: 0, maximum: 10_000, multipleOf: 0.01 }),
  },
  { additionalProperties: false },
);
export type AddPrice = Static<typeof AddPriceSchema>;

export const UnitListQuerySchema = Type.Object({
  ...pageQueryProperties,
  providerId: Type.Optional(UuidSchema),
  district: Type.Optional(Type.String({ maxLength: 100 })),
  serviceTypeId: Type.Optional(UuidSchema),
  tagId: Type.Optional(Type.Array(UuidSchema, { maxItems: 20 })),
  providerKind: Type.Optional(ProviderKindSchema),
  stale: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type UnitListQuery = Static<typeof UnitListQuerySchema>;

// ---------------------------------------------------------------------------------------- vacancies

export const VacancyStatusSchema = Type.Enum(VACANCY_STATUSES);

export const VacancySchema = Type.Object(
  {
    id: UuidSchema,
    unit: Type.Object({
      id: UuidSchema,
      name: Type.String(),
      district: Type.String(),
      languages: Type.Array(Type.String()),
      tags: Type.Array(Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema })),
    }),
    provider: Type.Object({ id: UuidSchema, name: Type.String(), kind: ProviderKindSchema }),
    serviceType: Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema }),
    availableFrom: DateSchema,
    notes: Nullable(Type.String()),
    status: VacancyStatusSchema,
    reportedAt: DateTime,
    reportedBy: Nullable(Type.String()),
    /** Whole days the place has stood empty (since reported, or since available if later). */
    ageDays: Type.Integer(),
    withdrawnReason: Nullable(Type.String()),
    /** Daily price valid today for this unit and service type (purchased places). */
    dailyPrice: Nullable(Type.Number()),
  },
  {
    examples: [
      {
        id: '1d2c3b4a-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
        unit: {
          id: '0b7f8d2e-1c3a-4b5d-8e9f-1a2b3c4d5e6f',
          name: 'Kotikallio, Kallio',
          district: 'Kallio',
          languages: ['fi'],
          tags: [],
        },
        provider: {
          id: '6f1c3c3e-2a4b-4f7e-9a55-0d1c2b3a4e5f',
          name: 'Hoivakoti Kotikallio Oy',
          kind: 'purchased',
        },
        serviceType: {
          id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6e',
          code: 'service_housing_24h',
          names: {
            fi: 'Ympärivuorokautinen palveluasuminen',
            sv: 'Serviceboende med heldygnsomsorg',
            en: '24-hour service housing',
          },
        },
        availableFrom: '2026-11-24',
        notes: 'Ground floor room, suits a wheelchair user.',
        status: 'open',
        reportedAt: '2026-11-18T09:12:00Z',
        reportedBy: 'Tiina Hoitaja',
        ageDays: 3,
        withdrawnReason: null,
        dailyPrice: 162.5,
      },
    ],
  },
);
export type Vacancy = Static<typeof VacancySchema>;

export const CreateVacancySchema = Type.Object(
  {
    serviceTypeId: UuidSchema,
    availableFrom: DateSchema,
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    /**
     * Where the place comes from: `out_of_use` (default; the maximum must have a place not in use)
     * or `occupied` (a resident moved out: occupied goes down by one as the vacancy is reported).
     */
    placeFrom: Type.Optional(Type.Union([Type.Literal('out_of_use'), Type.Literal('occupied')])),
  },
  { additionalProperties: false },
);
export type CreateVacancy = Static<typeof CreateVacancySchema>;
export const UpdateVacancySchema = Type.Object(
  {
    availableFrom: Type.Optional(DateSchema),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateVacancy = Static<typeof UpdateVacancySchema>;
export const WithdrawVacancySchema = Type.Object(
  { reason: RequiredText(1000) },
  { additionalProperties: false },
);

export const VacancyBoardQuerySchema = Type.Object({
  ...pageQueryProperties,
  district: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
  serviceTypeId: Type.Optional(UuidSchema),
  tagId: Type.Optional(Type.Array(UuidSchema, { maxItems: 20 })),
  providerKind: Type.Optional(ProviderKindSchema),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
  /** Only places empty at least this many days. */
  minAgeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  status: Type.Optional(Type.Array(VacancyStatusSchema, { maxItems: 4 })),
  unitId: Type.Optional(UuidSchema),
});
export type VacancyBoardQuery = Static<typeof VacancyBoardQuerySchema>;

export const VacancyPageSchema = PageSchema(VacancySchema);

// ------------------------------------------------------------------------------------------- portal

export const PortalDashboardSchema = Type.Object({
  provider: Type.Object({ id: UuidSchema, name: Type.String(), kind: ProviderKindSchema }),
  units: Type.Array(UnitSchema),
  openVacancies: Type.Array(VacancySchema),
  staleAfterDays: Type.Integer(),
});
export type PortalDashboard = Static<typeof PortalDashboardSchema>;

export const PortalHistoryQuerySchema = Type.Object({
  ...pageQueryProperties,
  unitId: Type.Optional(UuidSchema),
});
export type PortalHistoryQuery = Static<typeof PortalHistoryQuerySchema>;

// ---------------------------------------------------------------------------------- occupancy on a day

export const OccupancyQuerySchema = Type.Object({
  date: DateSchema,
  providerId: Type.Optional(UuidSchema),
  district: Type.Optional(Type.String({ maxLength: 100 })),
});
export type OccupancyQuery = Static<typeof OccupancyQuerySchema>;

/** The figures as they stood at the end of a day (Helsinki time), with the daily price valid that day. */
export const OccupancySchema = Type.Object({
  date: DateSchema,
  rows: Type.Array(
    Type.Object({
      unit: Ref,
      provider: Type.Object({ id: UuidSchema, name: Type.String(), kind: ProviderKindSchema }),
      serviceType: Type.Object({ id: UuidSchema, code: Type.String(), names: NamesSchema }),
      maxCapacity: Type.Integer(),
      occupied: Type.Integer(),
      reserved: Type.Integer(),
      vacantAccepting: Type.Integer(),
      closedToAdmissions: Type.Boolean(),
      /** When these figures were reported. */
      asOf: DateTime,
      dailyPrice: Nullable(Type.Number()),
      /** occupied × daily price (purchased places). */
      dailyCost: Nullable(Type.Number()),
    }),
  ),
  totals: Type.Object({
    maxCapacity: Type.Integer(),
    occupied: Type.Integer(),
    vacantAccepting: Type.Integer(),
    occupancyRate: Type.Number(),
    dailyCost: Type.Number(),
  }),
});
export type Occupancy = Static<typeof OccupancySchema>;

/** A service type the unit starts to offer, with its first figures. */
export const AddUnitServiceSchema = Type.Object(
  { serviceTypeId: UuidSchema, ...CapacityFiguresSchema.properties },
  { additionalProperties: false },
);
export type AddUnitService = Static<typeof AddUnitServiceSchema>;
