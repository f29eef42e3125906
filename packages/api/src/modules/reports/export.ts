import ExcelJS from 'exceljs';
import type { Language } from '@civic/shared/common';
import type { FigureValue } from '@civic/shared/care-figures';
import { toCsv } from '../../lib/csv.ts';
import { REPORT_LABELS } from './labels.ts';

export type Cell = string | number | null;

/** A report table as the files show it: one header row and the rows below it. */
export interface ReportTable {
  sheet: string;
  /** File name without the extension. */
  name: string;
  header: string[];
  rows: Cell[][];
}

export interface ReportFile {
  body: Buffer;
  filename: string;
  contentType: string;
  rows: number;
}

/** A figure's cell: its value, or the word for why it has none (suppressed, not applicable). */
export function figureCell(f: FigureValue, lang: Language): Cell {
  return f.status === 'ok' ? f.value : REPORT_LABELS[lang].statuses[f.status];
}

/**
 * The table as CSV (BOM, `;` between cells and the language's decimal mark, as a spreadsheet in
 * that locale opens it; `lang=en` gives decimal points for other systems) or as XLSX with number
 * cells, a frozen header and filters.
 */
export async function reportFile(
  table: ReportTable,
  format: 'csv' | 'xlsx',
  lang: Language,
): Promise<ReportFile> {
  if (format === 'csv') {
    const decimal = (v: Cell) => (typeof v === 'number' && lang !== 'en' ? String(v).replace('.', ',') : v);
    return {
      body: Buffer.from(
        `\uFEFF${toCsv(
          table.header,
          table.rows.map((r) => r.map(decimal)),
        )}`,
        'utf8',
      ),
      filename: `${table.name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      rows: table.rows.length,
    };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Civic services';
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  sheet.addRows(table.rows);
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 32 : 16;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  return {
    // Deflated at level 1: a sixth larger than the default level's file for a third less CPU
    // (most of a file's cost after the query is its compression).
    body: Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } })),
    filename: `${table.name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    rows: table.rows.length,
  };
}
