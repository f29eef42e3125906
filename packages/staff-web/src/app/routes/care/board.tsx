import { Link, useSearchParams } from 'react-router';
import { Button, ButtonVariant, Checkbox, LoadingSpinner, NumberInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Pager } from '@civic/shared/web/pager';
import { hasAnyRole } from '@civic/shared/roles';
import type { VacancyBoardQuery } from '@civic/shared/care';
import { useMe } from '@civic/shared/web/auth';
import { useBackState } from '@civic/shared/web/back-link';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { filtersToSearchParams, formatDate, formatEuro, usePageTitle } from '@civic/shared/web/page';
import { languageList } from '@civic/shared/web/language-names';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { careKeys, useBoard, useList, useUnits } from '../../../features/care/api/care.ts';
import { useNameOf } from '../../../features/care/components/names.ts';

const PAGE_SIZE = 50;

/** Open places across all providers, longest empty first; the filters live in the address. */
export function VacancyBoardPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('care.board.title'));
  // The offers feature's strings (loaded with this page): the way from a place to its candidates.
  const { t: tOffers } = useTranslation('offers');
  const me = useMe();
  const nameOf = useNameOf();
  const [params, setParams] = useSearchParams();
  const query: VacancyBoardQuery = {
    district: params.getAll('district'),
    serviceTypeId: params.get('serviceTypeId') ?? undefined,
    tagId: params.getAll('tagId'),
    providerKind: (params.get('providerKind') as VacancyBoardQuery['providerKind']) ?? undefined,
    minAgeDays: params.get('minAgeDays') ? Number(params.get('minAgeDays')) : undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: PAGE_SIZE,
  };
  const update = (patch: Partial<VacancyBoardQuery>) => {
    const next = { ...query, page: 1, ...patch };
    setParams(filtersToSearchParams(next), { replace: true });
  };
  const filtered = [...params.keys()].some((k) => k !== 'page');
  const clearFilters = () => setParams(new URLSearchParams(), { replace: true });
  const back = useBackState('care.board.title');
  const { data, isPending, error } = useBoard(query);
  // A place reported, offered or filled anywhere shows here without reloading.
  useLiveInvalidation(['care.vacancies'], [careKeys.boards()]);
  const serviceTypes = useList('service-types');
  const tags = useList('tags');
  // Every district with units, so choosing one does not hide the others.
  const allUnits = useUnits({ pageSize: 200 });
  const districts = [...new Set(allUnits.data?.items.map((u) => u.district) ?? [])];
  const staff = hasAnyRole(me.roles, ['admin', 'care_coordinator']);

  return (
    <section className="stack">
      <h1>{t('care.board.title')}</h1>
      {staff && (
        <div className="button-row">
          <Link className="button-link primary" to="/care/today">
            {t('nav.today')}
          </Link>
          <Link className="button-link" to="/care/offers">
            {tOffers('offers.board.offers')}
          </Link>
          <nav className="button-row" aria-label={t('care.registry')}>
            <Link className="button-link" to="/care/units">
              {t('care.units.title')}
            </Link>
            <Link className="button-link" to="/care/providers">
              {t('care.providers.title')}
            </Link>
            <Link className="button-link" to="/care/lists">
              {t('care.lists.title')}
            </Link>
            <Link className="button-link" to="/care/queue">
              {t('nav.queue')}
            </Link>
          </nav>
        </div>
      )}
      <form
        className="report-filters"
        role="search"
        aria-label={t('care.board.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter-group stack">
          <NativeSelect
            id="board-service-type"
            label={t('care.serviceType')}
            value={query.serviceTypeId ?? ''}
            options={[
              { value: '', label: t('care.board.all') },
              ...(serviceTypes.data
                ?.filter((s) => s.active)
                .map((s) => ({ value: s.id, label: nameOf(s.names) })) ?? []),
            ]}
            onChange={(v) => update({ serviceTypeId: v || undefined })}
          />
          <NativeSelect
            id="board-provider-kind"
            label={t('care.providerKind')}
            value={query.providerKind ?? ''}
            options={[
              { value: '', label: t('care.board.all') },
              { value: 'own', label: t('care.kind.own') },
              { value: 'purchased', label: t('care.kind.purchased') },
            ]}
            onChange={(v) => update({ providerKind: (v || undefined) as VacancyBoardQuery['providerKind'] })}
          />
          <NumberInput
            id="board-min-age"
            label={t('care.board.minAge')}
            min={0}
            value={query.minAgeDays ?? ''}
            onChange={(e) =>
              update({ minAgeDays: e.target.value === '' ? undefined : Number(e.target.value) })
            }
          />
        </div>
        <fieldset className="plain-fieldset filter-group">
          <legend>{t('care.tags')}</legend>
          {tags.data
            ?.filter((x) => x.active)
            .map((tag) => (
              <Checkbox
                key={tag.id}
                id={`board-tag-${tag.code}`}
                label={nameOf(tag.names)}
                checked={query.tagId?.includes(tag.id) ?? false}
                onChange={(e) =>
                  update({
                    tagId: e.target.checked
                      ? [...(query.tagId ?? []), tag.id]
                      : (query.tagId ?? []).filter((x) => x !== tag.id),
                  })
                }
              />
            ))}
        </fieldset>
        <fieldset className="plain-fieldset choice-columns board-districts">
          <legend>
            {t('care.district')}
            {query.district?.length ? ` (${t('care.board.chosen', { count: query.district.length })})` : ''}
          </legend>
          {[...new Set([...(query.district ?? []), ...districts])]
            .sort((a, b) => a.localeCompare(b, i18n.language))
            .map((d) => (
              <Checkbox
                key={d}
                id={`board-district-${d}`}
                label={d}
                checked={query.district?.includes(d) ?? false}
                onChange={(e) =>
                  update({
                    district: e.target.checked
                      ? [...(query.district ?? []), d]
                      : (query.district ?? []).filter((x) => x !== d),
                  })
                }
              />
            ))}
        </fieldset>
        {filtered && (
          <div className="board-clear">
            <Button type="button" variant={ButtonVariant.Secondary} onClick={clearFilters}>
              {t('care.board.clearFilters')}
            </Button>
          </div>
        )}
      </form>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : data?.total === 0 ? (
        <div className="empty-state" role="status">
          <p>{t(filtered ? 'care.board.noneMatching' : 'care.board.none')}</p>
          {filtered && (
            <Button type="button" onClick={clearFilters}>
              {t('care.board.clearFilters')}
            </Button>
          )}
        </div>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('care.board.caption', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('care.board.empty')}</th>
                <th scope="col">{t('care.unit')}</th>
                <th scope="col">{t('care.district')}</th>
                <th scope="col">{t('care.serviceType')}</th>
                <th scope="col">{t('care.tags')}</th>
                <th scope="col">{t('care.provider')}</th>
                <th scope="col">{t('care.dailyPrice')}</th>
                <th scope="col">{t('care.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    <strong>{t('care.board.days', { count: v.ageDays })}</strong>
                    <br />
                    <span className="muted">
                      {t('care.board.since', { date: formatDate(v.availableFrom, i18n.language) })}
                    </span>
                    <br />
                    <Link to={`/care/vacancies/${v.id}`} state={back}>
                      {tOffers('offers.board.open')}
                      <span className="visually-hidden">: {v.unit.name}</span>
                    </Link>
                  </td>
                  <td>
                    <Link to={`/care/units/${v.unit.id}`} state={back}>
                      {v.unit.name}
                    </Link>
                    <br />
                    <span className="muted">{languageList(v.unit.languages, i18n.language)}</span>
                  </td>
                  <td>{v.unit.district}</td>
                  <td>{nameOf(v.serviceType.names)}</td>
                  <td>{v.unit.tags.map((tag) => nameOf(tag.names)).join(', ') || '–'}</td>
                  <td>
                    {v.provider.name}
                    <br />
                    <span className="muted">{t(`care.kind.${v.provider.kind}`)}</span>
                  </td>
                  <td>{formatEuro(v.dailyPrice, i18n.language)}</td>
                  <td>{v.notes ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > 0 && (
        <Pager
          page={query.page ?? 1}
          total={data.total}
          pageSize={PAGE_SIZE}
          onPage={(page) => update({ page })}
        />
      )}
    </section>
  );
}
