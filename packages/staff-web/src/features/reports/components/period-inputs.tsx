import { useTranslation } from 'react-i18next';
import { DateField } from '@civic/shared/web/date-field';

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
      <DateField
        id={`${idPrefix}-from`}
        label={t('reports.filters.from')}
        value={from}
        max={to}
        onChange={(iso) => iso && onChange({ from: iso })}
      />
      <DateField
        id={`${idPrefix}-to`}
        label={t('reports.filters.to')}
        value={to}
        min={from}
        onChange={(iso) => iso && onChange({ to: iso })}
      />
    </>
  );
}
