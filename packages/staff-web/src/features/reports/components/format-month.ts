const locale = (lang: string) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);

/**
 * `2026-03` as the language writes a month: `maalis 2026`, `mars 2026`, `Mar 2026`, the month and
 * the year joined by a no-break space, so a narrow table column or chart axis never splits them.
 */
export function formatMonth(month: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${month}-15T12:00:00Z`))
    .replace(/\s+/g, '\u00a0');
}
