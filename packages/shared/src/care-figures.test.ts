import { describe, expect, it } from 'vitest';
import { careFigures } from './care-figures-reference.ts';
import {
  CARE_FIGURES,
  halfYear,
  lastEndedHalfYear,
  median,
  monthsBetween,
  percentile,
  personal,
  roundRatio,
  suppressComplements,
  type FigureRow,
} from './care-figures.ts';
import {
  EXPECTED_BY_MONTH,
  EXPECTED_BY_PROVIDER_KIND,
  EXPECTED_BY_SERVICE_TYPE,
  EXPECTED_PURCHASED_IN_KALLIO,
  EXPECTED_TOTAL,
  FIXTURE,
  FIXTURE_QUERY,
  FX,
} from './testing/care-figures-fixture.ts';
import { expectFigures } from './testing/expect-figures.ts';

describe('care figures over the hand-computed fixture', () => {
  it('computes every total figure', () => {
    const { total, rows } = careFigures(FIXTURE, FIXTURE_QUERY);
    expect(rows).toEqual([]);
    expectFigures(total, EXPECTED_TOTAL);
    // Suppressed figures say so and withhold how many they stand on.
    expect(total.figures.overdue).toEqual({ value: null, status: 'suppressed', n: null });
    expect(total.figures.queueLength.n).toBe(6);
  });

  it('splits own and purchased, suppressing small groups and the complement of a lone one', () => {
    const { rows, total } = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'providerKind' });
    expect(rows.map((r) => r.key)).toEqual(['own', 'purchased']);
    expect(rows.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED_BY_PROVIDER_KIND).sort());
    for (const row of rows) expectFigures(row, EXPECTED_BY_PROVIDER_KIND[row.key]!);
    // The total is over all data, not a combination of the groups: the same as ungrouped.
    expect(total).toEqual(careFigures(FIXTURE, FIXTURE_QUERY).total);
  });

  it('splits by month in Helsinki time, stocks at each month end', () => {
    const { rows } = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'month' });
    expect(rows.map((r) => r.key)).toEqual(['2026-03', '2026-04']);
    for (const row of rows) expectFigures(row, EXPECTED_BY_MONTH[row.key]!);
  });

  it('splits by service type; a client waiting for two types costs once', () => {
    const { rows } = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'serviceType' });
    for (const row of rows) expectFigures(row, EXPECTED_BY_SERVICE_TYPE[row.key]!);
  });

  it('with place filters, figures of the queue as a whole do not apply', () => {
    const { total } = careFigures(FIXTURE, {
      ...FIXTURE_QUERY,
      providerKind: 'purchased',
      district: ['Kallio'],
    });
    expectFigures(total, EXPECTED_PURCHASED_IN_KALLIO);
  });

  it('splits by provider, unit and district with the same keys the data uses', () => {
    expect(careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'provider' }).rows.map((r) => r.key)).toEqual([
      FX.provider(1),
      FX.provider(2),
      FX.provider(3),
    ]);
    const byDistrict = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'district' }).rows;
    expect(byDistrict.map((r) => r.key)).toEqual(['Kallio', 'Malmi']);
    // Kallio: U1 + U2 = (592 + 788) / (670 + 840)
    expect(byDistrict[0]!.figures.occupancyRate.value).toBe(91.4);
    const byUnit = careFigures(FIXTURE, { ...FIXTURE_QUERY, groupBy: 'unit' }).rows;
    expect(byUnit.find((r) => r.key === FX.unit(3))!.figures.occupancyRate.value).toBe(100);
  });

  it('a period still to come has no flows and no months', () => {
    const { rows, total } = careFigures(FIXTURE, {
      ...FIXTURE_QUERY,
      from: '2026-06-01',
      to: '2026-06-30',
      groupBy: 'month',
    });
    expect(rows).toEqual([]);
    expect(total.figures.occupancyRate.status).toBe('no_data');
    expect(total.figures.hospitalDays.value).toBe(0);
  });

  it('counts only completed days: today is not in the flows yet', () => {
    const sameDay = careFigures(FIXTURE, {
      ...FIXTURE_QUERY,
      from: '2026-04-01',
      to: '2026-04-30',
      asOf: '2026-04-01',
    });
    expect(sameDay.total.figures.occupancyRate.status).toBe('no_data');
    // The stocks are now: at 1 April, clients 3, 5, 6, 7, 8, 10, 12, 15, 17 wait.
    expect(sameDay.total.figures.queueLength.value).toBe(9);
  });

  it('names every figure in the result', () => {
    const { total } = careFigures(FIXTURE, FIXTURE_QUERY);
    expect(Object.keys(total.figures).sort()).toEqual([...CARE_FIGURES].sort());
  });
});

describe('figure helpers', () => {
  it('median takes the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('p90 is the nearest rank (PostgreSQL percentile_disc)', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([], 0.9)).toBeNull();
  });

  it('rounds ratios to one decimal, halves up, without floating-point drift', () => {
    expect(roundRatio(1, 8)).toBe(0.1); // 0.125
    expect(roundRatio(100, 8)).toBe(12.5);
    expect(roundRatio(1000, 8 * 100)).toBe(1.3); // 1.25 → 1.3
    expect(roundRatio(1685 * 100, 1815)).toBe(92.8);
  });

  it('suppresses groups of 1–4 clients; nobody is a zero count or no data', () => {
    expect(personal(7, 4)).toEqual({ value: null, status: 'suppressed', n: null });
    expect(personal(7, 5)).toEqual({ value: 7, status: 'ok', n: 5 });
    expect(personal(0, 0, true)).toEqual({ value: 0, status: 'ok', n: 0 });
    expect(personal(null, 0)).toEqual({ value: null, status: 'no_data', n: 0 });
  });

  it('a lone suppressed group takes the smallest other group with it', () => {
    const row = (key: string, n: number): FigureRow => ({
      key,
      figures: Object.fromEntries(CARE_FIGURES.map((f) => [f, personal(n, n, true)])) as FigureRow['figures'],
    });
    const rows = suppressComplements([row('a', 3), row('b', 9), row('c', 6)]);
    expect(rows.map((r) => r.figures.queueLength.status)).toEqual(['suppressed', 'ok', 'suppressed']);
    // Medians cannot be worked back from the total: only the small group goes.
    expect(rows.map((r) => r.figures.queueDaysFromDecisionMedian.status)).toEqual(['suppressed', 'ok', 'ok']);
    // Two suppressed groups already hide each other.
    const two = suppressComplements([row('a', 3), row('b', 2), row('c', 6)]);
    expect(two.map((r) => r.figures.queueLength.status)).toEqual(['suppressed', 'suppressed', 'ok']);
  });

  it('lists the months of a period', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the half-year publication', () => {
  it('covers January–June or July–December', () => {
    expect(halfYear(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(halfYear(2026, 2)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('defaults to the last half-year that has ended', () => {
    expect(lastEndedHalfYear('2026-07-01')).toEqual({ year: 2026, half: 1 });
    expect(lastEndedHalfYear('2026-06-30')).toEqual({ year: 2025, half: 2 });
    expect(lastEndedHalfYear('2027-01-01')).toEqual({ year: 2026, half: 2 });
  });
});
