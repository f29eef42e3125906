import { describe, expect, it } from 'vitest';
import { formatDateInput, formatEuro, formatPercent, parseDateInput } from './page.tsx';

describe('number formats', () => {
  it('writes a percentage with as many decimals as asked, also where they are zero', () => {
    // A column of figures reads 97,0 % under 94,9 %, not 97 %.
    expect(formatPercent(97, 'fi')).toBe('97,0\u00a0%');
    expect(formatPercent(94.94, 'sv')).toBe('94,9\u00a0%');
    expect(formatPercent(97, 'en')).toBe('97.0%');
    expect(formatPercent(75, 'fi', 0)).toBe('75\u00a0%');
    expect(formatPercent(null, 'fi')).toBe('–');
  });

  it('writes euros with cents, or whole where cents are noise (a chart axis)', () => {
    expect(formatEuro(160620, 'fi')).toBe('160\u00a0620,00\u00a0€');
    expect(formatEuro(160620, 'fi', false)).toBe('160\u00a0620\u00a0€');
    expect(formatEuro(144.2, 'en', false)).toBe('€144');
  });
});

describe('date field text', () => {
  it('writes a date as it is typed: 5.3.2026 in Finnish and Swedish, 05/03/2026 in English', () => {
    expect(formatDateInput('2026-03-05', 'fi')).toBe('5.3.2026');
    expect(formatDateInput('2026-03-05', 'sv')).toBe('5.3.2026');
    expect(formatDateInput('2026-03-05', 'en')).toBe('05/03/2026');
    expect(formatDateInput('2026-12-31', 'fi')).toBe('31.12.2026');
    expect(formatDateInput('', 'fi')).toBe('');
    expect(formatDateInput(null, 'en')).toBe('');
  });

  it('reads day, month and year in this order in every language, English too', () => {
    expect(parseDateInput('5.3.2026', 'fi')).toBe('2026-03-05');
    expect(parseDateInput('05.03.2026', 'sv')).toBe('2026-03-05');
    expect(parseDateInput('5.3.2026.', 'fi')).toBe('2026-03-05');
    expect(parseDateInput('05/03/2026', 'en')).toBe('2026-03-05');
    expect(parseDateInput('5/3/2026', 'en')).toBe('2026-03-05');
    // Never month first: 03/05 is the 3rd of May.
    expect(parseDateInput('03/05/2026', 'en')).toBe('2026-05-03');
    expect(parseDateInput('12/31/2026', 'en')).toBeNull();
  });

  it('takes whitespace around the text and the separators, and a pasted ISO date', () => {
    expect(parseDateInput('  5.3.2026 ', 'fi')).toBe('2026-03-05');
    expect(parseDateInput('5. 3. 2026', 'fi')).toBe('2026-03-05');
    expect(parseDateInput(' 05 / 03 / 2026', 'en')).toBe('2026-03-05');
    expect(parseDateInput('2026-03-05', 'fi')).toBe('2026-03-05');
    expect(parseDateInput('2026-03-05', 'en')).toBe('2026-03-05');
    expect(parseDateInput('   ', 'fi')).toBe('');
  });

  it('refuses days that do not exist: 31.4., 30.2., 29.2. outside leap years', () => {
    expect(parseDateInput('31.4.2026', 'fi')).toBeNull();
    expect(parseDateInput('30.4.2026', 'fi')).toBe('2026-04-30');
    expect(parseDateInput('29.2.2024', 'fi')).toBe('2024-02-29');
    expect(parseDateInput('29.2.2026', 'fi')).toBeNull();
    expect(parseDateInput('29.2.2000', 'sv')).toBe('2000-02-29');
    expect(parseDateInput('29/02/1900', 'en')).toBeNull();
    expect(parseDateInput('30.2.2024', 'fi')).toBeNull();
    expect(parseDateInput('0.3.2026', 'fi')).toBeNull();
    expect(parseDateInput('5.13.2026', 'fi')).toBeNull();
    expect(parseDateInput('2026-02-30', 'en')).toBeNull();
  });

  it('refuses two-digit years rather than guessing the century, and other text', () => {
    expect(parseDateInput('5.3.26', 'fi')).toBeNull();
    expect(parseDateInput('05/03/26', 'en')).toBeNull();
    expect(parseDateInput('5.3.', 'fi')).toBeNull();
    expect(parseDateInput('5.3.0999', 'fi')).toBeNull();
    expect(parseDateInput('huomenna', 'fi')).toBeNull();
    expect(parseDateInput('5-3-2026', 'fi')).toBeNull();
  });

  it('reads back what it writes', () => {
    for (const lang of ['fi', 'sv', 'en'])
      for (const iso of ['2024-02-29', '2026-01-01', '2026-12-31'])
        expect(parseDateInput(formatDateInput(iso, lang), lang)).toBe(iso);
  });
});
