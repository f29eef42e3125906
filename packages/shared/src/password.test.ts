import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.ts';

describe('password rule', () => {
  it('requires length, not composition', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('too_long');
  });
  it('refuses the username as password', () => {
    expect(passwordProblem('maija.meikalainen', 'Maija.Meikalainen')).toBe('same_as_username');
  });
});
