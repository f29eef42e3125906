import { describe, expect, it } from 'vitest';
import { translationKeys } from '@civic/shared/web/testing';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

describe('translations', () => {
  it('have the same keys in Finnish, Swedish and English, none empty', () => {
    expect(translationKeys(sv)).toEqual(translationKeys(fi));
    expect(translationKeys(en)).toEqual(translationKeys(fi));
    for (const dict of [fi, sv, en]) expect(JSON.stringify(dict)).not.toMatch(/:""/);
  });
});
