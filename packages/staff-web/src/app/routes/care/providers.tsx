import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { isValidBusinessId } from '@civic/shared/identifiers';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { formatDate, usePageTitle } from '@civic/shared/web/page';
import { useCreateProvider, useProviders, useUpdateProvider } from '../../../features/care/api/care.ts';
import { DateField } from '@civic/shared/web/date-field';

const EMPTY = {
  name: '',
  businessId: '',
  kind: 'purchased' as 'own' | 'purchased',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  contractStart: '',
  contractEnd: '',
};

/** Providers: the city's own production and purchased-service companies with their contract period. */
export function ProvidersPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('care.providers.title'));
  const [q, setQ] = useState('');
  const { data, isPending, error } = useProviders(q);
  const create = useCreateProvider();
  const [editing, setEditing] = useState<string | null>(null);
  const update = useUpdateProvider(editing ?? '');
  const [form, setForm] = useState(EMPTY);
  const badId = !!form.businessId && !isValidBusinessId(form.businessId);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (badId) return;
    const opt = (v: string) => v.trim() || null;
    const save = editing ? update : create;
    save.mutate(
      {
        name: form.name.trim(),
        kind: form.kind,
        businessId: opt(form.businessId),
        contactName: opt(form.contactName),
        contactEmail: opt(form.contactEmail),
        contactPhone: opt(form.contactPhone),
        contractStart: form.kind === 'purchased' ? opt(form.contractStart) : null,
        contractEnd: form.kind === 'purchased' ? opt(form.contractEnd) : null,
      },
      {
        onSuccess: () => {
          setForm(EMPTY);
          setEditing(null);
        },
      },
    );
  }
  return (
    <section className="stack">
      <p>
        <Link to="/care">← {t('care.board.title')}</Link>
      </p>
      <h1>{t('care.providers.title')}</h1>
      <TextInput
        id="providers-search"
        type="search"
        label={t('care.providers.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{t('care.providers.caption', { count: data?.total ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('care.providers.name')}</th>
                <th scope="col">{t('care.providers.businessId')}</th>
                <th scope="col">{t('care.providerKind')}</th>
                <th scope="col">{t('care.providers.contract')}</th>
                <th scope="col">{t('care.providers.contact')}</th>
                <th scope="col">{t('care.units.title')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Button
                      variant={ButtonVariant.Secondary}
                      size={ButtonSize.Small}
                      aria-label={`${t('care.providers.edit')}: ${p.name}`}
                      onClick={() => {
                        setEditing(p.id);
                        setForm({
                          name: p.name,
                          businessId: p.businessId ?? '',
                          kind: p.kind,
                          contactName: p.contactName ?? '',
                          contactEmail: p.contactEmail ?? '',
                          contactPhone: p.contactPhone ?? '',
                          contractStart: p.contractStart ?? '',
                          contractEnd: p.contractEnd ?? '',
                        });
                        document.getElementById('provider-form-title')?.scrollIntoView();
                      }}
                    >
                      {p.name}
                    </Button>
                  </td>
                  <td>{p.businessId ?? '–'}</td>
                  <td>{t(`care.kind.${p.kind}`)}</td>
                  <td>
                    {p.contractStart
                      ? `${formatDate(p.contractStart, i18n.language)} – ${formatDate(p.contractEnd, i18n.language)}`
                      : '–'}
                  </td>
                  <td>{[p.contactName, p.contactEmail, p.contactPhone].filter(Boolean).join(', ') || '–'}</td>
                  <td>{p.unitCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="provider-form-title">{editing ? t('care.providers.edit') : t('care.providers.add')}</h2>
      <form className="stack narrow" onSubmit={submit}>
        <TextInput
          id="provider-name"
          label={t('care.providers.name')}
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextInput
          id="provider-business-id"
          label={t('care.providers.businessId')}
          value={form.businessId}
          invalid={badId}
          errorText={badId ? t('care.providers.businessIdInvalid') : undefined}
          onChange={(e) => setForm({ ...form, businessId: e.target.value })}
        />
        <NativeSelect
          id="provider-kind"
          label={t('care.providerKind')}
          value={form.kind}
          options={[
            { value: 'purchased', label: t('care.kind.purchased') },
            { value: 'own', label: t('care.kind.own') },
          ]}
          onChange={(v) => setForm({ ...form, kind: v as 'own' | 'purchased' })}
        />
        {form.kind === 'purchased' && (
          <>
            <DateField
              id="provider-contract-start"
              label={t('care.providers.contractStart')}
              value={form.contractStart}
              onChange={(iso) => setForm({ ...form, contractStart: iso })}
            />
            <DateField
              id="provider-contract-end"
              label={t('care.providers.contractEnd')}
              value={form.contractEnd}
              onChange={(iso) => setForm({ ...form, contractEnd: iso })}
            />
          </>
        )}
        <TextInput
          id="provider-contact-name"
          label={t('care.providers.contactName')}
          value={form.contactName}
          onChange={(e) => setForm({ ...form, contactName: e.target.value })}
        />
        <TextInput
          id="provider-contact-email"
          type="email"
          label={t('care.providers.contactEmail')}
          value={form.contactEmail}
          onChange={(e) => setForm({ ...form, contactEmail: e.target.value })}
        />
        <TextInput
          id="provider-contact-phone"
          type="tel"
          label={t('care.providers.contactPhone')}
          value={form.contactPhone}
          onChange={(e) => setForm({ ...form, contactPhone: e.target.value })}
        />
        <ProblemNotice error={create.error} showDetail />
        <Button type="submit" disabled={create.isPending}>
          {t('care.providers.add')}
        </Button>
      </form>
    </section>
  );
}
