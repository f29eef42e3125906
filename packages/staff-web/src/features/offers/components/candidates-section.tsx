import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, ButtonVariant, Checkbox, LoadingSpinner, TextArea } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { maxDate } from '@civic/shared/dates';
import type { Vacancy } from '@civic/shared/care';
import { CreateOfferSchema, type Candidate, type CandidateList, type CreateOffer } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';
import { formatDate } from '@civic/shared/web/page';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { CANDIDATES_FIRST, CANDIDATES_MAX, useCandidates } from '../api/get-candidates.ts';
import { useCreateOffer } from '../api/create-offer.ts';
import { useUnitOpenVacancies } from '../api/get-unit-open-vacancies.ts';
import { CandidateCard } from './candidate-card.tsx';
import { offerHref, vacancyHref } from './links.ts';
import { OfferProblem } from './offer-problem.tsx';
import { helsinkiToday } from './time.ts';
import { DateField } from '@civic/shared/web/date-field';

type FieldErrors = Partial<Record<'pickReason' | 'intendedMoveIn', string>>;

/** The candidate a `?entry=` address names: the entry itself, or a couple's spouse shown under it. */
const findEntry = (candidates: readonly Candidate[], entryId: string | null) =>
  entryId ? candidates.find((c) => c.entry.id === entryId || c.spouse?.entryId === entryId) : undefined;

/**
 * The ranked candidates of an open place and the offer, in a few clicks: the top candidate is
 * chosen already (or the one the address names); choosing a lower one asks for the reason the API
 * keeps with the offer.
 */
