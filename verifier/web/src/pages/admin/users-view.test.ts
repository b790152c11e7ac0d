import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SORT_KEYS } from '../../../../src/accounts/user-list-keys.ts';
import {
  DEFAULT_VIEW,
  parseUsersView,
  type UsersView,
  usersViewHref,
  usersViewParams,
} from './users-view.ts';

const view: fc.Arbitrary<UsersView> = fc.record(
  {
    query: fc.string({ maxLength: 100 }).map((s) => s.trim()),
    status: fc.constantFrom('Pending', 'Activated', 'Disabled' as const),
    groupId: fc.integer({ min: 1, max: 2_147_483_647 }),
    source: fc.constantFrom('local', 'sso' as const),
    noPassword: fc.boolean(),
    pendingDays: fc.integer({ min: 0, max: 3650 }),
    sort: fc.constantFrom(...SORT_KEYS),
    order: fc.constantFrom('asc', 'desc' as const),
    page: fc.integer({ min: 1, max: 100_000 }),
  },
  { requiredKeys: ['query', 'noPassword', 'sort', 'order', 'page'] },
);

describe('the Users view in the address', () => {
  it('reads back every view it writes, so a bookmark reopens the same list', () => {
    fc.assert(
      fc.property(view, (v) => {
        const search = new URLSearchParams(usersViewHref(v).split('?')[1] ?? '');
        expect(parseUsersView(search)).toEqual(v);
      }),
    );
  });

  it('falls back to the default for any parameter it does not know, whatever the address says', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('status', 'sort', 'order', 'page', 'groupId', 'pendingDays', 'source', 'x'),
          fc.string(),
        ),
        (params) => {
          const parsed = parseUsersView(new URLSearchParams(params));
          // Whatever came in, what goes out to the API is a valid request.
          const out = usersViewParams(parsed);
          if (out.sort) expect(SORT_KEYS).toContain(out.sort);
          if (out.page) expect(Number(out.page)).toBeGreaterThan(1);
          expect(Object.keys(out)).not.toContain('x');
        },
      ),
    );
  });

  it('keeps the plain list at the plain address', () => {
    expect(usersViewHref(DEFAULT_VIEW)).toBe('/admin/users');
    expect(parseUsersView(new URLSearchParams('sort=password_hash&page=0&status=pending'))).toEqual(
      DEFAULT_VIEW,
    );
  });
});
