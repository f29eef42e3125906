import { stringify } from 'csv-stringify/sync';

/**
 * Names typed by people (renters, associations, clients) could start with `=`, `+`, `-` or `@`,
 * which a spreadsheet opening the CSV would run as a formula (CSV injection). Such cells get a
 * leading apostrophe, the usual spreadsheet escape. XLSX cells are typed as text and need no escape.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV file for spreadsheets: header row, `;` as the separator (as Finnish Excel expects), escaped cells. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return stringify(
    [
      header,
      ...rows.map((r) => r.map((v) => neutraliseFormula(v === null || v === undefined ? '' : String(v)))),
    ],
    {
      delimiter: ';',
    },
  );
}
