import { Link } from 'react-router';
import { StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { NATIONAL_LANGUAGES } from '@civic/shared/care-matching';
import type { Vacancy } from '@civic/shared/care';
import type { Candidate } from '@civic/shared/queue';
import { formatDate } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { ClockLabel, clockText, UrgencyLabel } from './labels.tsx';
import { clientHref } from './links.ts';
import { useNameOf } from './names.ts';

/** A reason or lack of the matching rule: a code, maybe points, and the code's own fields. */
type Explanation = Candidate['reasons'][number] & Record<string, unknown>;

/** Reasons that add points (or, for urgency, order before points): "what ranked them". */
const RANKING = [
  'urgency',
  'days_waiting',
  'overdue',
  'preferred_unit',
  'preferred_district',
  'language_offered',
  'couple_room',
];

function explain(t: TFunction, lang: string, e: Explanation, kind: 'reason' | 'lack'): string {
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');
  const values: Record<string, unknown> = { ...e };
  if (e.code === 'urgency') values.urgency = t(`offers.urgency.${str('urgency')}`);
  if (e.code === 'days_waiting') values.days = t('offers.time.days', { count: Number(e.days) });
  if (typeof e.language === 'string') values.language = languageName(e.language, lang);
  if (Array.isArray(e.districts)) values.districts = (e.districts as string[]).join(', ');
  return t(`offers.candidates.${kind}.${e.code}`, { ...values, defaultValue: e.code });
}

/**
 * One ranked candidate as a choice of the offer form: who, how long and where they wait, the legal
 * clock, and the matching rule's own explanation (why they fit, what ranked them, what they lack).
 */
export function CandidateCard({
  candidate,
  vacancy,
  group,
  checked,
  onChoose,
}: {
  candidate: Candidate;
  vacancy: Vacancy;
  group: string;
  checked: boolean;
  onChoose: () => void;
}) {
  const { t, i18n } = useTranslation('offers');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const { entry, rank } = candidate;
  const { client } = entry;
  const id = `${group}-${entry.id}`;
  const name = `${client.firstName} ${client.lastName}`;
  const tagName = new Map(
    [...client.needs, ...vacancy.unit.tags].map((tag) => [tag.code, nameOf(tag.names)] as const),
  );
  const needsMet: Explanation | undefined = candidate.reasons.find((r) => r.code === 'needs_met');
  const needNames = Array.isArray(needsMet?.tags)
    ? (needsMet.tags as string[]).map((code) => tagName.get(code) ?? code)
    : [];
  const ranking = candidate.reasons.filter((r) => RANKING.includes(r.code));
  const twoPlaces = candidate.reasons.find((r) => r.code === 'couple_two_places');
  const waiting = client.waiting;
  const where = waiting
    ? [t(`offers.waiting.${waiting.setting}`), waiting.place ?? waiting.unit?.name].filter(Boolean).join(', ')
    : t('offers.waiting.none');
  const facts = [
    t('offers.candidates.inQueue', { days: t('offers.time.days', { count: entry.clock.daysWaiting }) }),
    entry.position ? t('offers.candidates.position', { position: entry.position }) : null,
    entry.readyDate ? t('offers.candidates.readySince', { date: formatDate(entry.readyDate, lang) }) : null,
    t('offers.candidates.waitsAt', { where }),
  ].filter((x): x is string => !!x);

  return (
    <li className={`candidate${checked ? ' chosen' : ''}`}>
      <div className="candidate-head">
        <input
          type="radio"
          id={id}
          name={group}
          value={entry.id}
          checked={checked}
          onChange={onChoose}
          aria-describedby={`${id}-facts`}
        />
        <h3>
          <label htmlFor={id}>{t('offers.candidates.rankName', { rank, name })}</label>
        </h3>
        <span className="muted">
          {t('offers.common.ageLanguage', { age: client.age, language: languageName(client.language, lang) })}
        </span>
      </div>
      <p className="candidate-labels">
        <UrgencyLabel urgency={entry.urgency} />
        <ClockLabel state={entry.clock.state} />
        {candidate.spouse && <StatusLabel type="info">{t('offers.candidates.couple')}</StatusLabel>}
        {entry.needsReassessment && <StatusLabel type="alert">{t('offers.candidates.reassess')}</StatusLabel>}
      </p>
      <p id={`${id}-facts`}>
        {facts.join(' · ')}
        <br />
        {clockText(t, entry.clock, lang)}
      </p>
      {candidate.spouse && <p>{t('offers.candidates.coupleWith', { name: candidate.spouse.name })}</p>}
      <p className="muted">
        {t('offers.candidates.preferences')}:{' '}
        {[
          entry.preferredUnits.length
            ? t('offers.candidates.preferredUnits', {
                units: entry.preferredUnits.map((u, i) => `${i + 1}. ${u.name}`).join(', '),
              })
            : null,
          entry.preferredDistricts.length
            ? t('offers.candidates.preferredDistricts', { districts: entry.preferredDistricts.join(', ') })
            : null,
        ]
          .filter(Boolean)
          .join('; ') || t('offers.candidates.anyPlace')}
        {entry.refusalCount > 0 && <> · {t('offers.candidates.refusals', { count: entry.refusalCount })}</>}
      </p>
      <div className="candidate-explain">
        <div>
          <h4>{t('offers.candidates.why')}</h4>
          <ul>
            <li>{t('offers.candidates.fits.serviceType', { name: nameOf(vacancy.serviceType.names) })}</li>
            <li>
              {needNames.length
                ? t('offers.candidates.fits.needs', { needs: needNames.join(', ') })
                : t('offers.candidates.fits.noNeeds')}
            </li>
            {(NATIONAL_LANGUAGES as readonly string[]).includes(client.language) && (
              <li>
                {t('offers.candidates.fits.language', { language: languageName(client.language, lang) })}
              </li>
            )}
            {twoPlaces && <li>{explain(t, lang, twoPlaces, 'reason')}</li>}
          </ul>
        </div>
        <div>
          <h4>{t('offers.candidates.ranked')}</h4>
          <ul className="score-parts">
            {ranking.map((r, i) => (
              <li key={`${r.code}-${i}`}>
                <span>{explain(t, lang, r, 'reason')}</span>
                {r.code !== 'urgency' && (
                  <span className="points">{t('offers.candidates.points', { points: r.points ?? 0 })}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="score">{t('offers.candidates.score', { score: candidate.score })}</p>
        </div>
        <div>
          <h4>{t('offers.candidates.lacks')}</h4>
          {candidate.lacks.length ? (
            <ul>
              {candidate.lacks.map((l, i) => (
                <li key={`${l.code}-${i}`}>{explain(t, lang, l, 'lack')}</li>
              ))}
            </ul>
          ) : (
            <p>{t('offers.candidates.noLacks')}</p>
          )}
        </div>
      </div>
      <p>
        <Link to={clientHref(client.id)}>
          {t('offers.candidates.clientPage')}
          <span className="visually-hidden">: {name}</span>
        </Link>
      </p>
    </li>
  );
}
