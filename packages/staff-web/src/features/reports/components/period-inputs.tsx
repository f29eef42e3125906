import { TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';

/** A report's period, from and to (both days included), as date fields. */
export function PeriodInputs({
  idPrefix,
  from,
  to,
  onChange,
}: {
  idPrefix: string;
  from: string;
  to: string;
  onChange: (patch: { from?: string; to?: string }) => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <>
      <TextInput
        id={`${idPrefix}-from`}
        type="date"
        label={t('reports.filters.from')}
        value={from}
        max={to}
        onChange={(e) => e.target.value && onChange({ from: e.target.value })}
      />
      <TextInput
        id={`${idPrefix}-to`}
        type="date"
        label={t('reports.filters.to')}
        value={to}
        min={from}
        onChange={(e) => e.target.value && onChange({ to: e.target.value })}
      />
    </>
  );
}
