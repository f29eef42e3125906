import { describe, expect, it } from 'vitest';
import { isValidBusinessId, isValidPersonalIdentityCode, parsePersonalIdentityCode } from './identifiers.ts';

describe('personal identity code', () => {
  it('accepts a valid code and reads the birth date', () => {
    expect(parsePersonalIdentityCode('131052-308T')).toEqual({ birthDate: '1952-10-13' });
  });
  it('accepts the 2023 century signs', () => {
    // Same date and individual number, so the same check character, under another 1900s sign.
    expect(parsePersonalIdentityCode('131052Y308T')).toEqual({ birthDate: '1952-10-13' });
    expect(parsePersonalIdentityCode('010101A123N')).toEqual({ birthDate: '2001-01-01' });
  });
  it('rejects a wrong check character', () => {
    expect(isValidPersonalIdentityCode('131052-308U')).toBe(false);
  });
  it('rejects impossible dates and reserved individual numbers', () => {
    expect(isValidPersonalIdentityCode('310252-308T')).toBe(false);
    expect(isValidPersonalIdentityCode('131052-001T')).toBe(false);
  });
  it('rejects malformed input', () => {
    expect(isValidPersonalIdentityCode('')).toBe(false);
    expect(isValidPersonalIdentityCode('131052 308T')).toBe(false);
    expect(isValidPersonalIdentityCode('131052G308T')).toBe(false);
  });
});

describe('business id', () => {
  it('accepts valid ids', () => {
    expect(isValidBusinessId('0201256-6')).toBe(true); // City of Helsinki
    expect(isValidBusinessId('0112038-9')).toBe(true);
  });
  it('rejects a wrong check digit or shape', () => {
    expect(isValidBusinessId('0201256-5')).toBe(false);
    expect(isValidBusinessId('201256-6')).toBe(false);
    expect(isValidBusinessId('02012566')).toBe(false);
  });
});
