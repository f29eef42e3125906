import { describe, expect, it } from 'vitest';
import { validate } from './validation.ts';
import { CreateUserSchema } from './users.ts';
import { LoginRequestSchema } from './auth.ts';

describe('validate', () => {
  it('returns the value when valid', () => {
    const r = validate(LoginRequestSchema, { username: 'a', password: 'b' });
    expect(r.ok).toBe(true);
  });
  it('lists failing fields as the API does', () => {
    const r = validate(CreateUserSchema, {
      username: 'x',
      displayName: 'X',
      email: 'not-an-email',
      roles: [],
      password: 'short',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/username', '/email', '/roles', '/password']));
  });
});
