import { describe, expect, it } from 'vitest';
import { formatEuro, formatPercent } from './page.tsx';

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
