import { expect } from 'vitest';
import type { CareFigure, FigureValue } from '../care-figures.ts';
import type { Expected } from './care-figures-fixture.ts';

/** A figure as the fixture writes its expectation: the value when shown, else its status. */
export const asExpected = (f: FigureValue): Expected => (f.status === 'ok' ? f.value! : f.status);

/** Each expected figure of a row (the reference's or the API's), `null` meaning suppressed. */
export function expectFigures(
  row: { key: string; figures: Record<CareFigure, FigureValue> } | undefined,
  expected: Partial<Record<string, Expected | null>>,
) {
  expect(row).toBeDefined();
  for (const [figure, want] of Object.entries(expected)) {
    expect(asExpected(row!.figures[figure as CareFigure]), `${row!.key} ${figure}`).toEqual(
      want === null ? 'suppressed' : want,
    );
  }
}
