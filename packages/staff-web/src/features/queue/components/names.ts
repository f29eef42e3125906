import { useTranslation } from 'react-i18next';
import type { Names } from '@civic/shared/care';
import type { Waiting } from '@civic/shared/queue';
import { formatDate } from '@civic/shared/web/page';

/** The name of a managed-list item (service type, need) in the UI language. */
export function useNameOf() {
  const { i18n } = useTranslation();
  const lang = i18n.language as keyof Names;
  return (names: Names) => names[lang] ?? names.fi;
}

/** Where a client waits now, in words: "In hospital: Laakson sairaala, osasto 7"; or that they wait nowhere. */
export function useWaitingText() {
  const { t, i18n } = useTranslation('queue');
  return (waiting: Waiting | null, withSince = false) => {
    if (!waiting) return t('queue.waitingNowhere');
    const place = waiting.unit?.name ?? waiting.place;
    const text = place
      ? t('queue.waitingAt', { setting: t(`queue.waiting.${waiting.setting}`), place })
      : t(`queue.waiting.${waiting.setting}`);
    return withSince
      ? `${text} ${t('queue.since', { date: formatDate(waiting.since, i18n.language) })}`
      : text;
  };
}

/** A person's name as lists show it: last name first, so a list reads alphabetically. */
export const listName = (p: { firstName: string; lastName: string }) => `${p.lastName}, ${p.firstName}`;
export const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
