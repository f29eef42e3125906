import { describe, expect, it } from 'vitest';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o)
    .flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    .sort();

describe('translations', () => {
  it('have the same keys in Finnish, Swedish and English', () => {
    expect(keys(sv)).toEqual(keys(fi));
    expect(keys(en)).toEqual(keys(fi));
  });
  it('have no empty strings', () => {
    for (const dict of [fi, sv, en]) {
      const flat = JSON.stringify(dict);
      expect(flat).not.toMatch(/:""/);
    }
  });
});
