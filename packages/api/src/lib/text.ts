import { AppError } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The 1-based line of the first bytes that are not UTF-8, or null when all are. Lines can be cut
 * at `\n` bytes: that byte never occurs inside a multi-byte UTF-8 character.
 */
export function firstNonUtf8Line(buffer: Buffer): number | null {
  try {
    utf8.decode(buffer);
    return null;
  } catch {
    let line = 1;
    for (let start = 0; start <= buffer.length; line++) {
      let end = buffer.indexOf(0x0a, start);
      if (end === -1) end = buffer.length;
      try {
        utf8.decode(buffer.subarray(start, end));
      } catch {
        return line;
      }
      start = end + 1;
    }
    return line;
  }
}

/** The 1-based line of the first NUL (U+0000) in a text, or null. */
export function firstNulLine(text: string | Buffer): number | null {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const at = buffer.indexOf(0);
  if (at === -1) return null;
  let line = 1;
  for (let i = buffer.indexOf(0x0a); i !== -1 && i < at; i = buffer.indexOf(0x0a, i + 1)) line++;
  return line;
}

/**
 * A file of rows (CSV) as text, or a refusal naming the line: bytes that are not UTF-8 would be
 * stored as U+FFFD, and a NUL cannot be stored at all. `line` problems go in the answer's `rows`.
 */
export function decodeRowFile(body: unknown): string {
  if (!Buffer.isBuffer(body)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file itself as text/csv');
  }
  const buffer = body;
  const bad = firstNonUtf8Line(buffer);
  if (bad !== null) throw rowFileRefused(bad, 'not_utf8');
  const nul = firstNulLine(buffer);
  if (nul !== null) throw rowFileRefused(nul, 'contains_nul');
  return buffer.toString('utf8');
}

function rowFileRefused(line: number, message: string) {
  return new AppError(
    422,
    'validation_failed',
    `Line ${line} of the file cannot be read; nothing was imported`,
    {
      errors: [{ field: `/rows/${line}/file`, message }],
      rows: [{ line, field: 'file', message }],
    },
  );
}
