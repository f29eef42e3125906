import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, LoadingSpinner, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useCreateSite, useSites } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';

const EMPTY = { name: '', address: '', district: '', department: '' };

/** Sites and their key counts; key staff add sites here. */
export function SitesAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('keys.home.inventory'));
  const { data: sites, isPending, error } = useSites();
  const create = useCreateSite();
  const [form, setForm] = useState(EMPTY);
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(form, { onSuccess: () => setForm(EMPTY) });
  }
  return (
    <section className="stack">
      <p>
        <Link to="/keys">← {t('nav.keys')}</Link>
      </p>
      <h1>{t('keys.home.inventory')}</h1>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('keys.sites.caption', { count: sites?.length ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.sites.name')}</th>
                <th scope="col">{t('keys.sites.district')}</th>
                <th scope="col">{t('keys.sites.department')}</th>
                <th scope="col">{t('keys.sites.managers')}</th>
                <th scope="col">{t('keys.keyStatus.available')}</th>
                <th scope="col">{t('keys.keyStatus.lent')}</th>
                <th scope="col">{t('keys.keyStatus.lost')}</th>
              </tr>
            </thead>
            <tbody>
              {sites?.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/keys/sites/${s.id}`}>{s.name}</Link>
                  </td>
                  <td>{s.district}</td>
                  <td>{s.department}</td>
                  <td>{s.managers.map((m) => m.name).join(', ') || '–'}</td>
                  <td>{s.keyCounts.available}</td>
                  <td>{s.keyCounts.lent}</td>
                  <td>{s.keyCounts.lost}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('keys.sites.add')}</h2>
      <form className="stack narrow" onSubmit={submit}>
        {(['name', 'address', 'district', 'department'] as const).map((field) => (
          <TextInput
            key={field}
            id={`site-${field}`}
            label={t(`keys.sites.${field}`)}
            required
            value={form[field]}
            onChange={(e) => setForm({ ...form, [field]: e.target.value })}
          />
        ))}
        <ProblemNotice error={create.error} />
        <Button type="submit" disabled={create.isPending}>
          {t('keys.sites.add')}
        </Button>
      </form>
    </section>
  );
}
