import { Link } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@civic/shared/care';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatNumber, formatPercent } from '@civic/shared/web/page';
import { useLiveInvalidation } from '@civic/shared/web/live';
import { careKeys, useAllUnits } from '../api/care.ts';

type Totals = {
  units: number;
  places: number;
  occupied: number;
  reserved: number;
  vacant: number;
  stale: number;
};

function add(units: Unit[]): Totals {
  const t = { units: units.length, places: 0, occupied: 0, reserved: 0, vacant: 0, stale: 0 };
  for (const u of units) {
    if (u.stale) t.stale++;
    for (const c of u.capacity) {
      t.places += c.maxCapacity;
      t.occupied += c.occupied;
      t.reserved += c.reserved;
      t.vacant += c.vacantAccepting;
    }
  }
  return t;
}

/**
 * Care places at a glance, in aggregates only (no client data): places, occupancy and vacant places
 * for the city's own units and purchased ones. The first view of a care viewer (management) and on
 * every care role's front page, until the figures module brings its reports.
 */
export function CareOverview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, isPending, error } = useAllUnits();
  useLiveInvalidation(['care.capacity'], [careKeys.allUnits()]);
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !data) return <ProblemNotice error={error} />;
  const rows = [
    { key: 'own', totals: add(data.filter((u) => u.provider.kind === 'own')) },
    { key: 'purchased', totals: add(data.filter((u) => u.provider.kind === 'purchased')) },
    { key: 'all', totals: add(data) },
  ] as const;
  const all = rows[2].totals;
  return (
    <section className="stack" aria-labelledby="care-overview-title">
      <h2 id="care-overview-title">{t('care.overview.title')}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table numbers">
          <caption>{t('care.overview.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('care.providerKind')}</th>
              <th scope="col">{t('care.overview.units')}</th>
              <th scope="col">{t('care.places')}</th>
              <th scope="col">{t('care.occupied')}</th>
              <th scope="col">{t('care.overview.occupancy')}</th>
              <th scope="col">{t('care.reserved')}</th>
              <th scope="col">{t('care.vacant')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, totals }) => (
              <tr key={key}>
                <th scope="row">{t(key === 'all' ? 'care.overview.all' : `care.kind.${key}`)}</th>
                <td>{formatNumber(totals.units, lang)}</td>
                <td>{formatNumber(totals.places, lang)}</td>
                <td>{formatNumber(totals.occupied, lang)}</td>
                <td>{totals.places ? formatPercent((totals.occupied / totals.places) * 100, lang) : '–'}</td>
                <td>{formatNumber(totals.reserved, lang)}</td>
                <td>{formatNumber(totals.vacant, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="inline-list">
        <li>
          <Link to="/care">{t('care.overview.toBoard', { count: all.vacant })}</Link>
        </li>
        <li>
          <Link to="/care/units?stale=true">{t('care.overview.toStale', { count: all.stale })}</Link>
        </li>
        <li>
          <Link to="/care/units">{t('care.units.title')}</Link>
        </li>
      </ul>
    </section>
  );
}
