import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signInAdmin, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

/** Query strings an admin, a script or a curious visitor could send, each with the field its error must name. */
const BAD: Array<[string, string, string]> = [
  ['a page past the last one a list serves', '/api/admin/users?page=100001', 'page'],
  ['a page too large for any offset', '/api/admin/users?page=99999999999999999999', 'page'],
  ['a page too large for any offset, on the audit log', '/api/admin/audit?page=9007199254740993', 'page'],
  ['a fractional page', '/api/admin/users?page=1.5', 'page'],
  ['a page given twice', '/api/admin/audit?page=1&page=2', 'page'],
  ['a page size over 100', '/api/admin/audit?pageSize=101', 'pageSize'],
  ['a search with a NUL character', '/api/admin/users?query=a%00b', 'query'],
  ['a search with a line break', '/api/admin/users?query=a%0Ab', 'query'],
  ['a search longer than 100 characters', `/api/admin/users?query=${'a'.repeat(101)}`, 'query'],
  ['a user filter with a NUL character', '/api/admin/audit?user=%00', 'user'],
  ['an event the log never records', '/api/admin/audit?event=user.deleted', 'event'],
  ['an event with a NUL character', '/api/admin/audit?event=sign_out%00', 'event'],
  ['a from date in no ISO form', '/api/admin/audit?from=1/2/3', 'from'],
  ['a bare number as a date', '/api/admin/audit?from=0', 'from'],
  ['a day that does not exist', '/api/admin/audit?from=2025-02-30', 'from'],
  ['a time without its zone', '/api/admin/audit?to=2025-01-31T10:00', 'to'],
  ['an hour that does not exist', '/api/admin/audit?to=2025-01-31T24:00:00Z', 'to'],
  ['a year beyond four digits', '/api/admin/audit?from=%2B275760-09-13', 'from'],
];

const GOOD: Array<[string, string]> = [
  ['the last page a list serves', '/api/admin/users?page=100000&pageSize=100'],
  ['the last page of the audit log', '/api/admin/audit?page=100000'],
  ['a leap day and an instant with its zone', '/api/admin/audit?from=2024-02-29&to=2026-01-31T23:59:59.999Z'],
  ['an instant with an offset', '/api/admin/audit?from=2025-01-31T10:00%2B01:00'],
  ['empty filters', '/api/admin/audit?user=&event=&from=&to='],
  ['an empty search', '/api/admin/users?query='],
];

/** Ids past the id columns (32-bit on PostgreSQL), in paths and bodies. */
const BAD_IDS: Array<[string, string, string, unknown]> = [
  ['a user', 'GET', '/api/admin/users/2147483648', undefined],
  ['a user to change', 'PATCH', '/api/admin/users/99999999999999999999', { displayName: 'X' }],
  ['a group', 'PATCH', '/api/admin/groups/2147483648', { name: 'X' }],
  ['an API key', 'DELETE', '/api/admin/api-keys/2147483648', undefined],
  [
    'the group of a new user',
    'POST',
    '/api/admin/users',
    { username: 'x', email: '', displayName: 'X', groupId: 2147483648, source: 'local' },
  ],
];

describe.each(databaseKinds())('request parameters on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(BAD)('refuses %s with 400 invalid_request naming the field', async (_name, url, field) => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect(response.json().error.message).toContain(field);
  });

  it.each(BAD_IDS)('refuses the id of %s past the id column with 400', async (_name, method, url, body) => {
    const response = await admin.request(method, url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it.each(GOOD)('answers %s with a page', async (_name, url) => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
  });
});
