import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { capacityProblems, type CapacityFigures } from '@civic/shared/care-capacity';
import { ApiError } from '@civic/shared/http-client';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useBulkCapacity, useDashboard } from '../../features/care/api/portal.ts';
import { Freshness, useNameOf } from '../../features/care/components/freshness.tsx';

const FIELDS = ['maxCapacity', 'occupied', 'reserved', 'vacantAccepting'] as const;

/**
 * Every unit and service type on one screen. Changed rows are saved as new figures, the rest are
 * confirmed as unchanged; all together or, if any row is wrong, none.
 */
export function BulkPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.bulk'));
  const nameOf = useNameOf();
  const { data, isPending, error } = useDashboard();
  const bulk = useBulkCapacity();
  const [edits, setEdits] = useState<Record<string, CapacityFigures>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const rows = useMemo(
    () =>
      data?.units.flatMap((u) =>
        u.capacity.map((c) => ({ unit: u, c, key: `${u.id}:${c.serviceType.id}` })),
      ) ?? [],
    [data],
  );
  const serverErrors = bulk.error instanceof ApiError ? bulk.error.fieldErrors : [];

  function figuresOf(key: string, c: CapacityFigures): CapacityFigures {
    return (
      edits[key] ?? {
        maxCapacity: c.maxCapacity,
        occupied: c.occupied,
        reserved: c.reserved,
        vacantAccepting: c.vacantAccepting,
        closedToAdmissions: c.closedToAdmissions,
      }
    );
  }

  function save() {
    setSaved(null);
    bulk.mutate(
      {
        items: rows.map(({ unit, c, key }) => ({
          unitId: unit.id,
          serviceTypeId: c.serviceType.id,
          version: c.version,
          ...(edits[key] ? { figures: edits[key] } : {}),
        })),
      },
      {
        onSuccess: (r) => {
          setSaved(r.saved);
          setEdits({});
        },
      },
    );
  }

  const invalid = rows.some(({ key, c }) => edits[key] && capacityProblems(figuresOf(key, c)).length > 0);
  return (
    <section className="stack">
      <p>
        <Link to="/">← {t('app.title')}</Link>
      </p>
      <h1>{t('nav.bulk')}</h1>
      <p>{t('bulk.intro')}</p>
      <ProblemNotice error={error ?? (bulk.error && !serverErrors.length ? bulk.error : null)} showDetail />
      {serverErrors.length > 0 && (
        <Notification type="error" label={t('bulk.failed')} role="alert">
          <ul>
            {serverErrors.map((e, i) => {
              const index = Number(/\/items\/(\d+)/.exec(e.field)?.[1] ?? -1);
              const row = rows[index];
              return (
                <li key={i}>
                  {row ? `${row.unit.name}: ` : ''}
                  {t(`care.problems.${e.message}`, { defaultValue: e.message })}
                </li>
              );
            })}
          </ul>
        </Notification>
      )}
      {saved !== null && <Notification type="success" label={t('bulk.saved', { count: saved })} />}
      {isPending && <LoadingSpinner small loadingText={t('shell.loading')} />}
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table bulk-table">
          <caption>{t('bulk.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('care.unit')}</th>
              {FIELDS.map((f) => (
                <th key={f} scope="col">
                  {t(`care.${f}`)}
                </th>
              ))}
              <th scope="col">{t('care.closed')}</th>
              <th scope="col">{t('care.confirmed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ unit, c, key }) => {
              const f = figuresOf(key, c);
              const problems = edits[key] ? capacityProblems(f) : [];
              const label = `${unit.name}, ${nameOf(c.serviceType.names)}`;
              return (
                <tr
                  key={key}
                  className={problems.length ? 'row-invalid' : edits[key] ? 'row-changed' : undefined}
                >
                  <th scope="row">
                    {unit.name}
                    <br />
                    <span className="muted">{nameOf(c.serviceType.names)}</span>
                    {problems.length > 0 && (
                      <span className="field-error">
                        <br />
                        {t(`care.problems.${problems[0]!.message}`)}
                      </span>
                    )}
                  </th>
                  {FIELDS.map((field) => (
                    <td key={field}>
                      <input
                        className="bulk-input"
                        type="number"
                        min={0}
                        max={10000}
                        aria-label={`${t(`care.${field}`)}: ${label}`}
                        value={f[field]}
                        onChange={(e) =>
                          setEdits({ ...edits, [key]: { ...f, [field]: Number(e.target.value || 0) } })
                        }
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('care.closedToAdmissions')}: ${label}`}
                      checked={f.closedToAdmissions}
                      onChange={(e) =>
                        setEdits({ ...edits, [key]: { ...f, closedToAdmissions: e.target.checked } })
                      }
                    />
                  </td>
                  <td>
                    <Freshness confirmedAt={c.confirmedAt} stale={c.stale} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {t('bulk.summary', {
          changed: Object.keys(edits).length,
          confirmed: rows.length - Object.keys(edits).length,
        })}
      </p>
      <Button onClick={save} disabled={bulk.isPending || invalid || rows.length === 0}>
        {t('bulk.save')}
      </Button>
    </section>
  );
}
