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
