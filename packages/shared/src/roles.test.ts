import { describe, expect, it } from 'vitest';
import { hasAnyRole, roleScopeProblem } from './roles.ts';

describe('roles', () => {
  it('hasAnyRole matches on any overlap', () => {
    expect(hasAnyRole(['admin', 'care_viewer'], ['care_viewer'])).toBe(true);
    expect(hasAnyRole(['site_manager'], ['admin', 'key_coordinator'])).toBe(false);
  });
  it('provider roles need a provider and must not mix with city roles', () => {
    expect(roleScopeProblem(['provider_user'], null)).toBe('provider_required');
    expect(roleScopeProblem(['provider_user'], 'p1')).toBeNull();
    expect(roleScopeProblem(['provider_admin', 'care_coordinator'], 'p1')).toBe(
      'mixed_provider_and_city_roles',
    );
    expect(roleScopeProblem(['care_coordinator'], 'p1')).toBe('provider_not_allowed');
    expect(roleScopeProblem(['admin'], null)).toBeNull();
  });
});
