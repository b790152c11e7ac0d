import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORT_KEYS, type SortKey } from '../src/accounts/user-list-keys.ts';
import type { UserView } from '../src/accounts/users.ts';
import { insertManyUsers } from '../test-support/many-users.ts';
import {
  addUser,
  type Client,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const USERS = 1_000;
const DAY = 24 * 60 * 60_000;

/** The value each sort key orders by, as a person reading the column would compare it. */
const KEY: Record<SortKey, (u: UserView) => string | null> = {
  name: (u) => (u.displayName || u.username).toLowerCase(),
  username: (u) => u.username,
  email: (u) => u.email.toLowerCase(),
  group: (u) => u.group.name.toLowerCase(),
  source: (u) => u.source,
  status: (u) => u.twoFactorStatus,
  pendingSince: (u) => u.pendingSince,
  createdAt: (u) => u.createdAt,
};

/** Expected order: by the key (empty cells last either way), ties by id, so pages never overlap. */
function sorted(users: UserView[], key: SortKey, order: 'asc' | 'desc'): number[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...users]
    .sort((a, b) => {
      const x = KEY[key](a);
      const y = KEY[key](b);
      if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
      if (x !== y) return (x < y ? -1 : 1) * sign;
      return a.id - b.id;
    })
    .map((u) => u.id);
}

describe.each(databaseKinds())('the Users list of 1,000 users on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let everyone: UserView[];

  /** Every page of a listing, read in order. */
  async function allPages(params: string): Promise<UserView[]> {
    const items: UserView[] = [];
    for (let page = 1; ; page++) {
      const answer = await admin.get(`/api/admin/users?${params}&pageSize=100&page=${page}`);
      expect(answer.statusCode, answer.body).toBe(200);
      const body = answer.json();
      items.push(...body.items);
      if (items.length >= body.total) return items;
    }
  }
  const ids = (users: UserView[]) => users.map((u) => u.id).sort((a, b) => a - b);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await insertManyUsers(t.ctx.db, USERS, t.clock.now());
    admin = await signInAdmin(t);
    everyone = await allPages('sort=username');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every user once across the pages', () => {
    expect(everyone).toHaveLength(USERS + 1);
    expect(new Set(everyone.map((u) => u.id)).size).toBe(USERS + 1);
  });

  it.each(['Pending', 'Activated', 'Disabled'])(
    'filters by 2FA status %s exactly as the badges say',
    async (status) => {
      const expected = everyone.filter((u) => u.twoFactorStatus === status);
      expect(expected.length).toBeGreaterThan(100);
      const listed = await allPages(`status=${status}`);
      expect(ids(listed)).toEqual(ids(expected));
    },
  );

  it('finds the Pending users when "Pending" is typed into the search', async () => {
    const listed = await allPages('query=pending');
    const expected = everyone.filter((u) => u.twoFactorStatus === 'Pending');
    expect(ids(listed)).toEqual(ids(expected));
  });

  it('combines group, sign-in source and "no password yet"', async () => {
    const agent = everyone.find((u) => u.group.name === 'Agent')?.group.id as number;
    const listed = await allPages(`groupId=${agent}&source=local&noPassword=true`);
    const expected = everyone.filter((u) => u.group.id === agent && u.source === 'local' && !u.hasPassword);
    expect(expected.length).toBeGreaterThan(10);
    expect(ids(listed)).toEqual(ids(expected));
    const sso = await allPages('source=sso&status=Pending');
    expect(sso).toEqual([]);
  });

  it.each(SORT_KEYS.flatMap((key) => [[key, 'asc'] as const, [key, 'desc'] as const]))(
    'sorts by %s %s, stable from page to page',
    async (key, order) => {
      const listed = await allPages(`sort=${key}&order=${order}`);
      expect(listed.map((u) => u.id)).toEqual(sorted(everyone, key, order));
    },
  );

  it('counts the users per status for System Settings as the list shows them', async () => {
    const answer = await admin.get('/api/admin/users/summary?pendingDays=0');
    expect(answer.statusCode, answer.body).toBe(200);
    const count = (status: string) => everyone.filter((u) => u.twoFactorStatus === status).length;
    expect(answer.json()).toEqual({
      byStatus: { Pending: count('Pending'), Activated: count('Activated'), Disabled: count('Disabled') },
      total: USERS + 1,
      // Stamped at this very instant: none has waited longer than 0 days yet.
      pendingLonger: { days: 0, count: 0 },
    });
    expect((await admin.get('/api/admin/users/summary?pendingDays=-1')).statusCode).toBe(400);
  });

  it('shows Pending since only for Pending users, stamped when the list first saw them', () => {
    for (const user of everyone) {
      if (user.twoFactorStatus === 'Pending')
        expect(user.pendingSince).toBe(new Date(t.clock.now()).toISOString());
      else expect(user.pendingSince).toBeNull();
    }
  });
});

