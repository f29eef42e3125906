import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { parse as parseStream } from 'csv-parse';
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

/**
 * Parses a CSV text a chunk at a time, letting other requests run in between (a 100 000-row file
 * parsed in one go held the event loop for a second). Each record comes with its line (of its
 * last line when a quoted cell spans several), the header being line 1.
 */
export async function parseCsvYielding(
  text: string,
  options: { delimiter: string | string[] },
): Promise<{ record: Record<string, string>; line: number }[]> {
  const out: { record: Record<string, string>; line: number }[] = [];
  const parser = parseStream({
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    delimiter: options.delimiter,
    info: true,
  });
  parser.on('readable', () => {
    let item: { record: Record<string, string>; info: { lines: number } } | null;
    while ((item = parser.read()) !== null) out.push({ record: item.record, line: item.info.lines });
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  done.catch(() => {});
  const CHUNK = 64 * 1024;
  for (let i = 0; i < text.length; i += CHUNK) {
    parser.write(text.slice(i, i + CHUNK));
    await setImmediatePromise();
  }
  parser.end();
  await done;
  return out;
}
