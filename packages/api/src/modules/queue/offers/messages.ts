import type { Language } from '@civic/shared/common';

const when = (at: Date, language: Language) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-FI`, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);

/**
 * The e-mail a provider's staff get about a new offer. Deliberately without any personal data:
 * the client's details are read in the portal, where the access is logged.
 */
export const NEW_OFFER_MAIL: Record<
  Language,
  {
    subject: (unit: string) => string;
    body: (unit: string, places: number, due: Date, url: string) => string;
  }
> = {
  fi: {
    subject: (unit) => `Uusi hoitopaikkatarjous: ${unit}`,
    body: (unit, places, due, url) =>
      `Hei,\n\nyksikköön ${unit} on tehty uusi asiakastarjous (${places === 2 ? 'pariskunnalle kaksi paikkaa' : 'yksi paikka'}).\n\nVahvistakaa tai hylätkää tarjous viimeistään ${when(due, 'fi')}: ${url}\n\nHelsingin kaupunki`,
  },
  sv: {
    subject: (unit) => `Nytt erbjudande om vårdplats: ${unit}`,
    body: (unit, places, due, url) =>
      `Hej,\n\nett nytt klienterbjudande har gjorts till enheten ${unit} (${places === 2 ? 'två platser för ett par' : 'en plats'}).\n\nBekräfta eller avböj erbjudandet senast ${when(due, 'sv')}: ${url}\n\nHelsingfors stad`,
  },
  en: {
    subject: (unit) => `New placement offer: ${unit}`,
    body: (unit, places, due, url) =>
      `Hello,\n\na new client offer has been made to ${unit} (${places === 2 ? 'two places for a couple' : 'one place'}).\n\nPlease confirm or decline it by ${when(due, 'en')}: ${url}\n\nCity of Helsinki`,
  },
};
