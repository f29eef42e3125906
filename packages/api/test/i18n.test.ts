import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@civic/shared/common';
import { PROBLEM_MESSAGES } from '@civic/shared/problem-messages';
import { ERROR_CODES } from '@civic/shared/problem';
import fi from '../../shared/src/web/locales/fi.json';
import sv from '../../shared/src/web/locales/sv.json';
import en from '../../shared/src/web/locales/en.json';
import { RENTER_MAIL, STAFF_MAIL } from '../src/modules/keys/messages.ts';
import { STALE_MAIL } from '../src/modules/care/jobs.ts';
import { INVITATION_MAIL } from '../src/modules/users/invitations.ts';

/**
 * Texts the server writes itself (e-mails; problem messages the apps show for its error codes) get
 * the same completeness check as the apps' JSON: every text in Finnish, Swedish and English, none
 * empty, none left untranslated, every value it is given printed.
 */
const MAILS = { RENTER_MAIL, STAFF_MAIL, STALE_MAIL, INVITATION_MAIL } as Record<
  string,
  Record<string, Record<string, unknown>>
>;

/** Calls a message template with distinct, recognisable arguments (booleans both ways). */
function render(template: unknown): { text: string; args: string[] }[] {
  if (typeof template === 'string') return [{ text: template, args: [] }];
  if (typeof template !== 'function') throw new Error(`not a text: ${String(template)}`);
  const fn = template as (...a: unknown[]) => unknown;
  const args = Array.from({ length: fn.length }, (_, i) => `ARG${i}`);
  return [true, false].map((flag) => {
    const given = args.map((a, i) => (fn.toString().includes(`overdue`) && i === fn.length - 1 ? flag : a));
    return { text: String(fn(...given)), args: given.filter((a): a is string => typeof a === 'string') };
  });
}

describe('server-side texts', () => {
  for (const [name, mail] of Object.entries(MAILS)) {
    it(`${name}: every message in fi, sv and en, each printing what it is given`, () => {
      const keys = Object.keys(mail.fi!).sort();
      expect(keys.length).toBeGreaterThan(0);
      for (const lang of LANGUAGES) {
        expect(Object.keys(mail[lang] ?? {}).sort(), `${name}.${lang}`).toEqual(keys);
        for (const key of keys) {
          for (const { text, args } of render(mail[lang]![key])) {
            expect(text.trim(), `${name}.${lang}.${key}`).not.toBe('');
            expect(text, `${name}.${lang}.${key}`).not.toMatch(/\bundefined\b|\bnull\b|\[object/);
            for (const a of args) expect(text, `${name}.${lang}.${key} prints ${a}`).toContain(a);
          }
        }
      }
      // Not a copy of the Finnish: the bodies differ in every language.
      for (const key of keys) {
        const texts = LANGUAGES.map((l) => render(mail[l]![key])[0]!.text);
        expect(new Set(texts).size, `${name}.${key} is translated`).toBe(3);
      }
    });
  }

  it('has a message for every problem code in fi, sv and en, each its own translation', () => {
    for (const code of [...ERROR_CODES, 'network_error' as const]) {
      const texts = LANGUAGES.map((l) => PROBLEM_MESSAGES[l][code]);
      for (const [i, text] of texts.entries()) expect(text?.trim(), `${LANGUAGES[i]}.${code}`).toBeTruthy();
      expect(new Set(texts).size, `${code} is translated`).toBe(3);
    }
  });

  it('tells every refusal reason of the care figures in words, in fi, sv and en', () => {
    for (const reason of [
      'no_free_place',
      'no_occupied_place',
      'closed_to_admissions',
      'figures_out_of_step',
    ]) {
      const texts = [fi, sv, en].map((d) => (d.problemReasons as Record<string, string>)[reason]);
      expect(texts.every(Boolean), reason).toBe(true);
      expect(new Set(texts).size, reason).toBe(3);
    }
  });
});
