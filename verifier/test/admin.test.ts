import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addUser,
  Client,
  createTestApp,
  enroll,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())('administration on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const groupId = async (name: string) =>
    (await admin.get('/api/admin/groups')).json().items.find((g: { name: string }) => g.name === name)
      .id as number;

  it('refuses to leave the verifier without an admin, by group or by sign-in source, and changes nothing', async () => {
    const me = (await admin.get('/api/me')).json().user.id as number;
    const toAgent = await admin.patch(`/api/admin/users/${me}`, { groupId: await groupId('Agent') });
    expect(toAgent.statusCode).toBe(409);
    expect(toAgent.json().error.code).toBe('cannot_remove_last_admin');
    expect((await admin.patch(`/api/admin/users/${me}`, { source: 'sso' })).statusCode).toBe(409);
    expect((await admin.get('/api/admin/users')).statusCode).toBe(200);

    await addUser(t, 'second', { group: 'Admin' });
    expect(
      (await admin.patch(`/api/admin/users/${me}`, { groupId: await groupId('Agent') })).statusCode,
    ).toBe(200);
  });

  it('starts with 2FA off, window ±1 and the four default groups', async () => {
    expect((await admin.get('/api/admin/settings')).json()).toMatchObject({
      twoFactorEnabled: false,
      verificationWindow: 1,
      methods: ['totp'],
    });
    const groups = (await admin.get('/api/admin/groups')).json().items;
    expect(groups.map((g: { name: string }) => g.name)).toEqual(['Admin', 'Agent', 'Analyst', 'Supervisor']);
    expect(
      groups.every(
        (g: { isDefault: boolean; twoFactorEnabled: boolean }) => g.isDefault && g.twoFactorEnabled,
      ),
    ).toBe(true);
    expect(groups[0].memberCount).toBe(1);
  });

  it('updates settings and refuses a window above 10 without changing anything', async () => {
    const updated = await admin.patch('/api/admin/settings', {
      twoFactorEnabled: true,
      organisationName: 'Acme',
    });
    expect(updated.json()).toMatchObject({ twoFactorEnabled: true, organisationName: 'Acme' });
    const tooWide = await admin.patch('/api/admin/settings', {
      verificationWindow: 11,
      organisationName: 'Other',
    });
    expect(tooWide.statusCode).toBe(400);
    expect(tooWide.json().error).toMatchObject({ code: 'invalid_request' });
    expect(tooWide.json().error.message).toContain('verificationWindow');
    expect((await admin.get('/api/admin/settings')).json()).toMatchObject({
      organisationName: 'Acme',
      verificationWindow: 1,
    });
  });

  it('computes each status rule: system off, group off, user off, Pending, Activated', async () => {
    const status = async (username: string) =>
      (await admin.get(`/api/admin/users?query=${username}`)).json().items[0].twoFactorStatus;
    await addUser(t, 'deskagent', { twoFactorEnabled: true });
    expect(await status('deskagent')).toBe('Disabled');
    await admin.patch('/api/admin/settings', { twoFactorEnabled: true });
    expect(await status('deskagent')).toBe('Pending');
    await addUser(t, 'erin');
    expect(await status('erin')).toBe('Disabled');
    await enroll(t, 'deskagent');
    expect(await status('deskagent')).toBe('Activated');
    await addUser(t, 'ssouser', { source: 'sso', twoFactorEnabled: true });
    expect(await status('ssouser')).toBe('Disabled');

    const night = (await admin.post('/api/admin/groups', { name: 'Night shift' })).json();
    expect(night).toMatchObject({ isDefault: false, twoFactorEnabled: false });
    await addUser(t, 'nightagent', { group: 'Night shift' });
    const nightAgent = (await admin.get('/api/admin/users?query=nightagent')).json().items[0];
    expect(nightAgent).toMatchObject({ twoFactorAvailable: false, twoFactorStatus: 'Disabled' });
    const refused = await admin.patch(`/api/admin/users/${nightAgent.id}`, { twoFactorEnabled: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('two_factor_unavailable');
    await admin.patch(`/api/admin/groups/${night.id}`, { twoFactorEnabled: true });
    const enabled = await admin.patch(`/api/admin/users/${nightAgent.id}`, { twoFactorEnabled: true });
    expect(enabled.json()).toMatchObject({ twoFactorAvailable: true, twoFactorStatus: 'Pending' });
    await admin.patch(`/api/admin/groups/${night.id}`, { twoFactorEnabled: false });
    expect(await status('nightagent')).toBe('Disabled');
  });

  it('resets a lost device: switching 2FA off deletes the credential, on again makes the user Pending', async () => {
    await admin.patch('/api/admin/settings', { twoFactorEnabled: true });
    const id = await addUser(t, 'deskagent', { twoFactorEnabled: true });
    await enroll(t, 'deskagent');
    const off = await admin.patch(`/api/admin/users/${id}`, { twoFactorEnabled: false });
    expect(off.json().twoFactorStatus).toBe('Disabled');
    expect(await t.ctx.db.selectFrom('credentials').selectAll().execute()).toHaveLength(0);
    const on = await admin.patch(`/api/admin/users/${id}`, { twoFactorEnabled: true });
    expect(on.json().twoFactorStatus).toBe('Pending');
    const login = await new Client(t.app).post('/api/auth/login', {
      username: 'deskagent',
      password: PASSWORD,
    });
    expect(login.json().step).toBe('setup');
    const audit = (await admin.get('/api/admin/audit?event=user.two_factor_reset')).json();
    expect(audit.items[0]).toMatchObject({ actor: 'admin', target: 'deskagent', ip: '127.0.0.1' });
  });

  it('creates users, refuses a taken username and a short password, and finds users by name', async () => {
    const body = {
      username: 'Agent',
      email: 'agent@example.test',
      displayName: 'Agent',
      groupId: await groupId('Analyst'),
      source: 'local',
      password: 'twelve chars!',
    };
    const created = await admin.post('/api/admin/users', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'agent',
      group: { name: 'Analyst' },
      twoFactorStatus: 'Disabled',
    });
    const taken = await admin.post('/api/admin/users', { ...body, username: 'AGENT' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('username_taken');
    const weak = await admin.post('/api/admin/users', { ...body, username: 'other', password: 'short' });
    expect(weak.json().error.code).toBe('weak_password');
    const bad = await admin.post('/api/admin/users', { ...body, username: 'has space' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('username');
    const page = (await admin.get('/api/admin/users?query=gen&pageSize=1')).json();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 1, items: [{ username: 'agent' }] });
    expect((await admin.get('/api/admin/users?pageSize=101')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/users/999')).statusCode).toBe(404);
  });

  it('keeps default groups named and 2FA-capable, and refuses duplicate group names', async () => {
    const agent = await groupId('Agent');
    const rename = await admin.patch(`/api/admin/groups/${agent}`, { name: 'Agents' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('default_group');
    expect((await admin.patch(`/api/admin/groups/${agent}`, { twoFactorEnabled: false })).statusCode).toBe(
      409,
    );
    expect((await admin.post('/api/admin/groups', { name: 'Admin' })).json().error.code).toBe('group_exists');
    const custom = (await admin.post('/api/admin/groups', { name: 'Temps' })).json();
    expect((await admin.patch(`/api/admin/groups/${custom.id}`, { name: 'Contractors' })).json().name).toBe(
      'Contractors',
    );
  });

  it('shows an API key once, stores only its hash, and lists it with its prefix', async () => {
    const created = await admin.post('/api/admin/api-keys', { name: 'CRM' });
    expect(created.statusCode).toBe(201);
    const { key, prefix, id } = created.json();
    expect(key.startsWith(prefix)).toBe(true);
    const listed = (await admin.get('/api/admin/api-keys')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, name: 'CRM', prefix, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    const stored = await t.ctx.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);
    expect((await admin.delete(`/api/admin/api-keys/${id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/admin/api-keys/${id}`)).statusCode).toBe(404);
  });

  it('pages and filters the audit log by user, event and date', async () => {
    await admin.post('/api/admin/groups', { name: 'One' });
    t.clock.advance(2 * 86_400_000);
    admin = await signInAdmin(t);
    await admin.post('/api/admin/groups', { name: 'Two' });
    await new Client(t.app).post('/api/auth/login', { username: 'ghost', password: 'wrong password' });
    const groups = (await admin.get('/api/admin/audit?event=group.created')).json();
    expect(groups.items.map((e: { target: string }) => e.target)).toEqual(['Two', 'One']);
    const day = new Date(t.clock.now()).toISOString().slice(0, 10);
    const today = (await admin.get(`/api/admin/audit?event=group.created&from=${day}&to=${day}`)).json();
    expect(today.items.map((e: { target: string }) => e.target)).toEqual(['Two']);
    const ghost = (await admin.get('/api/admin/audit?user=ghost')).json();
    expect(ghost.items).toEqual([
      expect.objectContaining({ event: 'sign_in.password_failed', target: 'ghost' }),
    ]);
    const paged = (await admin.get('/api/admin/audit?pageSize=1&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.total).toBeGreaterThan(2);
    expect((await admin.get('/api/admin/audit?from=yesterday')).json().error.message).toContain('from');
  });
});
