import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, LoadingSpinner, TextArea, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import type { KeyImportRowError } from '@civic/shared/keys';
import { useCreateKey, useImportKeys, useSite, useSiteKeys } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';

/** A site's key inventory: every physical copy, adding one, and importing many from CSV. */
export function SiteInventoryPage() {
  const { siteId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data: site } = useSite(siteId);
  usePageTitle(site?.name ?? t('keys.home.inventory'));
  const { data: keys, isPending, error } = useSiteKeys(siteId);
  const create = useCreateKey(siteId);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const importKeys = useImportKeys(siteId, (done, total) => setProgress({ done, total }));
  const [form, setForm] = useState({ code: '', opens: '', keySet: '' });
  const [csv, setCsv] = useState('');
  const [imported, setImported] = useState<number | null>(null);

  function add(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { code: form.code, opens: form.opens, keySet: form.keySet || null },
      { onSuccess: () => setForm({ code: '', opens: '', keySet: '' }) },
    );
  }
  const rowErrors =
    importKeys.error instanceof ApiError
      ? (((importKeys.error.problem as Record<string, unknown> | null)?.rows as
          KeyImportRowError[] | undefined) ?? [])
      : [];

  return (
    <section className="stack">
      <p>
        <Link to="/keys/sites">← {t('keys.home.inventory')}</Link>
      </p>
      <h1>{site?.name}</h1>
      {site && <p className="muted">{[site.address, site.district, site.department].join(' · ')}</p>}
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('keys.inventory.caption', { count: keys?.length ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.key.code')}</th>
                <th scope="col">{t('keys.key.opens')}</th>
                <th scope="col">{t('keys.key.keySet')}</th>
                <th scope="col">{t('keys.key.status')}</th>
                <th scope="col">{t('keys.key.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {keys?.map((k) => (
                <tr key={k.id}>
                  <td>
                    <Link to={`/keys/items/${k.id}`}>{k.code}</Link>
                  </td>
                  <td>{k.opens}</td>
                  <td>{k.keySet ?? ''}</td>
                  <td>{t(`keys.keyStatus.${k.status}`)}</td>
                  <td>
                    {k.holder ? (
                      <Link
                        to={`/keys/agreements/${k.holder.agreementId}`}
                      >{`${k.holder.association} (${k.holder.agreementNumber})`}</Link>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('keys.inventory.add')}</h2>
      <form className="stack narrow" onSubmit={add}>
        <TextInput
          id="key-code"
          label={t('keys.key.code')}
          required
          value={form.code}
          onChange={(e) => setForm({ ...form, code: e.target.value })}
        />
        <TextInput
          id="key-opens"
          label={t('keys.key.opens')}
          required
          value={form.opens}
          onChange={(e) => setForm({ ...form, opens: e.target.value })}
        />
        <TextInput
          id="key-set"
          label={t('keys.key.keySet')}
          value={form.keySet}
          onChange={(e) => setForm({ ...form, keySet: e.target.value })}
        />
        <ProblemNotice error={create.error} showDetail />
        <Button type="submit" disabled={create.isPending}>
          {t('keys.inventory.add')}
        </Button>
      </form>
      <h2>{t('keys.inventory.import')}</h2>
      <div className="stack narrow">
        <p>{t('keys.inventory.importHelp')}</p>
        <TextInput
          id="import-file"
          type="file"
          label={t('keys.inventory.importFile')}
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
        <TextArea
          id="import-csv"
          label={t('keys.inventory.importText')}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
        />
        <Button
          onClick={() => {
            setProgress(null);
            importKeys.mutate(csv, {
              onSuccess: (r) => {
                setImported(r.created);
                setCsv('');
              },
              onSettled: () => setProgress(null),
            });
          }}
          disabled={!csv.trim() || importKeys.isPending}
        >
          {t('keys.inventory.importSubmit')}
        </Button>
        {importKeys.isPending && progress && (
          <p role="status">
            {t('keys.inventory.importProgress', {
              done: progress.done.toLocaleString(i18n.language),
              total: progress.total.toLocaleString(i18n.language),
            })}
          </p>
        )}
        {imported !== null && !importKeys.error && (
          <Notification type="success" label={t('keys.inventory.imported', { count: imported })} />
        )}
        {importKeys.error && (
          <Notification type="error" label={t('keys.inventory.importFailed')} role="alert">
            {rowErrors.length ? (
              <ul>
                {rowErrors.map((r, i) => (
                  <li key={i}>
                    {t('keys.inventory.rowError', {
                      line: r.line,
                      field: r.field,
                      message: t(
                        `keys.inventory.problems.${r.message.startsWith('duplicate_of_line_') ? 'duplicate' : r.message}`,
                        { line: r.message.replace('duplicate_of_line_', '') },
                      ),
                    })}
                  </li>
                ))}
              </ul>
            ) : (
              (importKeys.error as Error).message
            )}
          </Notification>
        )}
      </div>
    </section>
  );
}
