import { describe, expect, it } from 'vitest';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';
import { PROBLEM_MESSAGES } from '../../problem-messages.ts';
import { ERROR_CODES } from '../../problem.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o)
    .flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    .sort();

describe('shared translations', () => {
  it('have the same keys in Finnish, Swedish and English', () => {
    expect(keys(sv)).toEqual(keys(fi));
    expect(keys(en)).toEqual(keys(fi));
  });
  it('translate every problem code in every language', () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      for (const code of ERROR_CODES) expect(PROBLEM_MESSAGES[lang][code], `${lang}.${code}`).toBeTruthy();
    }
  });
});
