import { describe, expect, it } from 'vitest';
import { SSO_ERROR_CODES } from '../auth.ts';
import { LANGUAGES } from '../common.ts';
import { SSO_TEXTS } from './login-sso.tsx';

describe('single sign-on texts', () => {
  it('exist in every language, with every refusal explained', () => {
    for (const lang of LANGUAGES) {
      expect(SSO_TEXTS[lang].button, lang).toBeTruthy();
      expect(SSO_TEXTS[lang].or, lang).toBeTruthy();
      expect(SSO_TEXTS[lang].cancelledTitle, lang).toBeTruthy();
      for (const code of SSO_ERROR_CODES)
        expect(SSO_TEXTS[lang].errors[code], `${lang}.${code}`).toBeTruthy();
    }
  });
});
