import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signInAdmin, type TestApp } from '../test-support/test-app.ts';

/** Requests an admin could send by mistake, each with the field its error must name. */
const BAD: Array<[string, string, string, unknown, string]> = [
  [
    'a missing username',
    'POST',
    '/api/admin/users',
    { email: '', displayName: 'X', groupId: 2, source: 'local' },
    'username',
  ],
  [
    'a username with spaces',
    'POST',
    '/api/admin/users',
    { username: 'a b', email: '', displayName: 'X', groupId: 2, source: 'local' },
    'username',
  ],
  [
    'an unknown sign-in source',
    'POST',
    '/api/admin/users',
    { username: 'x', email: '', displayName: 'X', groupId: 2, source: 'ldap' },
    'source',
  ],
  ['a malformed e-mail', 'PATCH', '/api/admin/users/1', { email: 'not-an-address' }, 'email'],
  ['a field that does not exist', 'PATCH', '/api/admin/users/1', { shoeSize: 42 }, 'shoeSize'],
  ['a non-numeric id', 'GET', '/api/admin/users/abc', undefined, 'id'],
  ['a negative window', 'PATCH', '/api/admin/settings', { verificationWindow: -1 }, 'verificationWindow'],
  ['an unknown method', 'PATCH', '/api/admin/settings', { methods: ['sms'] }, 'methods'],
  ['a blank group name', 'POST', '/api/admin/groups', { name: '   ' }, 'name'],
  ['a group name with a line break', 'POST', '/api/admin/groups', { name: 'Night\nshift' }, 'name'],
  [
    'a display name with a line break',
    'PATCH',
    '/api/admin/users/1',
    { displayName: 'Ana\r=HYPERLINK("x")' },
    'displayName',
  ],
  ['a page number of zero', 'GET', '/api/admin/audit?page=0', undefined, 'page'],
  ['an import without its file', 'POST', '/api/admin/users/import', { dryRun: true }, 'csv'],
  ['an import with a stray field', 'POST', '/api/admin/users/import', { csv: '', apply: 'yes' }, 'apply'],
  [
    'a grace end that is not a date',
    'POST',
    '/api/admin/settings/grace',
    { graceEndsAt: 'soon' },
    'graceEndsAt',
  ],
  [
    'a template without its active switch',
    'PUT',
    '/api/admin/notification-template',
    { subject: 'S', text: '{{code}}', html: '' },
    'active',
  ],
];

describe('bad request bodies', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(BAD)(
    'refuses %s with invalid_request naming the field',
    async (_name, method, url, body, field) => {
      const before = await t.ctx.db.selectFrom('audit_log').select('id').execute();
      const response = await admin.request(method, url, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toContain(field);
      const after = await t.ctx.db.selectFrom('audit_log').select('id').execute();
      expect(after).toHaveLength(before.length);
    },
  );

  it('refuses malformed JSON with a clear message', async () => {
    const response = await admin.request('PATCH', '/api/admin/settings', undefined, {
      'content-type': 'application/json',
      'x-csrf-token': admin.csrf as string,
    });
    expect(response.statusCode).toBe(400);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_request');
  });

  it('refuses a body larger than 64 KiB', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(70_000) }),
    });
    expect(response.statusCode).toBe(413);
  });
});
