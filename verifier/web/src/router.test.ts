import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRoute } from './router.tsx';

describe('matchRoute', () => {
  it('captures a user id from the edit page address', () => {
    expect(matchRoute('/admin/users/:id', '/admin/users/42')).toEqual({ id: '42' });
    expect(matchRoute('/admin/users/:id', '/admin/users/a%20b')).toEqual({ id: 'a b' });
  });

  it('refuses addresses of another shape', () => {
    expect(matchRoute('/admin/users/:id', '/admin/users')).toBeNull();
    expect(matchRoute('/admin/users/:id', '/admin/groups/42')).toBeNull();
    expect(matchRoute('/admin/users/:id', '/admin/users/42/extra')).toBeNull();
    expect(matchRoute('/admin/users/:id', '/admin/users/%E0%A4%A')).toBeNull();
  });

  it('never throws, whatever the address', () => {
    fc.assert(
      fc.property(fc.string(), (path) => {
        const params = matchRoute('/admin/users/:id', path);
        expect(params === null || typeof params.id === 'string').toBe(true);
      }),
    );
  });
});
