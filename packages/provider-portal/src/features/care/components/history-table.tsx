import { useTranslation } from 'react-i18next';
import type { CapacityHistoryEntry } from '@civic/shared/care';
import { formatDateTime } from '@civic/shared/web/page';

/** The organisation's capacity reports as a table; the unit column only where several units mix. */
export function HistoryTable({
  items,
  caption,
  showUnit,
}: {
  items: readonly CapacityHistoryEntry[];
  caption: string;
  showUnit: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            {showUnit && <th scope="col">{t('care.unit')}</th>}
            <th scope="col">{t('history.what')}</th>
            <th scope="col">{t('care.maxCapacity')}</th>
            <th scope="col">{t('care.occupied')}</th>
            <th scope="col">{t('care.reserved')}</th>
            <th scope="col">{t('care.vacantAccepting')}</th>
            <th scope="col">{t('history.who')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h, i) => (
            <tr key={i}>
              <td>{formatDateTime(h.at, i18n.language)}</td>
              {showUnit && <td>{h.unit.name}</td>}
              <td>{t(`history.kind.${h.kind}`)}</td>
              <td>{h.maxCapacity}</td>
              <td>{h.occupied}</td>
              <td>{h.reserved}</td>
              <td>{h.vacantAccepting}</td>
              <td>{h.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