describe.each(databaseKinds())('Pending since on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
  });
  afterAll(async () => {
    await t.close();
  });
  const userNamed = async (username: string): Promise<UserView> => {
    // Signed in afresh each time: days pass in between, and a session would expire with them.
    const answer = await (await signInAdmin(t)).get(`/api/admin/users?query=${username}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().items[0];
  };

  it('records when a user became Pending, clears it once set up, and starts again after a reset', async () => {
    const created = t.clock.now();
    const id = await addUser(t, 'zed', { twoFactorEnabled: true });
    expect((await userNamed('zed')).pendingSince).toBe(new Date(created).toISOString());

    t.clock.advance(2 * DAY);
    await enroll(t, 'zed');
    expect(await userNamed('zed')).toMatchObject({ twoFactorStatus: 'Activated', pendingSince: null });

    t.clock.advance(3 * DAY);
    const resetAt = t.clock.now();
    expect(
      (await (await signInAdmin(t)).patch(`/api/admin/users/${id}`, { twoFactorEnabled: false })).statusCode,
    ).toBe(200);
    expect((await userNamed('zed')).pendingSince).toBeNull();
    expect(
      (await (await signInAdmin(t)).patch(`/api/admin/users/${id}`, { twoFactorEnabled: true })).statusCode,
    ).toBe(200);
    expect((await userNamed('zed')).pendingSince).toBe(new Date(resetAt).toISOString());
  });

  it('lists the users Pending for longer than a number of days', async () => {
    await addUser(t, 'old', { twoFactorEnabled: true });
    t.clock.advance(10 * DAY);
    await addUser(t, 'new', { twoFactorEnabled: true });
    const listed = (await (await signInAdmin(t)).get('/api/admin/users?pendingDays=7')).json();
    const names = listed.items.map((u: UserView) => u.username);
    expect(names).toContain('old');
    expect(names).not.toContain('new');
    expect(listed.items.every((u: UserView) => u.twoFactorStatus === 'Pending')).toBe(true);
    const summary = (await (await signInAdmin(t)).get('/api/admin/users/summary?pendingDays=7')).json();
    expect(summary.pendingLonger).toEqual({ days: 7, count: listed.total });
  });
});

describe.each(databaseKinds())('bad Users list parameters on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a sort key that is no column', 'sort=password_hash', 'sort'],
    ['SQL in the sort key', 'sort=username%3B%20drop%20table%20users', 'sort'],
    ['an order other than asc or desc', 'order=up', 'order'],
    ['a status in the wrong case', 'status=pending', 'status'],
    ['a group that is no id', 'groupId=Agent', 'groupId'],
    ['a sign-in source that does not exist', 'source=ldap', 'source'],
    ['"no password" that is no boolean', 'noPassword=maybe', 'noPassword'],
    ['a negative number of days', 'pendingDays=-1', 'pendingDays'],
    ['a parameter the list does not know', 'role=admin', 'role'],
  ])('refuses %s with 400 naming it', async (_name, params, field) => {
    const answer = await admin.get(`/api/admin/users?${params}`);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.code).toBe('invalid_request');
    expect(answer.json().error.message).toContain(field);
  });
});
