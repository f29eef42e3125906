import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonSize, ButtonVariant, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useCreateListItem, useList, useUpdateListItem } from '../../../features/care/api/care.ts';

/** The managed lists: service types and unit tags, named in three languages, retired not deleted. */
export function CareListsPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.lists.title'));
  return (
    <section className="stack">
      <p>
        <Link to="/care">← {t('care.board.title')}</Link>
      </p>
      <h1>{t('care.lists.title')}</h1>
      <ManagedList kind="service-types" />
      <ManagedList kind="tags" />
    </section>
  );
}

function ManagedList({ kind }: { kind: 'service-types' | 'tags' }) {
  const { t } = useTranslation();
  const { data, error } = useList(kind);
  const create = useCreateListItem(kind);
  const update = useUpdateListItem(kind);
  const [form, setForm] = useState({ code: '', fi: '', sv: '', en: '' });
  function submit(e: FormEvent) {
    e.preventDefault();
    const { code, ...names } = form;
    create.mutate({ code, names }, { onSuccess: () => setForm({ code: '', fi: '', sv: '', en: '' }) });
  }
  return (
    <section className="stack" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{t(`care.lists.${kind}`)}</h2>
      <ProblemNotice error={error ?? update.error} />
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{t(`care.lists.${kind}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('care.lists.code')}</th>
              <th scope="col">{t('care.lists.fi')}</th>
              <th scope="col">{t('care.lists.sv')}</th>
              <th scope="col">{t('care.lists.en')}</th>
              <th scope="col">{t('care.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.map((item) => (
              <tr key={item.id} className={item.active ? undefined : 'muted'}>
                <td>{item.code}</td>
                <td>{item.names.fi}</td>
                <td>{item.names.sv}</td>
                <td>{item.names.en}</td>
                <td>
                  <Button
                    size={ButtonSize.Small}
                    variant={ButtonVariant.Secondary}
                    aria-label={`${item.active ? t('care.lists.retire') : t('care.lists.restore')}: ${item.code}`}
                    onClick={() => update.mutate({ id: item.id, active: !item.active })}
                  >
                    {item.active ? t('care.lists.retire') : t('care.lists.restore')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="stack narrow" onSubmit={submit} aria-label={t('care.lists.add')}>
        <TextInput
          id={`${kind}-code`}
          label={t('care.lists.code')}
          helperText={t('care.lists.codeHelp')}
          required
          value={form.code}
          onChange={(e) => setForm({ ...form, code: e.target.value })}
        />
        {(['fi', 'sv', 'en'] as const).map((l) => (
          <TextInput
            key={l}
            id={`${kind}-${l}`}
            label={t(`care.lists.${l}`)}
            required
            value={form[l]}
            onChange={(e) => setForm({ ...form, [l]: e.target.value })}
          />
        ))}
        <ProblemNotice error={create.error} showDetail />
        <Button type="submit" disabled={create.isPending}>
          {t('care.lists.add')}
        </Button>
      </form>
    </section>
  );
}
