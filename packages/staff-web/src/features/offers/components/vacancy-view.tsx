import { LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '@civic/shared/roles';
import { ApiError } from '@civic/shared/http-client';
import { useMe } from '@civic/shared/web/auth';
import { BackLink } from '@civic/shared/web/back-link';
import { usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useVacancy } from '../api/get-vacancy.ts';
import { CandidatesSection } from './candidates-section.tsx';
import { LiveOfferNotice } from './live-offer-notice.tsx';
import { VacancyFacts } from './vacancy-facts.tsx';
import './offers.css';

/**
 * A place on the board: its facts for every care role; for coordinators also its ranked candidates
 * and the offer action while it is open, or the live offer holding it. A care viewer never sees
 * candidates (the API refuses them their personal data).
 */
export function VacancyView({ id, entryId }: { id: string; entryId: string | null }) {
  const { t } = useTranslation('offers');
  const me = useMe();
  const staff = hasAnyRole(me.roles, ['admin', 'care_coordinator']);
  const { data: vacancy, isPending, error } = useVacancy(id);
  usePageTitle(vacancy ? t('offers.vacancy.title', { unit: vacancy.unit.name }) : t('offers.vacancy.backTo'));

  return (
    <section className="stack offers-page">
      <BackLink fallback={{ to: '/care', label: 'care.board.title' }} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : !vacancy ? (
        error instanceof ApiError && error.status === 404 ? (
          <>
            <h1>{t('offers.vacancy.backTo')}</h1>
            <Notification type="error" label={t('offers.vacancy.notFound')} />
          </>
        ) : (
          <ProblemNotice error={error} />
        )
      ) : (
        <>
          <h1>{t('offers.vacancy.title', { unit: vacancy.unit.name })}</h1>
          <VacancyFacts vacancy={vacancy} />
          {vacancy.status === 'open' && staff && <CandidatesSection vacancy={vacancy} entryId={entryId} />}
          {vacancy.status === 'offered' &&
            (staff ? <LiveOfferNotice vacancy={vacancy} /> : <p>{t('offers.vacancy.offeredNoAccess')}</p>)}
          {(vacancy.status === 'filled' || vacancy.status === 'withdrawn') && (
            <p className="note-box">{t(`offers.vacancy.notOfferable.${vacancy.status}`)}</p>
          )}
        </>
      )}
    </section>
  );
}
