import { useTranslation } from 'react-i18next';
import type { CareFigure, FigureValue } from '@civic/shared/care-figures';
import type { Names } from '@civic/shared/care';
import { useFigureText } from './figures.ts';
import { useGroupName } from './group-name.ts';

/** A row of the dashboard's or the publication's table: a group and (some of) its figures. */
export interface TableRow {
  key: string;
  label: string;
  names?: Names | null;
  figures: { [K in CareFigure]?: FigureValue };
}

/** Groups as rows, figures as columns, the whole selection last. */
export function FigureTable({
  caption,
  figures,
  rows,
  total,
  fillWithinDays,
  groupHeader,
}: {
  caption: string;
  figures: readonly CareFigure[];
  rows: readonly TableRow[];
  total?: TableRow;
  fillWithinDays: number;
  groupHeader: string;
}) {
  const { t } = useTranslation('reports');
  const text = useFigureText(fillWithinDays);
  const groupName = useGroupName();
  const line = (row: TableRow, isTotal = false) => (
    <tr key={row.key} className={isTotal ? 'total-row' : undefined}>
      <th scope="row">{isTotal ? t('reports.total') : groupName(row)}</th>
      {figures.map((f) => (
        <td key={f} className={`number${row.figures[f]?.status === 'ok' ? '' : ' figure-missing'}`}>
          {row.figures[f] ? text.value(f, row.figures[f]) : '–'}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            {figures.map((f) => (
              <th key={f} scope="col" className="number">
                {text.name(f)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r))}
          {total && line(total, true)}
        </tbody>
      </table>
    </div>
  );
}
