import type { CareFiguresQuery, KeyFiguresQuery, WaitingTimesQuery } from '@civic/shared/reports';

/** Query keys of the reports feature. */
export const reportsKeys = {
  all: ['reports'] as const,
  care: (q: CareFiguresQuery) => [...reportsKeys.all, 'care', q] as const,
  waitingTimes: (q: WaitingTimesQuery) => [...reportsKeys.all, 'waiting-times', q] as const,
  keys: (q: KeyFiguresQuery) => [...reportsKeys.all, 'keys', q] as const,
  options: (what: 'service-types' | 'providers' | 'districts' | 'sites') =>
    [...reportsKeys.all, 'options', what] as const,
};

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;
