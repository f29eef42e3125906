import { Type, type Static, type TSchema } from 'typebox';
import { UuidSchema } from './common.ts';
import { NamesSchema, ProviderKindSchema } from './care.ts';
import {
  CARE_FIGURE_INFO,
  CARE_FIGURES,
  CARE_GROUPINGS,
  FIGURE_STATUSES,
  PUBLICATION_FIGURES,
  type CareFigure,
} from './care-figures.ts';
import { KEY_AGREEMENT_STATES } from './key-agreement.ts';

/**
 * The reporting API's contract: management figures of JOPA and of the keys, for the staff app's
 * reports and for BI tools (JSON here, CSV and XLSX from the `/export` twin of each endpoint).
 * Aggregates only: groups under 5 clients are suppressed (see `care-figures.ts`).
 */

const DateSchema = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const List = <T extends TSchema>(t: T) => Type.Optional(Type.Array(t, { maxItems: 200 }));

export const CareGroupingSchema = Type.Enum(CARE_GROUPINGS);
export const FigureStatusSchema = Type.Enum(FIGURE_STATUSES);

export const FigureValueSchema = Type.Object({
  value: Nullable(Type.Number()),
  status: FigureStatusSchema,
  /** How many clients (vacancies, units) it stands on; null when suppressed. */
  n: Nullable(Type.Integer()),
});

const figureProperties = <K extends CareFigure>(figures: readonly K[]) =>
  Object.fromEntries(
    figures.map((f) => [
      f,
      Type.Object(FigureValueSchema.properties, {
        description: `${CARE_FIGURE_INFO[f].definition} (${CARE_FIGURE_INFO[f].unit})`,
      }),
    ]),
  ) as Record<K, typeof FigureValueSchema>;

// ------------------------------------------------------------------------------------ care figures

