import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, Client, createTestApp, PASSWORD, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

/** Every admin route with a body that would be valid, so only the caller decides the answer. */
const ADMIN_ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/admin/settings'],
  ['PATCH', '/api/admin/settings', { twoFactorEnabled: true }],
  ['GET', '/api/admin/users'],
  [
    'POST',
    '/api/admin/users',
    { username: 'new', email: '', displayName: 'New', groupId: 2, source: 'local' },
  ],
  ['GET', '/api/admin/users/1'],
  ['PATCH', '/api/admin/users/1', { displayName: 'Changed' }],
  ['POST', '/api/admin/users/1/unlock', {}],
  ['POST', '/api/admin/users/1/clear-email-limit', {}],
  ['GET', '/api/admin/users/1/invitation'],
  ['POST', '/api/admin/users/1/invitation', {}],
  ['GET', '/api/admin/invitations'],
  ['POST', '/api/admin/invitations', {}],
  ['GET', '/api/admin/users/1/recovery-codes'],
  ['GET', '/api/admin/users/1/remembered-devices'],
  ['POST', '/api/admin/users/1/remembered-devices/revoke', { ref: 'device' }],
  ['GET', '/api/admin/users/summary'],
  ['POST', '/api/admin/users/bulk', { action: 'reset-two-factor', ids: [1] }],
  ['GET', '/api/admin/security-mail'],
  ['PATCH', '/api/admin/security-mail', { password_changed: false }],
  ['GET', '/api/admin/groups'],
  ['POST', '/api/admin/groups', { name: 'Night shift' }],
  ['PATCH', '/api/admin/groups/2', { twoFactorEnabled: true }],
  ['GET', '/api/admin/api-keys'],
  ['POST', '/api/admin/api-keys', { name: 'CRM' }],
  ['DELETE', '/api/admin/api-keys/1'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/oidc/clients'],
  [
    'POST',
    '/api/admin/oidc/clients',
    { name: 'Wiki', redirectUris: ['https://wiki.test/cb'], confidential: true },
  ],
  ['DELETE', '/api/admin/oidc/clients/1'],
  ['POST', '/api/admin/settings/grace', { graceEndsAt: '2099-01-01' }],
  ['GET', '/api/admin/users/export'],
  [
    'POST',
    '/api/admin/users/import',
    { csv: 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled\n', dryRun: true },
  ],
  ['GET', '/api/admin/notification-template'],
  ['PUT', '/api/admin/notification-template', { subject: 'S', text: '{{code}}', html: '', active: true }],
  [
    'POST',
    '/api/admin/notification-template/preview',
    { subject: 'S', text: '{{code}}', html: '', active: true },
  ],
];

describe.each(databaseKinds())('admin route access on %s', (kind) => {
  let t: TestApp;
  let agent: Client;
  let pendingAdmin: Client;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await addUser(t, 'agnes');
    agent = new Client(t.app);
    await agent.post('/api/auth/login', { username: 'agnes', password: PASSWORD });
    await t.ctx.db.updateTable('settings').set({ two_factor_enabled: 1 }).execute();
    await addUser(t, 'adam', { group: 'Admin', twoFactorEnabled: true });
    pendingAdmin = new Client(t.app);
    await pendingAdmin.post('/api/auth/login', { username: 'adam', password: PASSWORD });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every admin route the app serves, so a new one cannot skip these checks', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/admin/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':param')}`,
        ),
      );
    const listed = ADMIN_ROUTES.map(
      ([method, url]) => `${method} ${url.replace(/\/\d+(?=\/|$)/g, '/:param')}`,
    );
    expect(served.length).toBeGreaterThan(15);
    expect([...new Set(listed)].sort()).toEqual([...new Set(served)].sort());
  });

  it.each(ADMIN_ROUTES)('answers %s %s with 401 for an anonymous caller', async (method, url, body) => {
    const response = await new Client(t.app).request(method, url, body);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('not_signed_in');
  });

  it.each(ADMIN_ROUTES)('answers %s %s with 403 for a signed-in Agent', async (method, url, body) => {
    const response = await agent.request(method, url, body);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it.each(ADMIN_ROUTES)(
    'answers %s %s with 403 for an admin who has not finished 2FA setup',
    async (method, url, body) => {
      const response = await pendingAdmin.request(method, url, body);
      expect(response.statusCode).toBe(403);
    },
  );

  it('changes nothing when a non-admin tries', async () => {
    const settings = await t.ctx.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
    expect(settings.two_factor_enabled).toBe(1);
    const groups = await t.ctx.db.selectFrom('groups').select('name').execute();
    expect(groups.map((g) => g.name)).not.toContain('Night shift');
    expect(await t.ctx.db.selectFrom('api_keys').selectAll().execute()).toHaveLength(0);
  });
});
