/**
 * Finnish identifiers with check characters. Pure, so forms and the API reject the same input.
 */

const HETU_CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
// Century signs: the 2023 reform added Y X W V U (1900s) and B C D E F (2000s).
const HETU_CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
const HETU_PATTERN = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

/** Parses a personal identity code (henkilötunnus); returns its birth date or null when invalid. */
export function parsePersonalIdentityCode(input: string): { birthDate: string } | null {
  const match = HETU_PATTERN.exec(input.trim().toUpperCase());
  if (!match) return null;
  const [, dd, mm, yy, sign, individual, check] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const century = HETU_CENTURY[sign];
  if (century === undefined) return null;
  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (Number(individual) < 2) return null;
  const expected = HETU_CHECK_CHARS[Number(`${dd}${mm}${yy}${individual}`) % 31];
  if (expected !== check) return null;
  return { birthDate: `${year}-${mm}-${dd}` };
}

export function isValidPersonalIdentityCode(input: string): boolean {
  return parsePersonalIdentityCode(input) !== null;
}

const BUSINESS_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/** Finnish business ID (Y-tunnus), `1234567-8`, with its modulo-11 check digit. */
export function isValidBusinessId(input: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(input.trim());
  if (!match) return false;
  const digits = match[1]!;
  const sum = BUSINESS_ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check === Number(match[2]);
}