export function CandidatesSection({ vacancy, entryId }: { vacancy: Vacancy; entryId: string | null }) {
  const { t } = useTranslation('offers');
  const [limit, setLimit] = useState(CANDIDATES_FIRST);
  const { data, isPending, error, isFetching } = useCandidates(vacancy.id, limit, true);
  const wanted = data ? findEntry(data.candidates, entryId) : undefined;
  // A client opened from their own page may rank below the first ones: ask for the rest once.
  const lookFurther = !!entryId && !!data && !wanted && data.total > data.candidates.length;
  useEffect(() => {
    if (lookFurther && limit < CANDIDATES_MAX) setLimit(CANDIDATES_MAX);
  }, [lookFurther, limit]);

  return (
    <section aria-labelledby="candidates-title" className="stack">
      <h2 id="candidates-title">{t('offers.candidates.title')}</h2>
      {isPending ? (
        <LoadingSpinner small loadingText={t('offers.candidates.loading')} />
      ) : error ? (
        <ProblemNotice error={error} />
      ) : (
        <>
          <CandidateSummary list={data} />
          {entryId && !wanted && !isFetching && !(lookFurther && limit < CANDIDATES_MAX) && (
            <Notification type="info" label={t('offers.candidates.entryNotFound')} />
          )}
          {data.candidates.length > 0 && (
            <OfferForm
              key={vacancy.id}
              vacancy={vacancy}
              list={data}
              preselected={wanted ?? data.candidates[0]!}
            />
          )}
          {data.total > data.candidates.length && limit < CANDIDATES_MAX && (
            <Button
              variant={ButtonVariant.Secondary}
              onClick={() => setLimit(CANDIDATES_MAX)}
              disabled={isFetching}
            >
              {t('offers.candidates.showAll', { count: Math.min(data.total, CANDIDATES_MAX) })}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function CandidateSummary({ list }: { list: CandidateList }) {
  const { t } = useTranslation('offers');
  const excluded = Object.entries(list.excluded).filter(([, n]) => n > 0);
  const excludedTotal = excluded.reduce((sum, [, n]) => sum + n, 0);
  return (
    <>
      {list.total === 0 ? (
        <div className="empty-state" role="status">
          <p>{t('offers.candidates.none')}</p>
        </div>
      ) : (
        <p>
          {t('offers.candidates.intro', { count: list.total })}{' '}
          {list.total > list.candidates.length &&
            t('offers.candidates.shown', { shown: list.candidates.length })}{' '}
          <span className="muted">{t('offers.candidates.order')}</span>
        </p>
      )}
      {excludedTotal > 0 && (
        <details className="excluded">
          <summary>{t('offers.candidates.excluded', { count: excludedTotal })}</summary>
          <ul>
            {excluded
              .sort(([, a], [, b]) => b - a)
              .map(([code, n]) => (
                <li key={code}>
                  {t(`offers.candidates.excludedReason.${code}`, { defaultValue: code })}: {n}
                </li>
              ))}
          </ul>
        </details>
      )}
    </>
  );
}

function OfferForm({
  vacancy,
  list,
  preselected,
}: {
  vacancy: Vacancy;
  list: CandidateList;
  preselected: Candidate;
}) {
  const { t, i18n } = useTranslation('offers');
  const navigate = useNavigate();
  const group = useId();
  const create = useCreateOffer();
  const [chosenId, setChosenId] = useState(preselected.entry.id);
  const chosen = list.candidates.find((c) => c.entry.id === chosenId) ?? preselected;
  const today = helsinkiToday();
  const [intendedMoveIn, setIntendedMoveIn] = useState(maxDate(today, vacancy.availableFrom));
  const [interim, setInterim] = useState(false);
  const [note, setNote] = useState('');
  const [pickReason, setPickReason] = useState('');
  const [spouseVacancy, setSpouseVacancy] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submitting = useRef(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const notTop = chosen.rank > 1;
  const others = useUnitOpenVacancies(vacancy.unit.id, vacancy.serviceType.id, !!chosen.spouse);
  const secondPlaces = (others.data?.items ?? []).filter((v) => v.id !== vacancy.id);
  const secondPlace = chosen.spouse ? (spouseVacancy ?? chosen.spouse.vacancyId) : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (submitting.current || create.isPending) return;
    const body: CreateOffer = {
      vacancyId: vacancy.id,
      entryId: chosen.entry.id,
      intendedMoveIn,
      ...(interim ? { interim: true } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(notTop ? { pickReason: pickReason.trim() } : {}),
      ...(secondPlace ? { spouseVacancyId: secondPlace } : {}),
    };
    const found: FieldErrors = {};
    if (notTop && !pickReason.trim()) found.pickReason = t('offers.form.pickReasonRequired');
    if (!intendedMoveIn) found.intendedMoveIn = t('offers.form.moveInRequired');
    else if (intendedMoveIn < today) found.intendedMoveIn = t('offers.form.moveInPast');
    const checked = validate(CreateOfferSchema, body);
    if (!checked.ok) {
      for (const f of checked.errors) {
        if (f.field === '/pickReason') found.pickReason ??= t('offers.form.pickReasonRequired');
        if (f.field === '/intendedMoveIn') found.intendedMoveIn ??= t('offers.form.moveInRequired');
      }
    }
    setErrors(found);
    if (found.pickReason) reasonRef.current?.focus();
    else if (found.intendedMoveIn) document.getElementById(`${group}-move-in`)?.focus();
    if (Object.keys(found).length || !checked.ok) return;
    submitting.current = true;
    create.mutate(checked.value, {
      onSuccess: (offer) =>
        navigate(offerHref(offer.id), {
          state: {
            created: true,
            back: { to: vacancyHref(vacancy.id), label: 'offers:offers.vacancy.backTo' },
          },
        }),
      onSettled: () => {
        submitting.current = false;
      },
    });
  };

  return (
    <form className="offer-layout" onSubmit={submit} noValidate>
      <fieldset className="plain-fieldset candidates">
        <legend>{t('offers.candidates.choose')}</legend>
        <p className="muted">{t('offers.candidates.chooseHelp')}</p>
        <p>
          <a href={`#${group}-panel`}>{t('offers.form.jumpToForm')}</a>
        </p>
        <ol className="candidate-list">
          {list.candidates.map((c) => (
            <CandidateCard
              key={c.entry.id}
              candidate={c}
              vacancy={vacancy}
              group={group}
              checked={c.entry.id === chosen.entry.id}
              onChoose={() => {
                setChosenId(c.entry.id);
                setSpouseVacancy(null);
                setErrors({});
              }}
            />
          ))}
        </ol>
      </fieldset>
      <div className="offer-panel stack" id={`${group}-panel`} tabIndex={-1}>
        <h3>{t('offers.form.title')}</h3>
        <p aria-live="polite">
          <strong>
            {t('offers.form.chosen', {
              rank: chosen.rank,
              name: `${chosen.entry.client.firstName} ${chosen.entry.client.lastName}`,
            })}
          </strong>
        </p>
        {notTop && (
          <>
            <p className="note-box">{t('offers.form.notTop')}</p>
            <TextArea
              id={`${group}-pick-reason`}
              ref={reasonRef}
              label={t('offers.form.pickReason')}
              required
              value={pickReason}
              maxLength={1000}
              invalid={!!errors.pickReason}
              errorText={errors.pickReason}
              onChange={(e) => setPickReason(e.target.value)}
            />
          </>
        )}
        {chosen.spouse && (
          <div className="stack">
            <p>
              <strong>{t('offers.form.coupleTitle')}</strong>
              <br />
              {t('offers.candidates.coupleWith', { name: chosen.spouse.name })}
            </p>
            {secondPlaces.length > 1 && (
              <NativeSelect
                id={`${group}-second-place`}
                label={t('offers.form.secondPlace')}
                value={secondPlace ?? ''}
                options={secondPlaces.map((v) => ({
                  value: v.id,
                  label: t('offers.form.secondPlaceOption', {
                    date: formatDate(v.availableFrom, i18n.language),
                  }),
                }))}
                onChange={setSpouseVacancy}
              />
            )}
            <p className="muted">{t('offers.form.secondPlaceHelp')}</p>
          </div>
        )}
        <DateField
          id={`${group}-move-in`}
          label={t('offers.form.intendedMoveIn')}
          helperText={t('offers.form.intendedMoveInHelp')}
          required
          min={today}
          value={intendedMoveIn}
          invalid={!!errors.intendedMoveIn}
          errorText={errors.intendedMoveIn}
          onChange={setIntendedMoveIn}
        />
        <Checkbox
          id={`${group}-interim`}
          label={t('offers.form.interim')}
          checked={interim}
          onChange={(e) => setInterim(e.target.checked)}
        />
        <TextArea
          id={`${group}-note`}
          label={t('offers.form.note')}
          helperText={t('offers.form.noteHelp')}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <OfferProblem error={create.error} />
        <Button type="submit" disabled={create.isPending}>
          {t('offers.form.submit')}
        </Button>
        {create.isPending && (
          <p role="status" className="muted">
            {t('offers.form.submitting')}
          </p>
        )}
      </div>
    </form>
  );
}
