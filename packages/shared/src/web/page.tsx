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
