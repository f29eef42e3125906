import { describe, expect, it } from 'vitest';
import {
  addDays,
  defaultExpectedReturnDate,
  keySeasonOf,
  dueStatus,
  helsinkiToday,
  namesMatch,
  normaliseKeyCode,
  signatureProblem,
  SIGNATURE_MAX_POINTS,
} from './keys.ts';

describe('signatureProblem', () => {
  const line = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
    [x0, y0],
    [x1, y1],
  ];
  it('refuses more points than a hand draws', () => {
    const stroke = (n: number) =>
      Array.from({ length: n }, (_, i): [number, number] => [i % 1000, (i * 3) % 400]);
    expect(signatureProblem({ strokes: [stroke(SIGNATURE_MAX_POINTS)] })).toBeNull();
    expect(signatureProblem({ strokes: [stroke(SIGNATURE_MAX_POINTS), stroke(1)] })).toBe(
      'signature_too_complex',
    );
  });
  it('refuses an empty pad and a single dot', () => {
    expect(signatureProblem({ strokes: [] })).toBe('signature_empty');
    expect(signatureProblem({ strokes: [[[10, 10]]] })).toBe('signature_empty');
  });
  it('refuses a short dash, a flat line and a tiny scribble', () => {
    expect(signatureProblem({ strokes: [line(100, 100, 140, 110)] })).toBe('signature_too_small');
    expect(signatureProblem({ strokes: [line(100, 100, 600, 105)] })).toBe('signature_too_small');
    expect(
      signatureProblem({
        strokes: [
          [
            [100, 100],
            [130, 120],
            [100, 140],
            [130, 160],
            [100, 180],
          ],
        ],
      }),
    ).toBe('signature_too_small');
  });
  it('accepts a real-looking signature', () => {
    expect(
      signatureProblem({
        strokes: [
          [
            [100, 300],
            [180, 120],
            [260, 280],
            [340, 100],
          ],
          line(400, 200, 600, 210),
        ],
      }),
    ).toBeNull();
  });
});

describe('dates', () => {
  it('defaults the return to the end of the current season', () => {
    expect(defaultExpectedReturnDate('2026-11-21', '05-31')).toBe('2027-05-31');
    expect(defaultExpectedReturnDate('2026-05-31', '05-31')).toBe('2026-05-31');
    expect(defaultExpectedReturnDate('2026-01-10', '05-31')).toBe('2026-05-31');
    expect(defaultExpectedReturnDate('2026-06-01', '05-31')).toBe('2027-05-31');
  });
  it('names the season of a day by its two years', () => {
    expect(keySeasonOf('2026-05-31', '05-31')).toBe('2025-2026');
    expect(keySeasonOf('2026-06-01', '05-31')).toBe('2026-2027');
    expect(keySeasonOf('2026-12-31', '05-31')).toBe('2026-2027');
  });
  it('keeps overdue and due soon apart', () => {
    expect(dueStatus('2026-11-20', '2026-11-21', 7)).toBe('overdue');
    expect(dueStatus('2026-11-21', '2026-11-21', 7)).toBe('due_soon');
    expect(dueStatus('2026-11-28', '2026-11-21', 7)).toBe('due_soon');
    expect(dueStatus('2026-11-29', '2026-11-21', 7)).toBe('on_time');
  });
  it('adds days across months and years, and reads the Helsinki date', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    // 22:30 UTC on 21 Nov is already 22 Nov in Helsinki (UTC+2).
    expect(helsinkiToday(new Date('2026-11-21T22:30:00Z'))).toBe('2026-11-22');
  });
});

describe('names and codes', () => {
  it('matches a confirmed name ignoring case and spacing, not a different name', () => {
    expect(namesMatch('Åsa Öberg', '  åsa   ÖBERG ')).toBe(true);
    expect(namesMatch('Åsa Öberg', 'Asa Oberg')).toBe(false);
    expect(namesMatch('Åsa Öberg', '')).toBe(false);
  });
  it('normalises key codes', () => {
    expect(normaliseKeyCode(' u5764 ')).toBe('U5764');
  });
});
