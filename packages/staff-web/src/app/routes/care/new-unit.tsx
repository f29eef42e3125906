import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, NumberInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { capacityProblems } from '@civic/shared/care-capacity';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useCreateUnit, useList, useProviders } from '../../../features/care/api/care.ts';
import { useNameOf } from '../../../features/care/components/names.ts';
import { UnitFields } from '../../../features/care/components/unit-fields.tsx';

/** A new unit: provider, address, tags, languages, and its first service type with figures. */
export function NewUnitPage() {
  const { t } = useTranslation();
  usePageTitle(t('care.units.add'));
  const navigate = useNavigate();
  const nameOf = useNameOf();
  const providers = useProviders();
  const serviceTypes = useList('service-types');
  const create = useCreateUnit();
  const [form, setForm] = useState({
    providerId: '',
    name: '',
    address: '',
    district: '',
    languages: ['fi'],
    tagIds: [] as string[],
    serviceTypeId: '',
  });
  const [fig, setFig] = useState({
    maxCapacity: 0,
    occupied: 0,
    reserved: 0,
    vacantAccepting: 0,
    closedToAdmissions: false,
  });
  const problems = capacityProblems(fig);
  const providerId = form.providerId || providers.data?.items[0]?.id || '';
  const serviceTypeId = form.serviceTypeId || serviceTypes.data?.[0]?.id || '';
  function submit(e: FormEvent) {
    e.preventDefault();
    if (problems.length) return;
    create.mutate(
      {
        providerId,
        name: form.name.trim(),
        address: form.address.trim(),
        district: form.district.trim(),
        languages: form.languages,
        tagIds: form.tagIds,
        capacity: [{ serviceTypeId, ...fig }],
      },
      { onSuccess: (unit) => void navigate(`/care/units/${unit.id}`) },
    );
  }
  return (
    <section className="stack narrow">
      <p>
        <Link to="/care/units">← {t('care.units.title')}</Link>
      </p>
      <h1>{t('care.units.add')}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <NativeSelect
          id="unit-provider"
          label={t('care.provider')}
          value={providerId}
          options={providers.data?.items.map((p) => ({ value: p.id, label: p.name })) ?? []}
          onChange={(v) => setForm({ ...form, providerId: v })}
        />
        <UnitFields idPrefix="unit" value={form} onChange={(patch) => setForm({ ...form, ...patch })} />
        <NativeSelect
          id="unit-service-type"
          label={t('care.serviceType')}
          value={serviceTypeId}
          options={
            serviceTypes.data
              ?.filter((s) => s.active)
              .map((s) => ({ value: s.id, label: nameOf(s.names) })) ?? []
          }
          onChange={(v) => setForm({ ...form, serviceTypeId: v })}
        />
        <div className="figures-grid">
          {(['maxCapacity', 'occupied', 'reserved', 'vacantAccepting'] as const).map((f) => {
            const problem = problems.find((p) => p.field === `/${f}`);
            return (
              <NumberInput
                key={f}
                id={`unit-${f}`}
                label={t(`care.figures.${f}`)}
                min={0}
                value={fig[f]}
                invalid={!!problem}
                errorText={
                  problem
                    ? t(`care.figures.problems.${problem.message}`, { defaultValue: problem.message })
                    : undefined
                }
                onChange={(e) => setFig({ ...fig, [f]: Number(e.target.value || 0) })}
              />
            );
          })}
        </div>
        <ProblemNotice error={create.error} showDetail />
        <Button type="submit" disabled={create.isPending || problems.length > 0}>
          {t('care.units.save')}
        </Button>
      </form>
    </section>
  );
}
