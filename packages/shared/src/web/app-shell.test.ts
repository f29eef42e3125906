import { describe, expect, it } from 'vitest';
import { activeNavItem, type NavItem } from './app-shell.tsx';

const items: NavItem[] = [
  { to: '/keys', label: 'nav.keys', roles: [] },
  { to: '/care', label: 'nav.care', roles: [] },
  { to: '/care/queue', label: 'nav.queue', roles: [], also: ['/care/clients'] },
];

describe('the navigation item an address belongs to', () => {
  it('is the longest matching prefix, so a nested area does not light its parent too', () => {
    expect(activeNavItem(items, '/care/queue')?.label).toBe('nav.queue');
    expect(activeNavItem(items, '/care/queue/import')?.label).toBe('nav.queue');
    expect(activeNavItem(items, '/care/clients/abc')?.label).toBe('nav.queue');
    expect(activeNavItem(items, '/care/units/abc')?.label).toBe('nav.care');
    expect(activeNavItem(items, '/care')?.label).toBe('nav.care');
  });
  it('matches whole path segments only, and none for an address of no item', () => {
    expect(activeNavItem(items, '/careers')).toBeUndefined();
    expect(activeNavItem(items, '/')).toBeUndefined();
  });
});