export const CareFiguresQuerySchema = Type.Object(
  {
    /** First day of the period (Helsinki); default a year before `to`. */
    from: Type.Optional(DateSchema),
    /** Last day of the period; default today. */
    to: Type.Optional(DateSchema),
    groupBy: Type.Optional(CareGroupingSchema),
    providerKind: Type.Optional(ProviderKindSchema),
    providerId: List(UuidSchema),
    unitId: List(UuidSchema),
    district: List(Type.String({ maxLength: 100 })),
    serviceTypeId: List(UuidSchema),
    /** N of the fill rate: filled within this many days. */
    fillWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);
export type CareFiguresQuery = Static<typeof CareFiguresQuerySchema>;

const GroupFields = {
  /** The group: a provider, unit or service type id, a district, `own`/`purchased`, `YYYY-MM`, or `total`. */
  key: Type.String(),
  /** The group's name (provider, unit, district, month); a service type's is in `names`. */
  label: Type.String(),
  names: Type.Optional(Nullable(NamesSchema)),
};

export const CareFigureRowSchema = Type.Object({
  ...GroupFields,
  figures: Type.Object(figureProperties(CARE_FIGURES)),
});
export type CareFigureRow = Static<typeof CareFigureRowSchema>;

/** An example group's figures: the given ones shown, queue-wide ones not applicable to a place, no data else. */
const EXAMPLE_QUEUE_WIDE: readonly CareFigure[] = ['queueLength', 'hospitalDays', 'waitingCost', 'overdue'];
const exampleFigures = (shown: Partial<Record<CareFigure, number>>, queueWide: boolean) =>
  Object.fromEntries(
    CARE_FIGURES.map((f) => [
      f,
      shown[f] !== undefined
        ? { value: shown[f], status: 'ok', n: 40 }
        : !queueWide && EXAMPLE_QUEUE_WIDE.includes(f)
          ? { value: null, status: 'not_applicable', n: null }
          : { value: null, status: 'no_data', n: 0 },
    ]),
  );

export const CareFiguresSchema = Type.Object(
  {
    from: DateSchema,
    to: DateSchema,
    /** Today in Helsinki: flows count days before it, stocks are taken at min(to, today). */
    asOf: DateSchema,
    groupBy: CareGroupingSchema,
    fillWithinDays: Type.Integer(),
    rows: Type.Array(CareFigureRowSchema),
    total: CareFigureRowSchema,
  },
  {
    examples: [
      {
        from: '2026-01-01',
        to: '2026-06-30',
        asOf: '2026-07-02',
        groupBy: 'providerKind',
        fillWithinDays: 14,
        rows: [
          {
            key: 'purchased',
            label: 'purchased',
            figures: exampleFigures(
              { occupancyRate: 96.2, vacancyDays: 410, timeToFillMedian: 6, placements: 48 },
              false,
            ),
          },
        ],
        total: {
          key: 'total',
          label: 'total',
          figures: exampleFigures(
            {
              occupancyRate: 95.1,
              vacancyDays: 980,
              timeToFillMedian: 7,
              placements: 112,
              queueLength: 310,
              overdue: 12,
            },
            true,
          ),
        },
      },
    ],
  },
);
export type CareFigures = Static<typeof CareFiguresSchema>;

// ---------------------------------------------------------------- the half-year publication (§26)

export const WaitingTimesQuerySchema = Type.Object(
  {
    /** Default: the last half-year that has ended. */
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    half: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
  },
  { additionalProperties: false },
);
export type WaitingTimesQuery = Static<typeof WaitingTimesQuerySchema>;

export const WaitingTimeRowSchema = Type.Object({
  ...GroupFields,
  figures: Type.Object(figureProperties(PUBLICATION_FIGURES)),
});
export type WaitingTimeRow = Static<typeof WaitingTimeRowSchema>;

export const WaitingTimesSchema = Type.Object({
  year: Type.Integer(),
  half: Type.Integer(),
  from: DateSchema,
  to: DateSchema,
  asOf: DateSchema,
  /** One row per service type. */
  rows: Type.Array(WaitingTimeRowSchema),
  total: WaitingTimeRowSchema,
});
export type WaitingTimes = Static<typeof WaitingTimesSchema>;

// ------------------------------------------------------------------------------------ keys figures

export const KEY_GROUPINGS = ['total', 'site', 'association', 'season', 'month'] as const;
export type KeyGrouping = (typeof KEY_GROUPINGS)[number];
export const KeyGroupingSchema = Type.Enum(KEY_GROUPINGS);

export const KeyFiguresQuerySchema = Type.Object(
  {
    /** Agreements made from this day (Helsinki); default a year before `to`. */
    from: Type.Optional(DateSchema),
    to: Type.Optional(DateSchema),
    groupBy: Type.Optional(KeyGroupingSchema),
    siteId: List(UuidSchema),
    associationId: List(UuidSchema),
  },
  { additionalProperties: false },
);
export type KeyFiguresQuery = Static<typeof KeyFiguresQuerySchema>;

export const KeyFigureRowSchema = Type.Object({
  ...GroupFields,
  /** Agreements made in the period. */
  agreements: Type.Integer(),
  byState: Type.Object(
    Object.fromEntries(KEY_AGREEMENT_STATES.map((s) => [s, Type.Integer()])) as Record<
      (typeof KEY_AGREEMENT_STATES)[number],
      ReturnType<typeof Type.Integer>
    >,
  ),
  /** Of them, keys out past the expected return date now. */
  overdue: Type.Integer(),
  /** Keys handed over under them. */
  keysLent: Type.Integer(),
  /** Keys marked lost under them. */
  lostKeys: Type.Integer(),
});
export type KeyFigureRow = Static<typeof KeyFigureRowSchema>;

export const KeyFiguresSchema = Type.Object({
  from: DateSchema,
  to: DateSchema,
  asOf: DateSchema,
  groupBy: KeyGroupingSchema,
  rows: Type.Array(KeyFigureRowSchema),
  total: KeyFigureRowSchema,
});
export type KeyFigures = Static<typeof KeyFiguresSchema>;
