import type { Language } from '@civic/shared/common';
import { CARE_FIGURES, PUBLICATION_FIGURES } from '@civic/shared/care-figures';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import type { CareFigureRow, CareFigures, KeyFigures, WaitingTimes } from '@civic/shared/reports';
import { figureCell, type Cell, type ReportTable } from './export.ts';
import { EXPORT_LABELS } from '../keys/report.ts';
import { REPORT_LABELS } from './labels.ts';

/** The group's name as a reader of the file in `lang` reads it. */
function groupName(row: Pick<CareFigureRow, 'key' | 'label' | 'names'>, lang: Language): string {
  const l = REPORT_LABELS[lang];
  if (row.key === 'total') return l.total;
  if (row.key === 'own' || row.key === 'purchased') return l.kinds[row.key];
  return row.names?.[lang] ?? row.label;
}

const stamp = (from: string, to: string) => `${from.replaceAll('-', '')}-${to.replaceAll('-', '')}`;

/** The dashboard's table: a row per group and the total, a column per figure. */
export function careFiguresTable(r: CareFigures, lang: Language): ReportTable {
  const l = REPORT_LABELS[lang];
  const line = (row: CareFigureRow): Cell[] => [
    groupName(row, lang),
    ...CARE_FIGURES.map((f) => figureCell(row.figures[f], lang)),
  ];
  return {
    sheet: l.sheets.care,
    name: `care-figures-${stamp(r.from, r.to)}`,
    header: [
      l.groupings[r.groupBy],
      ...CARE_FIGURES.map((f) => l.figures[f].replace(' N ', ` ${r.fillWithinDays} `)),
    ],
    rows: [...r.rows.map(line), line(r.total)],
  };
}

/** The §26 publication: a row per service type and the total. */
export function waitingTimesTable(r: WaitingTimes, lang: Language): ReportTable {
  const l = REPORT_LABELS[lang];
  const line = (row: WaitingTimes['total']): Cell[] => [
    groupName(row, lang),
    ...PUBLICATION_FIGURES.map((f) => figureCell(row.figures[f], lang)),
  ];
  return {
    sheet: l.sheets.waitingTimes,
    name: `waiting-times-${r.year}-h${r.half}`,
    header: [l.groupings.serviceType, ...PUBLICATION_FIGURES.map((f) => l.figures[f])],
    rows: [...r.rows.map(line), line(r.total)],
  };
}

export function keyFiguresTable(r: KeyFigures, lang: Language): ReportTable {
  const l = REPORT_LABELS[lang];
  const line = (row: KeyFigures['total']): Cell[] => [
    row.key === 'total' ? l.total : row.label,
    row.agreements,
    ...KEY_AGREEMENT_STATES.map((s) => row.byState[s]),
    row.overdue,
    row.keysLent,
    row.lostKeys,
  ];
  return {
    sheet: l.sheets.keys,
    name: `key-figures-${stamp(r.from, r.to)}`,
    header: [
      l.groupings[r.groupBy],
      l.keys.agreements,
      ...KEY_AGREEMENT_STATES.map((s) => EXPORT_LABELS[lang].states[s]),
      l.keys.overdue,
      l.keys.keysLent,
      l.keys.lostKeys,
    ],
    rows: [...r.rows.map(line), line(r.total)],
  };
}
