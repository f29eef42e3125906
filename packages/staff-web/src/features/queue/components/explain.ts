import { useTranslation } from 'react-i18next';
import type { PlaceMatch } from '@civic/shared/queue';
import { languageName } from '@civic/shared/web/language-names';
import { formatNumber } from '@civic/shared/web/page';
import { useCareList } from '../api/get-care-list.ts';
import { useNameOf } from './names.ts';

type Explanation = PlaceMatch['reasons'][number];

/**
 * The matching rule's reasons and lacks (`care-matching.ts`) in words: what ranked a place and
 * what it does not give. Tags come as codes and are named from the managed list.
 */
export function useExplain() {
  const { t, i18n } = useTranslation('queue');
  const nameOf = useNameOf();
  const tags = useCareList('tags');
  const tagName = (code: string) => {
    const tag = tags.data?.find((x) => x.code === code);
    return tag ? nameOf(tag.names) : code;
  };
  const list = (items: string[]) =>
    new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, {
      type: 'conjunction',
    }).format(items);
  return (e: Explanation): string => {
    // The contract keeps each code's own fields open (additionalProperties); these are the rule's.
    const { urgency, language, tags: needs, districts } = e as Record<string, unknown>;
    const values: Record<string, unknown> = { ...e };
    if (typeof urgency === 'string') values.urgency = t(`queue.urgencyClass.${urgency}`);
    if (typeof language === 'string') values.language = languageName(language, i18n.language);
    if (Array.isArray(needs)) values.tags = list((needs as string[]).map(tagName));
    if (Array.isArray(districts)) values.districts = list(districts as string[]);
    const text = t(`queue.explain.${e.code}`, { ...values, defaultValue: e.code });
    return e.points ? `${text} (+${formatNumber(e.points, i18n.language, 0)})` : text;
  };
}
