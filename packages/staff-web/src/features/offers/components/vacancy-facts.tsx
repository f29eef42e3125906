import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@civic/shared/care';
import { formatDate, formatDateTime, formatEuro } from '@civic/shared/web/page';
import { languageList } from '@civic/shared/web/language-names';
import { VacancyStatusLabel } from './labels.tsx';
import { unitHref } from './links.ts';
import { useNameOf } from './names.ts';

/** What every care role may know of a place: where it is, whose, what kind, since when empty. */
export function VacancyFacts({ vacancy }: { vacancy: Vacancy }) {
  const { t, i18n } = useTranslation('offers');
  const nameOf = useNameOf();
  const lang = i18n.language;
  return (
    <section aria-labelledby="vacancy-facts">
      <h2 id="vacancy-facts" className="visually-hidden">
        {t('offers.vacancy.facts')}
      </h2>
      <dl className="facts">
        <dt>{t('offers.common.status')}</dt>
        <dd>
          <VacancyStatusLabel status={vacancy.status} />
        </dd>
        <dt>{t('care.unit')}</dt>
        <dd>
          <Link to={unitHref(vacancy.unit.id)}>{vacancy.unit.name}</Link>, {vacancy.unit.district}
        </dd>
        <dt>{t('care.provider')}</dt>
        <dd>
          {vacancy.provider.name} ({t(`care.kind.${vacancy.provider.kind}`)})
        </dd>
        <dt>{t('care.serviceType')}</dt>
        <dd>{nameOf(vacancy.serviceType.names)}</dd>
        <dt>{t('care.tags')}</dt>
        <dd>
          {vacancy.unit.tags.length ? (
            <ul className="tag-list">
              {vacancy.unit.tags.map((tag) => (
                <li key={tag.id}>{nameOf(tag.names)}</li>
              ))}
            </ul>
          ) : (
            t('offers.vacancy.noTags')
          )}
        </dd>
        <dt>{t('care.languages')}</dt>
        <dd>{languageList(vacancy.unit.languages, lang)}</dd>
        <dt>{t('offers.vacancy.availableFrom')}</dt>
        <dd>
          {t('offers.vacancy.emptyFor', {
            date: formatDate(vacancy.availableFrom, lang),
            days: t('care.board.days', { count: vacancy.ageDays }),
          })}
        </dd>
        <dt>{t('care.dailyPrice')}</dt>
        <dd>{formatEuro(vacancy.dailyPrice, lang)}</dd>
        <dt>{t('offers.vacancy.reported')}</dt>
        <dd>
          {vacancy.reportedBy
            ? t('offers.vacancy.reportedBy', {
                when: formatDateTime(vacancy.reportedAt, lang),
                who: vacancy.reportedBy,
              })
            : formatDateTime(vacancy.reportedAt, lang)}
        </dd>
        {vacancy.notes && (
          <>
            <dt>{t('care.notes')}</dt>
            <dd>{vacancy.notes}</dd>
          </>
        )}
        {vacancy.withdrawnReason && (
          <>
            <dt>{t('offers.vacancy.withdrawnReason')}</dt>
            <dd>{vacancy.withdrawnReason}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
