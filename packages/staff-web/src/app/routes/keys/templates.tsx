import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextArea, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@civic/shared/common';
import { useCreateTemplate, useTemplates } from '../../../features/keys/api/agreements.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDateTime, usePageTitle } from '@civic/shared/web/page';

/** Agreement texts per department; saving makes a new version, signed agreements keep theirs. */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.home.templates'));
  const { data, isPending, error } = useTemplates();
  const create = useCreateTemplate();
  const [form, setForm] = useState({ department: '*', fi: '', sv: '', en: '' });

  function edit(department: string) {
    const latest = data?.find((tpl) => tpl.department === department);
    if (latest) setForm({ department, ...latest.texts });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const { department, ...texts } = form;
    create.mutate({ department, texts });
  }

  return (
    <section className="stack">
      <p>
        <Link to="/keys">← {t('nav.keys')}</Link>
      </p>
      <h1>{t('keys.home.templates')}</h1>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('keys.templates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('keys.templates.department')}</th>
                <th scope="col">{t('keys.templates.version')}</th>
                <th scope="col">{t('keys.templates.created')}</th>
                <th scope="col">{t('keys.templates.start')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.map((tpl) => (
                <tr key={tpl.id}>
                  <td>{tpl.department === '*' ? t('keys.templates.default') : tpl.department}</td>
                  <td>{tpl.version}</td>
                  <td>
                    {formatDateTime(tpl.createdAt, i18n.language)}, {tpl.createdBy}
                  </td>
                  <td>{tpl.texts.fi.slice(0, 80)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('keys.templates.newVersion')}</h2>
      <form className="stack" onSubmit={submit}>
        <TextInput
          id="tpl-department"
          label={t('keys.templates.department')}
          helperText={t('keys.templates.departmentHelp')}
          required
          value={form.department}
          onChange={(e) => setForm({ ...form, department: e.target.value })}
        />
        <Button
          type="button"
          variant={ButtonVariant.Secondary}
          size={ButtonSize.Small}
          onClick={() => edit(form.department)}
        >
          {t('keys.templates.loadLatest')}
        </Button>
        {LANGUAGES.map((l) => (
          <TextArea
            key={l}
            id={`tpl-${l}`}
            label={t(`keys.templates.text_${l}`)}
            required
            rows={8}
            value={form[l]}
            onChange={(e) => setForm({ ...form, [l]: e.target.value })}
          />
        ))}
        <ProblemNotice error={create.error} />
        <Button type="submit" disabled={create.isPending}>
          {t('keys.templates.save')}
        </Button>
      </form>
    </section>
  );
}
