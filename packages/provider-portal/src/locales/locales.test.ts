import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  featureLocales,
  hasTranslation,
  literalTranslationKeys,
  translationKeys,
} from '@civic/shared/web/testing';
import { PROBLEM_MESSAGES } from '@civic/shared/problem-messages';
import common from '../../../shared/src/web/locales/fi.json';
import commonSv from '../../../shared/src/web/locales/sv.json';
import commonEn from '../../../shared/src/web/locales/en.json';
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';

// The app's strings and each feature's own (loaded with its pages), per language.
const features = featureLocales(path.resolve(import.meta.dirname, '..'));
const dictionaries = (lang: 'fi' | 'sv' | 'en', app: object) => [app, ...features.map((f) => f[lang])];

describe('translations', () => {
  it('have the same keys in Finnish, Swedish and English, none empty', () => {
    for (const [name, f, s, e] of [
      ['app', fi, sv, en] as const,
      ...features.map((x) => [x.name, x.fi, x.sv, x.en] as const),
    ]) {
      expect(translationKeys(s), name).toEqual(translationKeys(f));
      expect(translationKeys(e), name).toEqual(translationKeys(f));
      for (const dict of [f, s, e]) expect(JSON.stringify(dict), name).not.toMatch(/:""/);
    }
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
      const all = [...dictionaries(lang, app), shared, { errors: PROBLEM_MESSAGES[lang] }];
      const missing = used
        .filter(({ key }) => !hasTranslation(key, all))
        .map(({ key, file }) => `${lang}: ${key} (${path.basename(file)})`);
      expect(missing).toEqual([]);
    }
  });
});
