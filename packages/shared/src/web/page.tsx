import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);

/** A date (YYYY-MM-DD) or timestamp as people in Helsinki read it. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '–';
  const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'Europe/Helsinki' }).format(
    date,
  );
}

/**
 * A date (YYYY-MM-DD) as it is typed in a date field: `5.3.2026` in Finnish and Swedish,
 * `05/03/2026` in English (day/month/year, as in the UK). Empty for no date, and the text as it
 * is for anything that is not an ISO date.
 */
export function formatDateInput(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'en' ? `${d}/${mo}/${y}` : `${Number(d)}.${Number(mo)}.${y}`;
}

/** The day a date field's text names, as YYYY-MM-DD: '' when empty, null when no such day. */
export function parseDateInput(text: string, lang: string): string | null {
  const s = text.trim();
  if (s === '') return '';
  // A pasted ISO date is taken as it is, in every language.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  // Day, month and year in this order in all three languages: dots in Finnish and Swedish, slashes
  // in English (either is taken in each, never month first). A final dot after the year is allowed
  // (`5.3.2026.`); the year has four digits: `5.3.26` is refused, not guessed.
  const dmy =
    lang === 'en'
      ? /^(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})$/.exec(s)
      : /^(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})\.?$/.exec(s);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (y < 1000 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A time of day (`12.34`, `12:34`), Helsinki time. */
export function formatTime(value: Date | string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(
    new Date(value),
  );
}

/** A number as the language writes it (`1 234,5` in Finnish and Swedish, `1,234.5` in English). */
export function formatNumber(value: number | null | undefined, lang: string, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value);
}

/**
 * A percentage given as 0–100 (`97,8 %` in Finnish, `97.8%` in English), always with `digits`
 * decimals, so a column reads `97,0 %` under `94,9 %` rather than `97 %`.
 */
export function formatPercent(value: number | null | undefined, lang: string, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

/** Euros with cents (`144,20 €`, `€144.20`), or in whole euros (`144 €`) where cents are noise. */
export function formatEuro(value: number | null | undefined, lang: string, cents = true): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'EUR',
    ...(cents ? {} : { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
  }).format(value);
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  }).format(new Date(value));
}

/** Sets the page title as "<page> – <app>", translated. */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.title')}`;
  }, [title, t]);
}

/** Saves a downloaded file with the name the server gave it. */
export function saveFile({ blob, filename }: { blob: Blob; filename: string }) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A list page's filters as address parameters (so a view can be bookmarked and shared): arrays
 * repeat the key, empty and false values and the page size are left out.
 */
export function filtersToSearchParams(filters: Record<string, unknown>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'pageSize' || v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => out.append(k, String(x)));
    else out.set(k, String(v));
  }
  return out;
}
