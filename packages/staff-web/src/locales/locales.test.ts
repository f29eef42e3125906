import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { hasTranslation, literalTranslationKeys, translationKeys } from '@civic/shared/web/testing';
import { PROBLEM_MESSAGES } from '@civic/shared/problem-messages';
import common from '../../../shared/src/web/locales/fi.json';
import commonSv from '../../../shared/src/web/locales/sv.json';
import commonEn from '../../../shared/src/web/locales/en.json';
import { NAV_ITEMS } from '../app/nav.ts';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

describe('translations', () => {
  it('have the same keys in Finnish, Swedish and English, none empty', () => {
    expect(translationKeys(sv)).toEqual(translationKeys(fi));
    expect(translationKeys(en)).toEqual(translationKeys(fi));
    for (const dict of [fi, sv, en]) expect(JSON.stringify(dict)).not.toMatch(/:""/);
  });

  // A key that is used but not written shows up as the raw key (`nav.outboxDescription`) on screen.
  it('have a text for every key the app and the shared pieces it uses name, in every language', () => {
    const used = literalTranslationKeys([
      path.resolve(import.meta.dirname, '..'),
      path.resolve(import.meta.dirname, '../../../shared/src/web'),
    ]);
    expect(used.length).toBeGreaterThan(50);
    const languages = [
      [fi, common, 'fi'],
      [sv, commonSv, 'sv'],
      [en, commonEn, 'en'],
    ] as const;
    for (const [app, shared, lang] of languages) {
      const missing = used
        .filter(({ key }) => !hasTranslation(key, [app, shared, { errors: PROBLEM_MESSAGES[lang] }]))
        .map(({ key, file }) => `${lang}: ${key} (${path.basename(file)})`);
      expect(missing).toEqual([]);
    }
  });

  it('describe every area on the front page', () => {
    for (const dict of [fi, sv, en]) {
      for (const item of NAV_ITEMS)
        expect(hasTranslation(`${item.label}Description`, [dict]), item.label).toBe(true);
    }
  });
});
